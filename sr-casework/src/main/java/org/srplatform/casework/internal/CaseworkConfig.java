package org.srplatform.casework.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.srplatform.casework.cfg}: how SRs are worked once opened. */
@ObjectClassDefinition(name = "SR casework", description = "Queues, SLA clocks, alerts and auto-closure")
public @interface CaseworkConfig {
    String PID = "org.srplatform.casework";

    @AttributeDefinition(name = "At-risk share", description = "Share of a target's time used when the assignee"
            + " and the duty managers are told it is at risk (0 < share < 1)")
    double at_risk_share() default 0.75;

    @AttributeDefinition(name = "Days until a resolved SR closes", description = "Without a customer reply; the"
            + " customer may reopen it before then")
    double resolved_close_days() default 7;

    @AttributeDefinition(name = "Update cadence, severity 1 (hours)", description = "Hours between updates the"
            + " customer can expect while the SR is open; counted like the offering's first-response target")
    double update_hours_severity1() default 4;

    @AttributeDefinition(name = "Update cadence, severity 2 (hours)")
    double update_hours_severity2() default 12;

    @AttributeDefinition(name = "Update cadence, severity 3 (hours)")
    double update_hours_severity3() default 36;

    @AttributeDefinition(name = "Update cadence, severity 4 (hours)")
    double update_hours_severity4() default 60;

    @AttributeDefinition(name = "Target watch interval (seconds)", description = "How often targets at risk,"
            + " breached targets and resolved SRs due to close are looked for")
    int watch_interval_seconds() default 30;
}
