package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.srplatform.spi.security.UserEvents;

class BrowserSessionsTest {
    private final FakeStore store = new FakeStore();
    private final FakeUserDirectory users = new FakeUserDirectory("customer1", "customer2");
    private final FakeTicker ticker = new FakeTicker();
    private Instant now = Instant.parse("2026-11-30T09:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
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
    };

    private BrowserSessions node() {
        return new BrowserSessions(store, users, clock, Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofSeconds(10),
                100, ticker);
    }

    private void advance(Duration d) {
        now = now.plus(d);
        ticker.advance(d);
    }

    @Test
    void theDatabaseKeepsOnlyAHashOfTheTokenAndTheCsrfTokenIsNotDerivableFromIt() {
        BrowserSessions.Opened opened = node().open(FakeUserDirectory.user("customer1"));
        assertEquals(1, store.rows.size());
        String stored = store.rows.keySet().iterator().next();
        assertNotEquals(opened.token(), stored);
        assertFalse(stored.contains(opened.token()));
        assertEquals(BrowserSessions.hash(opened.token()), stored);
        assertNotEquals(opened.csrfToken(), stored);
        assertEquals(opened.csrfToken(), BrowserSessions.csrfToken(opened.token()));
        assertTrue(opened.token().length() >= 43, "256 random bits");
    }

    @Test
    void aSessionOpenedOnOneNodeIsOpenOnAnotherThatSharesTheDatabase() {
        BrowserSessions.Opened opened = node().open(FakeUserDirectory.user("customer1"));
        Optional<BrowserSessions.Current> elsewhere = node().resolve(opened.token());
        assertEquals("customer1", elsewhere.orElseThrow().user().login());
        assertEquals(opened.csrfToken(), elsewhere.get().csrfToken());
        assertTrue(node().resolve("not-a-token").isEmpty());
    }

    @Test
    void aSessionEndsAfterItsIdleTimeButRequestsKeepItOpenUpToItsAbsoluteExpiry() {
        BrowserSessions a = node();
        BrowserSessions.Opened opened = a.open(FakeUserDirectory.user("customer1"));
        for (int i = 0; i < 24; i++) { // 12 hours less 24 s: a request every 30 minutes less a second
            advance(Duration.ofMinutes(30).minusSeconds(1));
            assertTrue(a.resolve(opened.token()).isPresent(), "request " + i);
        }
        advance(Duration.ofMinutes(29));
        assertTrue(a.resolve(opened.token()).isEmpty(), "12 hours after sign-in");
        assertTrue(store.rows.isEmpty(), "the ended session leaves the table");

        BrowserSessions.Opened idle = a.open(FakeUserDirectory.user("customer2"));
        advance(Duration.ofMinutes(30));
        assertTrue(a.resolve(idle.token()).isEmpty(), "30 minutes without a request");
    }

    @Test
    void aRequestOnAnotherNodeKeepsTheSessionAliveForThisOne() {
        BrowserSessions a = node();
        BrowserSessions b = node();
        BrowserSessions.Opened opened = a.open(FakeUserDirectory.user("customer1"));
        assertTrue(a.resolve(opened.token()).isPresent());
        advance(Duration.ofMinutes(20));
        assertTrue(b.resolve(opened.token()).isPresent()); // recorded in the database
        advance(Duration.ofMinutes(20)); // 40 minutes after a's last look: the database says 20
        assertTrue(a.resolve(opened.token()).isPresent());
    }

    @Test
    void signingOutOnOneNodeEndsTheSessionOnTheOthersOnceTheirCacheRunsOutOrTheyRecordAUse() {
        BrowserSessions a = node();
        BrowserSessions b = node();
        BrowserSessions.Opened opened = a.open(FakeUserDirectory.user("customer1"));
        assertTrue(b.resolve(opened.token()).isPresent());
        a.close(opened.token());
        assertTrue(a.resolve(opened.token()).isEmpty());
        for (int i = 0; i < 9; i++) { // busy on b: its requests must not keep the signed-out session alive there
            advance(Duration.ofSeconds(1));
            b.resolve(opened.token());
        }
        advance(Duration.ofSeconds(1));
        assertTrue(b.resolve(opened.token()).isEmpty());
    }

    @Test
    void aChangedUserLosesEverySessionAndADeactivatedOneCannotResumeOne() {
        BrowserSessions a = node();
        BrowserSessions.Opened first = a.open(FakeUserDirectory.user("customer1"));
        BrowserSessions.Opened second = a.open(FakeUserDirectory.user("customer1"));
        BrowserSessions.Opened other = a.open(FakeUserDirectory.user("customer2"));
        assertTrue(a.resolve(first.token()).isPresent());
        a.handleEvent(new Event(UserEvents.CHANGED, Map.of(UserEvents.LOGIN, "customer1")));
        assertTrue(a.resolve(first.token()).isEmpty());
        assertTrue(a.resolve(second.token()).isEmpty());
        assertTrue(a.resolve(other.token()).isPresent());

        BrowserSessions.Opened gone = a.open(FakeUserDirectory.user("ghost")); // not (or no longer) in the directory
        assertTrue(node().resolve(gone.token()).isEmpty());
    }

    @Test
    void requestsWithinAMinuteCostNoWrite() {
        BrowserSessions a = node();
        BrowserSessions.Opened opened = a.open(FakeUserDirectory.user("customer1"));
        for (int i = 0; i < 50; i++) {
            a.resolve(opened.token());
        }
        assertEquals(0, store.touches.get());
        advance(Duration.ofMinutes(2));
        a.resolve(opened.token());
        assertEquals(1, store.touches.get());
    }

    @Test
    void csrfTokensAreComparedExactly() {
        String expected = BrowserSessions.csrfToken("token");
        assertTrue(BrowserSessions.csrfMatches(expected, expected));
        assertFalse(BrowserSessions.csrfMatches(expected, null));
        assertFalse(BrowserSessions.csrfMatches(expected, expected.substring(1)));
        assertFalse(BrowserSessions.csrfMatches(expected, BrowserSessions.csrfToken("other")));
    }

    @Test
    void theCookieIsHttpOnlyStrictAndSecureWhenAsked() {
        assertEquals("SR_SESSION=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Strict", SessionResource.cookie("abc", false, 60));
        assertEquals("SR_SESSION=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure", SessionResource.cookie("", true, 0));
    }

    /** The table as a map: what every node sees. */
    static final class FakeStore implements SessionStore {
        final Map<String, StoredSession> rows = new ConcurrentHashMap<>();
        final AtomicInteger touches = new AtomicInteger();

        @Override
        public void insert(StoredSession s) {
            rows.put(s.tokenHash(), s);
        }

        @Override
        public Optional<StoredSession> find(String tokenHash) {
            return Optional.ofNullable(rows.get(tokenHash));
        }

        @Override
        public boolean touch(String tokenHash, Instant at) {
            touches.incrementAndGet();
            return rows.computeIfPresent(tokenHash, (k, s) -> new StoredSession(k, s.login(), s.createdAt(), at,
                    s.expiresAt())) != null;
        }

        @Override
        public void delete(String tokenHash) {
            rows.remove(tokenHash);
        }

        @Override
        public int deleteAllOf(String login) {
            int before = rows.size();
            rows.values().removeIf(s -> s.login().equals(login));
            return before - rows.size();
        }

        @Override
        public int purge(Instant now, Instant idleBefore) {
            int before = rows.size();
            rows.values().removeIf(s -> !s.expiresAt().isAfter(now) || !s.lastSeenAt().isAfter(idleBefore));
            return before - rows.size();
        }
    }
}
