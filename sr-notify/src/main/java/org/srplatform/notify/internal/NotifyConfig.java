package org.srplatform.notify.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.srplatform.notify.cfg}: how the outbox is delivered. */
@ObjectClassDefinition(name = "SR notifications", description = "The outbox dispatcher, its retries and templates")
public @interface NotifyConfig {
    String PID = "org.srplatform.notify";

    @AttributeDefinition(name = "Dispatcher threads", description = "Messages sent at once by this node")
    int dispatcher_threads() default 2;

    @AttributeDefinition(name = "Claim batch", description = "Messages a thread claims at a time")
    int claim_batch() default 20;

    @AttributeDefinition(name = "Lease (seconds)", description = "How long a claimed message is this node's; longer"
            + " than any send takes (a node that dies leaves its messages to others after it)")
    int lease_seconds() default 120;

    @AttributeDefinition(name = "Poll interval (milliseconds)", description = "How often an idle dispatcher looks"
            + " for due messages when no new SR woke it")
    int poll_millis() default 1000;

    @AttributeDefinition(name = "First retry (seconds)", description = "Wait after the first failed attempt; doubled"
            + " after each further one, with a fifth of jitter either way")
    int retry_first_seconds() default 30;

    @AttributeDefinition(name = "Longest wait between retries (seconds)")
    int retry_max_seconds() default 3600;

    @AttributeDefinition(name = "Give up after (hours)", description = "Of retrying; the message is then DEAD, for"
            + " an operator to look at and retry (POST /api/v1/admin/outbox/{id}/retry)")
    double give_up_hours() default 24;

    @AttributeDefinition(name = "Templates folder", description = "The operator's templates (<KIND>.<language>.txt),"
            + " each replacing the platform's of that name; default <etc>/templates")
    String templates_dir() default "";

    @AttributeDefinition(name = "Mailbox", description = "Keep every message in the mailbox (GET /api/v1/mailbox):"
            + " auto = in demo mode only, always, never")
    String mailbox() default "auto";

    @AttributeDefinition(name = "Confirmations at risk (minutes)", description = "Health says DEGRADED when a"
            + " confirmation is not sent this long before it is due, or is overdue")
    int confirmation_at_risk_minutes() default 15;
}
