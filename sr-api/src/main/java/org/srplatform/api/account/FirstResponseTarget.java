package org.srplatform.api.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.srplatform.api.catalog.SupportHours;

/**
 * How soon a support engineer must first respond.
 *
 * @param within the target duration (ignored for {@link ResponseClock#NEXT_BUSINESS_DAY})
 * @param clock  how the duration is counted
 */
public record FirstResponseTarget(Duration within, ResponseClock clock) {
    public FirstResponseTarget {
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(clock, "clock");
        if (within.isNegative()) {
            throw new IllegalArgumentException("a first-response target is not negative");
        }
    }

    /** Web submissions and messages outside support hours are answered within a day (the seed, section 2). */
    public static final Duration OUTSIDE_HOURS_REPLY = Duration.ofHours(24);

    /**
     * When the first response is due for an SR opened at {@code opened} on a product with these
     * support hours: the target counted on its clock, and never later than
     * {@link #OUTSIDE_HOURS_REPLY} when the SR came in outside support hours.
     *
     * @since 1.1
     */
    public Instant dueFor(Instant opened, SupportHours hours) {
        Instant due = switch (clock) {
            case AROUND_THE_CLOCK -> opened.plus(within);
            case SUPPORT_HOURS -> hours.addStaffedTime(opened, within);
            case NEXT_BUSINESS_DAY -> hours.endOfNextBusinessDay(opened);
        };
        if (!hours.isStaffedAt(opened)) {
            Instant dayLater = opened.plus(OUTSIDE_HOURS_REPLY);
            return due.isAfter(dayLater) ? dayLater : due;
        }
        return due;
    }
}
