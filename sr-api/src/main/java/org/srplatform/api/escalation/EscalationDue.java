package org.srplatform.api.escalation;

import java.time.Instant;
import java.util.Objects;

/**
 * What the escalation team owes next and by when: the regional escalation manager's acceptance, then the
 * escalation engineer's action and communication plans, then each update the communication plan promises.
 *
 * @param kind what is owed
 * @param at   when it is due
 * @since 1.1
 */
public record EscalationDue(Kind kind, Instant at) {
    public enum Kind {
        /** The regional escalation managers accept it and name an escalation engineer. */
        ACCEPTANCE,
        /** The escalation engineer presents the action plan and agrees the communication plan. */
        PLANS,
        /** The next update the communication plan promises. */
        UPDATE
    }

    public EscalationDue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    /** True once the due time is behind {@code now}: the daily review flags it overdue. */
    public boolean passed(Instant now) {
        return at.isBefore(now);
    }
}
