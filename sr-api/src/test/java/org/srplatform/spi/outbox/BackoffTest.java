package org.srplatform.spi.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24));
    private final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void waitsDoubleFromTheFirstUpToTheLongest() {
        assertEquals(Duration.ofSeconds(30), backoff.delay(1));
        assertEquals(Duration.ofSeconds(60), backoff.delay(2));
        assertEquals(Duration.ofSeconds(120), backoff.delay(3));
        assertEquals(Duration.ofSeconds(1920), backoff.delay(7));
        assertEquals(Duration.ofHours(1), backoff.delay(8), "3840 s is capped at the hour");
        assertEquals(Duration.ofHours(1), backoff.delay(1000));
    }

    @Test
    void jitterSpreadsEachWaitByAFifthEitherWay() {
        assertEquals(Optional.of(now.plusSeconds(24)), backoff.retryAt(1, now, () -> 0.0));
        assertEquals(Optional.of(now.plusSeconds(30)), backoff.retryAt(1, now, () -> 0.5));
        Instant late = backoff.retryAt(1, now, () -> 0.999_999).orElseThrow();
        assertTrue(late.isAfter(now.plusSeconds(35)) && !late.isAfter(now.plusSeconds(36)), late.toString());
    }

    @Test
    void givesUpOnceTheWaitsAddUpToTheConfiguredTime() {
        // 30+60+...+1920 = 3810 s in 7 attempts, then an hour each: 24 h are used after attempt 29.
        int attempt = 1;
        while (backoff.retryAt(attempt, now, () -> 0.5).isPresent()) {
            attempt++;
        }
        assertEquals(30, attempt);
        assertTrue(backoff.tried(30).compareTo(Duration.ofHours(24)) > 0);
        assertTrue(backoff.tried(29).compareTo(Duration.ofHours(24)) <= 0);
    }

    @Test
    void giveUpAtZeroGivesUpAfterTheFirstFailure() {
        Backoff never = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);
        assertEquals(Optional.empty(), never.retryAt(1, now, () -> 0.5));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ZERO));
    }
}
