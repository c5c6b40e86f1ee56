package org.srplatform.escalation.internal;

import java.time.Instant;
import java.util.Optional;
import org.srplatform.api.escalation.CommunicationPlan;
import org.srplatform.api.escalation.CustomerAgreement;
import org.srplatform.api.escalation.Escalation;
import org.srplatform.api.escalation.EscalationDue;
import org.srplatform.api.escalation.EscalationState;

/** The mutable copy of an escalation that one step changes before it is written back. */
final class EscalationDraft {
    private final Escalation base;
    EscalationState state;
    Optional<String> escalationEngineer;
    Optional<String> actionPlan;
    Optional<CommunicationPlan> communicationPlan;
    Optional<CustomerAgreement> agreement;
    String resources;
    String processCorrections;
    Optional<Instant> lastUpdateAt;
    Optional<EscalationDue> due;
    boolean conferenceCallDue;
    Optional<Instant> tooSlowAt;
    Optional<Instant> deEscalatedAt;
    int planRevision;
    Optional<Instant> watchAt;

    EscalationDraft(EscalationRows.Stored stored) {
        Escalation e = stored.escalation();
        this.base = e;
        this.state = e.state();
        this.escalationEngineer = e.escalationEngineer();
        this.actionPlan = e.actionPlan();
        this.communicationPlan = e.communicationPlan();
        this.agreement = e.agreement();
        this.resources = e.resources();
        this.processCorrections = e.processCorrections();
        this.lastUpdateAt = e.lastUpdateAt();
        this.due = e.due();
        this.conferenceCallDue = e.conferenceCallDue();
        this.tooSlowAt = e.tooSlowAt();
        this.deEscalatedAt = e.deEscalatedAt();
        this.planRevision = stored.planRevision();
        this.watchAt = stored.watchAt();
    }

    /** A new due: the overdue watch looks at it when its time comes. */
    void owe(EscalationDue.Kind kind, Instant at) {
        EscalationDue next = new EscalationDue(kind, at);
        if (due.filter(next::equals).isEmpty()) {
            due = Optional.of(next);
            watchAt = Optional.of(at);
        }
    }

    /** Nothing more is owed (de-escalated). */
    void oweNothing() {
        due = Optional.empty();
        watchAt = Optional.empty();
    }

    EscalationRows.Stored build(Instant now) {
        Escalation e = new Escalation(base.id(), base.request(), base.region(), state, base.asked(), base.requestedBy(),
                base.requestedAt(), escalationEngineer, actionPlan, communicationPlan, agreement, now, resources,
                processCorrections, lastUpdateAt, due, conferenceCallDue, tooSlowAt, deEscalatedAt);
        return new EscalationRows.Stored(e, planRevision, watchAt);
    }
}
