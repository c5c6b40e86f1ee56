package org.srplatform.store.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The deployment (etc/org.srplatform.platform.cfg): bin/sr-platform's --data and --demo, substituted
 * there by FileInstall from the launcher's framework properties sr.data and sr.demo.
 */
@ObjectClassDefinition(pid = "org.srplatform.platform", name = "SR platform deployment",
        description = "The data folder and demo mode, as bin/sr-platform was started.")
public @interface PlatformConfig {

    @AttributeDefinition(name = "Data folder", description = "Database, attachments, the first administrator's password file")
    String data_dir() default "";

    @AttributeDefinition(name = "Demo mode",
            description = "Demo data and users whose passwords are their names; never in production")
    boolean demo() default false;
}
