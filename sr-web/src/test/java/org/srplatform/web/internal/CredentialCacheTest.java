package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;

class CredentialCacheTest {
    private final User user = new User("customer1", "C", Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty(),
            Set.of("1001"), false);

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aVerifiedPasswordIsRememberedOnlyForItsTimeAndOnlyWithThatPassword() {
        MovableClock clock = new MovableClock();
        CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), 100, clock);
        cache.put("customer1", "customer1".toCharArray(), user);
        assertEquals(Optional.of(user), cache.get("customer1", "customer1".toCharArray()));
        assertTrue(cache.get("customer1", "wrong".toCharArray()).isEmpty());
        assertTrue(cache.get("customer2", "customer1".toCharArray()).isEmpty());
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertTrue(cache.get("customer1", "customer1".toCharArray()).isEmpty());
    }

    @Test
    void aPasswordChangeForgetsTheOldPasswordAtOnce() {
        CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), 100, Clock.systemUTC());
        cache.put("customer1", "old-password".toCharArray(), user);
        cache.forget("customer1");
        assertTrue(cache.get("customer1", "old-password".toCharArray()).isEmpty());
    }

    @Test
    void theCacheStaysBounded() {
        CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), 3, Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            cache.put("u" + i, "p".toCharArray(), user);
        }
        assertTrue(cache.get("u9", "p".toCharArray()).isPresent());
        long remembered = java.util.stream.IntStream.range(0, 10)
                .filter(i -> cache.get("u" + i, "p".toCharArray()).isPresent()).count();
        assertTrue(remembered <= 3, "remembered " + remembered);
    }

    @Test
    void onlyHealthIsOpen() {
        assertTrue(BasicAuthentication.isOpen("health"));
        assertTrue(BasicAuthentication.isOpen("/api/v1/health"));
        assertTrue(!BasicAuthentication.isOpen("products"));
        assertTrue(!BasicAuthentication.isOpen("healthz"));
    }
}
