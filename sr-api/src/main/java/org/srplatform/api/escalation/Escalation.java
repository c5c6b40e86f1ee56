package org.srplatform.api.escalation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.request.SrNumber;

/**
 * An escalation of an SR.
 *
 * @param id                 stable id
 * @param request            the escalated SR
 * @param region             the region whose escalation managers review it
 * @param state              lifecycle state
 * @param asked              the request with its pre-checks
 * @param requestedBy        login of who asked
 * @param requestedAt        when
 * @param escalationEngineer the owner, once accepted
 * @param actionPlan         the action plan, once presented
 * @param communicationPlan  the agreed plan, once agreed
 * @param agreement          the customer's agreement to de-escalate
 * @param updatedAt          last change
 */
public record Escalation(String id, SrNumber request, String region, EscalationState state,
        EscalationRequest asked, String requestedBy, Instant requestedAt, Optional<String> escalationEngineer,
        Optional<String> actionPlan, Optional<CommunicationPlan> communicationPlan,
        Optional<CustomerAgreement> agreement, Instant updatedAt) {
    public Escalation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        escalationEngineer = escalationEngineer == null ? Optional.empty() : escalationEngineer;
        actionPlan = actionPlan == null ? Optional.empty() : actionPlan;
        communicationPlan = communicationPlan == null ? Optional.empty() : communicationPlan;
        agreement = agreement == null ? Optional.empty() : agreement;
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean isOpen() {
        return state != EscalationState.DE_ESCALATED;
    }
}
