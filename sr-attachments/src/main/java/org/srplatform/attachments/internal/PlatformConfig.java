package org.srplatform.attachments.internal;

/**
 * The deployment's configuration (PID {@code org.srplatform.platform}, etc/org.srplatform.platform.cfg),
 * as far as attachments need it.
 */
@interface PlatformConfig {
    /** The platform's data folder ({@code --data}); empty when the configuration does not say. */
    String data_dir() default "";
}
