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
 * @param resources          the resources the regional escalation manager assigned, each addition on its own
 *                           line (staff only)
 * @param processCorrections the process corrections decided (staff only)
 * @param lastUpdateAt       when the customer was last given an update under the communication plan
 * @param due                what the escalation team owes next, and by when; empty once de-escalated
 * @param conferenceCallDue  the customer said "too slow": a conference call of all parties is due (an update
 *                           on {@link CommunicationChannel#CONFERENCE_CALL} holds it)
 * @param tooSlowAt          when the customer last said it is too slow
 * @param deEscalatedAt      when it was de-escalated
 * @since 1.1 (the components from {@code resources} on)
 */
public record Escalation(String id, SrNumber request, String region, EscalationState state,
        EscalationRequest asked, String requestedBy, Instant requestedAt, Optional<String> escalationEngineer,
        Optional<String> actionPlan, Optional<CommunicationPlan> communicationPlan,
        Optional<CustomerAgreement> agreement, Instant updatedAt, String resources, String processCorrections,
        Optional<Instant> lastUpdateAt, Optional<EscalationDue> due, boolean conferenceCallDue,
        Optional<Instant> tooSlowAt, Optional<Instant> deEscalatedAt) {
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
        resources = resources == null ? "" : resources;
        processCorrections = processCorrections == null ? "" : processCorrections;
        lastUpdateAt = lastUpdateAt == null ? Optional.empty() : lastUpdateAt;
        due = due == null ? Optional.empty() : due;
        tooSlowAt = tooSlowAt == null ? Optional.empty() : tooSlowAt;
        deEscalatedAt = deEscalatedAt == null ? Optional.empty() : deEscalatedAt;
    }

    /** The release 1.0 shape: no resources, updates or dues known. */
    public Escalation(String id, SrNumber request, String region, EscalationState state, EscalationRequest asked,
            String requestedBy, Instant requestedAt, Optional<String> escalationEngineer, Optional<String> actionPlan,
            Optional<CommunicationPlan> communicationPlan, Optional<CustomerAgreement> agreement, Instant updatedAt) {
        this(id, request, region, state, asked, requestedBy, requestedAt, escalationEngineer, actionPlan,
                communicationPlan, agreement, updatedAt, "", "", Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty());
    }

    /**
     * The daily review's flags at {@code now}: the kind of what is due if its time passed, and
     * {@code CONFERENCE_CALL} while one is due.
     *
     * @since 1.1
     */
    public java.util.List<String> overdueAt(Instant now) {
        java.util.List<String> flags = new java.util.ArrayList<>();
        due.filter(d -> d.passed(now)).ifPresent(d -> flags.add(d.kind().name()));
        if (conferenceCallDue) {
            flags.add("CONFERENCE_CALL");
        }
        return java.util.List.copyOf(flags);
    }

    public boolean isOpen() {
        return state != EscalationState.DE_ESCALATED;
    }
}
