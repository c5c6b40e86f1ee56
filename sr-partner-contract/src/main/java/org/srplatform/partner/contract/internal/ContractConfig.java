package org.srplatform.partner.contract.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.srplatform.partner.contract.cfg}: the vendors customers have their own contracts with. */
@ObjectClassDefinition(name = "Existing support contract connector",
        description = "Opens cases by e-mail with vendors the customer has a support contract with")
public @interface ContractConfig {
    String PID = "org.srplatform.partner.contract";

    @AttributeDefinition(name = "Vendors", description = "Comma-separated, one entry per vendor: id|Name|support"
            + " e-mail address, e.g. globex|Globex Storage|support@globex.example")
    String vendors() default "";

    @AttributeDefinition(name = "Reply push secret", type = AttributeType.PASSWORD, required = false,
            description = "The secret the inbound mail gateway signs vendors' replies with (Standard Webhooks), posted"
                    + " to POST /api/v1/partner-events/contract; at least 16 characters, or whsec_ and Base64. Empty:"
                    + " replies are not taken, staff enter the vendor's answers. Never logged nor shown")
    String webhook_secret() default "";

    @AttributeDefinition(name = "Case number pattern", description = "A regular expression whose first group is"
            + " the vendor's case number in its reply (subject first, then text)")
    String case_number_pattern() default ContractReplies.DEFAULT_CASE_NUMBER;
}
