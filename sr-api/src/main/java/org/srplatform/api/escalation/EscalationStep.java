package org.srplatform.api.escalation;

import java.time.Instant;
import java.util.Objects;
import org.srplatform.api.common.Actor;

/**
 * One step of an escalation's own history (the SR's timeline has it too).
 *
 * @param at       when
 * @param actor    who
 * @param kind     {@code REQUESTED}, {@code ACCEPTED}, {@code ACTION_PLAN}, {@code UPDATE_OVERDUE}...: an open set
 * @param summary  one line for people
 * @param internal staff only: never shown to the customer
 * @since 1.1
 */
public record EscalationStep(Instant at, Actor actor, String kind, String summary, boolean internal) {
    public EscalationStep {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
    }
}
