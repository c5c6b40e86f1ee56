package org.srplatform.partner.contract.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.srplatform.partner.contract.cfg}: the vendors customers have their own contracts with. */
@ObjectClassDefinition(name = "Existing support contract connector",
        description = "Opens cases by e-mail with vendors the customer has a support contract with")
public @interface ContractConfig {
    String PID = "org.srplatform.partner.contract";

    @AttributeDefinition(name = "Vendors", description = "Comma-separated, one entry per vendor: id|Name|support"
            + " e-mail address, e.g. globex|Globex Storage|support@globex.example")
    String vendors() default "";
}
