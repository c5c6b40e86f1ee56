package org.srplatform.escalation.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.srplatform.api.escalation.ActionPlanRevision;
import org.srplatform.api.escalation.CommunicationPlan;
import org.srplatform.api.escalation.CustomerAgreement;
import org.srplatform.api.escalation.Escalation;
import org.srplatform.api.escalation.EscalationDetails;
import org.srplatform.api.escalation.EscalationStep;
import org.srplatform.api.escalation.EscalationUpdate;
import org.srplatform.api.escalation.Milestone;
import org.srplatform.api.request.SupportRequest;

/**
 * An escalation as the API shows it, with what the daily review needs from its SR (severity, subject, account)
 * and its flags at the time of the answer. {@code resources} and {@code processCorrections} are for staff: a
 * customer's answer has no such keys. The lists are there only for one escalation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EscalationView(String id, String request, String region, String state, String reason,
        boolean problemStatementConfirmed, boolean businessImpactConfirmed, boolean workaroundUnacceptable,
        List<MilestoneView> milestones, String detail, String requestedBy, Instant requestedAt,
        String escalationEngineer, String resources, String processCorrections, String actionPlan,
        PlanView communicationPlan, Instant lastUpdateAt, Instant nextUpdateDueAt, DueView due, List<String> overdue,
        boolean conferenceCallDue, Instant tooSlowAt, Instant deEscalatedAt, AgreementView agreement,
        Instant updatedAt, Integer severity, String srSubject, String account, String age,
        List<PlanRevisionView> actionPlans, List<UpdateView> updates, List<StepView> history) {

    public record MilestoneView(String name, String date) {
    }

    public record PlanView(List<String> channels, int everyHours, List<String> participants) {
    }

    public record DueView(String kind, Instant at) {
    }

    public record AgreementView(String name, Instant at, String note) {
    }

    public record PlanRevisionView(int revision, String text, String by, Instant at) {
    }

    public record UpdateView(Instant at, String by, String channel, String text, Instant dueAt, boolean late) {
    }

    public record StepView(Instant at, String by, String kind, String summary) {
    }

    static EscalationView of(Escalation e, Optional<SupportRequest> sr, boolean staff, Instant now) {
        return of(e, sr, staff, now, null, null, null);
    }

    static EscalationView of(EscalationDetails d, Optional<SupportRequest> sr, boolean staff, Instant now) {
        return of(d.escalation(), sr, staff, now,
                d.actionPlans().stream().map(EscalationView::revision).toList(),
                d.updates().stream().map(EscalationView::update).toList(),
                d.history().stream().filter(s -> staff || !s.internal()).map(EscalationView::step).toList());
    }

    private static EscalationView of(Escalation e, Optional<SupportRequest> sr, boolean staff, Instant now,
            List<PlanRevisionView> plans, List<UpdateView> updates, List<StepView> history) {
        Instant nextUpdate = e.due().filter(d -> d.kind() == org.srplatform.api.escalation.EscalationDue.Kind.UPDATE)
                .map(d -> d.at()).orElse(null);
        Instant end = e.deEscalatedAt().orElse(now);
        return new EscalationView(e.id(), e.request().toString(), e.region(), e.state().name(),
                e.asked().reason().name(), e.asked().problemStatementConfirmed(), e.asked().businessImpactConfirmed(),
                e.asked().workaroundUnacceptable(),
                e.asked().milestones().stream().map(EscalationView::milestone).toList(), e.asked().detail(),
                e.requestedBy(), e.requestedAt(), e.escalationEngineer().orElse(null),
                staff ? e.resources() : null, staff ? e.processCorrections() : null, e.actionPlan().orElse(null),
                e.communicationPlan().map(EscalationView::plan).orElse(null), e.lastUpdateAt().orElse(null),
                nextUpdate, e.due().map(d -> new DueView(d.kind().name(), d.at())).orElse(null), e.overdueAt(now),
                e.conferenceCallDue(), e.tooSlowAt().orElse(null), e.deEscalatedAt().orElse(null),
                e.agreement().map(EscalationView::agreement).orElse(null), e.updatedAt(),
                sr.map(r -> r.severity().level()).orElse(null), sr.map(SupportRequest::subject).orElse(null),
                sr.map(SupportRequest::account).orElse(null),
                Duration.between(e.requestedAt(), end).withNanos(0).toString(), plans, updates, history);
    }

    private static MilestoneView milestone(Milestone m) {
        return new MilestoneView(m.name(), m.date().toString());
    }

    private static PlanView plan(CommunicationPlan p) {
        return new PlanView(p.channels().stream().map(Enum::name).sorted().toList(), p.everyHours(), p.participants());
    }

    private static AgreementView agreement(CustomerAgreement a) {
        return new AgreementView(a.name(), a.at(), a.note());
    }

    private static PlanRevisionView revision(ActionPlanRevision r) {
        return new PlanRevisionView(r.revision(), r.text(), r.by().id(), r.at());
    }

    private static UpdateView update(EscalationUpdate u) {
        return new UpdateView(u.at(), u.by().id(), u.channel().name(), u.text(), u.dueAt().orElse(null), u.late());
    }

    private static StepView step(EscalationStep s) {
        return new StepView(s.at(), s.actor().id(), s.kind(), s.summary());
    }
}
