package org.srplatform.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Browser sessions (PID {@value #PID}): how long a signed-in browser stays signed in. */
@ObjectClassDefinition(pid = SessionConfig.PID, name = "SR web: browser sessions",
        description = "Idle and absolute expiry of the web UI's sessions, and how long a node trusts what it read")
@interface SessionConfig {
    String PID = "org.srplatform.web.session";

    @AttributeDefinition(description = "Minutes without a request after which a session ends")
    int idle_minutes() default 30;

    @AttributeDefinition(description = "Hours after sign-in after which a session ends however busy it is")
    int absolute_hours() default 12;

    @AttributeDefinition(description = "Seconds a node uses a session it read from the database without reading it"
            + " again: a sign-out or revocation on another node takes at most this long to reach this one")
    int cache_seconds() default 10;

    @AttributeDefinition(description = "Most sessions a node keeps in memory")
    int cache_size() default 10000;
}
