package org.srplatform.api.escalation;

import java.util.List;
import java.util.Objects;

/**
 * A request to escalate, with the pre-checks the process asks for before escalating.
 *
 * @param reason                    why
 * @param problemStatementConfirmed the SR's problem statement is right
 * @param businessImpactConfirmed   the business impact is stated accurately
 * @param workaroundUnacceptable    any workaround is unworkable or unsuitable
 * @param milestones                critical dates, recorded in the SR
 * @param detail                    free text
 */
public record EscalationRequest(EscalationReason reason, boolean problemStatementConfirmed,
        boolean businessImpactConfirmed, boolean workaroundUnacceptable, List<Milestone> milestones, String detail) {
    public EscalationRequest {
        Objects.requireNonNull(reason, "reason");
        milestones = List.copyOf(milestones);
        detail = detail == null ? "" : detail;
    }
}
