package org.srplatform.api.escalation;

import java.util.List;
import java.util.Objects;

/**
 * An escalation with everything kept about it: every action plan revision, every update, every step.
 *
 * @since 1.1
 */
public record EscalationDetails(Escalation escalation, List<ActionPlanRevision> actionPlans,
        List<EscalationUpdate> updates, List<EscalationStep> history) {
    public EscalationDetails {
        Objects.requireNonNull(escalation, "escalation");
        actionPlans = List.copyOf(actionPlans);
        updates = List.copyOf(updates);
        history = List.copyOf(history);
    }
}
