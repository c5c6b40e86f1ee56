package org.srplatform.notify.tsanet.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.srplatform.partner.tsanet.cfg}: where TSANet Connect is and how the platform signs in there.
 * The keys {@code base.url}, {@code username}, {@code password} and {@code poll.seconds} are part of the
 * operations contract (API.md).
 */
// Designated here, not with @Designate: the setup reads two PIDs (this one and org.srplatform.platform for demo
// mode), and @Designate needs exactly one.
@ObjectClassDefinition(pid = TsanetConfig.PID, name = "SR TSANet connector",
        description = "TSANet Connect, through which collaborations with other TSANet members are opened. Without"
                + " base.url nothing is sent (in demo mode: the platform's own TSANet simulator).")
public @interface TsanetConfig {
    String PID = "org.srplatform.partner.tsanet";
    String FILE = "etc/" + PID + ".cfg";

    @AttributeDefinition(name = "TSANet Connect URL", required = false,
            description = "Up to but not including /v1, e.g. https://connect2.tsanet.org. Empty: TSANet is not set up"
                    + " (in demo mode the platform's own simulator is used)")
    String base_url() default "";

    @AttributeDefinition(name = "User", required = false, description = "The TSANet Connect API user")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Its password; never logged nor shown")
    String password() default "";

    @AttributeDefinition(name = "Poll interval (seconds)", min = "1",
            description = "How often open collaborations should be asked for news (a service property for the poller)")
    int poll_seconds() default 60;

    @AttributeDefinition(name = "Timeout (seconds)", min = "1",
            description = "Longest wait to connect and for each answer")
    int timeout_seconds() default 30;

    @AttributeDefinition(name = "Contact name", required = false,
            description = "submitterContactDetails: who the receiving member calls back; empty: the requesting"
                    + " engineer's login")
    String contact_name() default "";

    @AttributeDefinition(name = "Contact e-mail", required = false, description = "submitterContactDetails' e-mail")
    String contact_email() default "";

    @AttributeDefinition(name = "Contact phone", required = false, description = "submitterContactDetails' phone")
    String contact_phone() default "";

    @AttributeDefinition(name = "Push secret", type = AttributeType.PASSWORD, required = false,
            description = "The secret TSANet (or a relay) signs its pushes with (Standard Webhooks: webhook-id,"
                    + " webhook-timestamp, webhook-signature), sent to POST /api/v1/partner-events/tsanet; at least 16"
                    + " characters, or whsec_ and Base64. Empty: no pushes are taken and cases are followed by polling"
                    + " alone. Never logged nor shown")
    String webhook_secret() default "";
}
