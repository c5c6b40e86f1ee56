package org.srplatform.escalation.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.srplatform.escalation.cfg}: how soon the escalation team owes what, and the daily digest. */
@ObjectClassDefinition(name = "SR escalation", description = "Escalation targets, the overdue watch and the daily digest")
public @interface EscalationConfig {
    String PID = "org.srplatform.escalation";

    @AttributeDefinition(name = "Acceptance (hours)", description = "Hours the regional escalation managers have to"
            + " accept a requested escalation and name an escalation engineer")
    double acceptance_hours() default 2;

    @AttributeDefinition(name = "Plans (hours)", description = "Hours the escalation engineer has, once named, to"
            + " present the action plan and agree the communication plan")
    double plans_hours() default 8;

    @AttributeDefinition(name = "Watch interval (seconds)", description = "How often overdue escalations and the"
            + " digest's hour are looked for")
    int watch_interval_seconds() default 60;

    @AttributeDefinition(name = "Digest hour", description = "Hour of the day (0-23, in digest.zone) at which each"
            + " region's regional escalation managers get the daily review of their open escalations; -1: none")
    int digest_hour() default 7;

    @AttributeDefinition(name = "Digest time zone", description = "Time zone of digest.hour, e.g. Asia/Singapore")
    String digest_zone() default "UTC";

    @AttributeDefinition(name = "Digest lines", description = "Escalations listed in a digest, overdue first; the"
            + " rest are counted")
    int digest_lines() default 200;
}
