package org.srplatform.api.account;

import java.time.Duration;
import java.util.Objects;

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
}
