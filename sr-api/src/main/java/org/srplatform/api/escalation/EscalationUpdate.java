package org.srplatform.api.escalation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.common.Actor;

/**
 * An update given to the customer under the communication plan.
 *
 * @param at      when it was given
 * @param by      who gave it
 * @param channel how
 * @param text    what the customer was told
 * @param dueAt   when the plan had it due, if a plan was agreed
 * @param late    given after {@code dueAt}
 * @since 1.1
 */
public record EscalationUpdate(Instant at, Actor by, CommunicationChannel channel, String text,
        Optional<Instant> dueAt, boolean late) {
    public EscalationUpdate {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
        dueAt = dueAt == null ? Optional.empty() : dueAt;
    }
}
