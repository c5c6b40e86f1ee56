package org.srplatform.api.escalation;

import java.time.Instant;
import java.util.Objects;
import org.srplatform.api.common.Actor;

/**
 * One revision of an escalation's action plan; every revision is kept.
 *
 * @param revision 1 for the first plan presented, then counting
 * @param text     the plan
 * @param by       the escalation engineer who wrote it
 * @param at       when
 * @since 1.1
 */
public record ActionPlanRevision(int revision, String text, Actor by, Instant at) {
    public ActionPlanRevision {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
