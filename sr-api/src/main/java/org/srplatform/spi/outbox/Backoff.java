package org.srplatform.spi.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: the first retry after {@code first}, each later one after twice
 * the wait before, at most {@code max}, each wait spread by up to a fifth either way (jitter, so that the
 * messages a mail outage held back do not all come back in the same second); given up once the waits of
 * the attempts so far add up to {@code giveUpAfter}. Counted from attempts, not from stored times, so an
 * operator's retry (attempts back to zero) grants the whole period again. For dispatchers of the outbox
 * (notifications, partner calls): pass {@link OutboxEntry#attempts()}.
 *
 * @since 1.2
 */
public record Backoff(Duration first, Duration max, Duration giveUpAfter) {
    /** The share by which each wait is spread either way. */
    public static final double JITTER = 0.2;

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max and giveUpAfter >= 0");
        }
    }

    /** The wait after the {@code attempt}-th failed attempt (1 = the first), before jitter. */
    public Duration delay(int attempt) {
        Duration d = first;
        for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** The sum of the waits after attempts 1..attempt: how long the platform has been trying. */
    public Duration tried(int attempt) {
        Duration sum = Duration.ZERO;
        for (int i = 1; i <= attempt; i++) {
            sum = sum.plus(delay(i));
        }
        return sum;
    }

    /**
     * When to try again after the {@code attempt}-th failed attempt, or empty to give up.
     *
     * @param random a number in [0, 1): the jitter
     */
    public Optional<Instant> retryAt(int attempt, Instant now, DoubleSupplier random) {
        if (tried(attempt).compareTo(giveUpAfter) > 0) {
            return Optional.empty();
        }
        double spread = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Optional.of(now.plusMillis(Math.round(delay(attempt).toMillis() * spread)));
    }
}
