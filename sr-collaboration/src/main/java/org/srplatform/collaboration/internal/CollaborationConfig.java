package org.srplatform.collaboration.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.srplatform.collaboration.cfg}: how calls to partners are retried and followed. */
@ObjectClassDefinition(name = "SR collaborations", description = "Calls to partner connectors and their follow-up")
public @interface CollaborationConfig {
    String PID = "org.srplatform.collaboration";

    @AttributeDefinition(name = "Dispatch poll (ms)", description = "How often due partner calls are looked for")
    int dispatch_poll_millis() default 1000;

    @AttributeDefinition(name = "Follow interval (seconds)", description = "How often each open collaboration's"
            + " partner is asked for news (accepted, rejected, information asked, notes)")
    int follow_seconds() default 60;

    @AttributeDefinition(name = "First retry (seconds)")
    int retry_first_seconds() default 30;

    @AttributeDefinition(name = "Longest wait between retries (seconds)")
    int retry_max_seconds() default 3600;

    @AttributeDefinition(name = "Give up after (hours)", description = "A call still failing after this long is"
            + " given up: the collaboration is FAILED and the outbox lists it as DEAD (retry it there)")
    double give_up_hours() default 24;

    @AttributeDefinition(name = "Lease (seconds)", description = "How long a claimed call is another node's to finish")
    int lease_seconds() default 120;
}
