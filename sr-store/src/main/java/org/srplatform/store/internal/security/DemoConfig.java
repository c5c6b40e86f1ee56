package org.srplatform.store.internal.security;

/**
 * The demo's rules (PID org.srplatform.demo, etc/org.srplatform.demo.cfg) that concern users. The
 * user directory applies them only while {@link PlatformConfig#demo()} is true.
 */
@interface DemoConfig {
    /** 0: the demo configuration sets no password rule, the normal one applies. */
    int demo_password_min_length() default 0;
}
