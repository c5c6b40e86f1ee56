package org.srplatform.api.escalation;

import java.util.Objects;

/** The checks before de-escalating, and the customer's agreement. */
public record DeEscalation(boolean actionPlanAccepted, boolean rootCauseConfirmed, CustomerAgreement customerAgreement) {
    public DeEscalation {
        Objects.requireNonNull(customerAgreement, "customerAgreement");
    }
}
