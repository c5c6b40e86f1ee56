package org.srplatform.spi.catalog;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.request.Severity;

/**
 * How often a support offering promises the customer an update while an SR of a severity is worked: the time from
 * one update to the next, counted as the offering counts its first-response target for that severity (around the
 * clock, or in the product's support hours). A severity the cadence does not name falls back to the platform's
 * default (casework's configuration).
 *
 * @param every the time between updates, per severity; each positive
 * @since 1.2
 */
public record UpdateCadence(Map<Severity, Duration> every) {
    private static final UpdateCadence NONE = new UpdateCadence(Map.of());

    public UpdateCadence {
        Objects.requireNonNull(every, "every");
        Map<Severity, Duration> copy = new EnumMap<>(Severity.class);
        every.forEach((severity, d) -> {
            Objects.requireNonNull(severity, "severity");
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the update cadence of " + severity + " must be positive, not " + d);
            }
            copy.put(severity, d);
        });
        every = Map.copyOf(copy);
    }

    /** A cadence that names no severity: every one falls back to the platform's default. */
    public static UpdateCadence none() {
        return NONE;
    }

    /** The time between updates for a severity, if this cadence names it. */
    public Optional<Duration> every(Severity severity) {
        return Optional.ofNullable(every.get(severity));
    }

    public boolean isEmpty() {
        return every.isEmpty();
    }
}
