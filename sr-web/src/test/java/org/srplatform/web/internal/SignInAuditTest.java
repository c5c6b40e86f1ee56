package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SignInAuditTest {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SignInAudit audit = new SignInAudit(5, 100, Duration.ofSeconds(60), lines::add);
    private final SignInThrottle.Failure failure = new SignInThrottle.Failure(1, 1, Duration.ZERO);

    @Test
    void eachFailureIsOneLineNamingLoginAddressAndReason() {
        audit.failed("customer2", "192.0.2.7", new SignInThrottle.Failure(5, 7, Duration.ofSeconds(2)));
        audit.refused("customer2", "192.0.2.7", SignInRefusedException.tooManyFailures("for this login", Duration.ofSeconds(2)));
        assertEquals(List.of(
                "Sign-in failed: login 'customer2' from 192.0.2.7: unknown login or wrong password (failures: 5 for the login,"
                        + " 7 from the address); further sign-ins refused for 2 s",
                "Sign-in refused: login 'customer2' from 192.0.2.7: too many failed sign-ins for this login (429, retry after 2 s)"),
                lines);
    }

    @Test
    void aFloodFromOneAddressIsOneSummaryLinePerPeriod() {
        for (int i = 0; i < 1000; i++) {
            audit.failed("guess" + (i % 3), "192.0.2.66", failure);
        }
        assertEquals(5, lines.size());
        audit.endPeriod();
        assertEquals(6, lines.size());
        assertEquals("Sign-in audit: 995 more failed or refused sign-ins from 192.0.2.66 in the last 60 s, not logged one by one"
                + " (logins: guess0, guess1, guess2)", lines.get(5));
        audit.endPeriod();
        assertEquals(6, lines.size(), "a quiet period says nothing");
        audit.failed("customer2", "192.0.2.66", failure);
        assertEquals(7, lines.size(), "a new period has its own lines");
    }

    @Test
    void aFloodFromManyAddressesIsBoundedOverall() {
        for (int i = 0; i < 5000; i++) {
            audit.failed("nobody" + i, "10.0." + (i / 250) + "." + (i % 250), failure);
        }
        assertEquals(100, lines.size());
        audit.endPeriod();
        assertEquals(100 + 10 + 1, lines.size(), "ten addresses named, the rest in one line");
        assertTrue(lines.get(110).startsWith("Sign-in audit: 4890 more failed or refused sign-ins from 4890 other addresses"),
                lines.get(110));
    }

    @Test
    void aLoginCannotForgeOrHideLogLines() {
        audit.failed("x\n12:00:00.000 INFO  forged - all is well\u202e", "192.0.2.7", failure);
        audit.failed("y".repeat(10_000), "192.0.2.7", failure);
        assertFalse(lines.get(0).contains("\n") || lines.get(0).contains("\u202e"), lines.get(0));
        assertTrue(lines.get(1).length() < 300, lines.get(1));
    }

    /** The platform's audit trail, as sr-admin keeps it: what it was given. */
    private static final class RecordingTrail implements org.srplatform.spi.audit.AuditTrail {
        final List<org.srplatform.spi.audit.AuditChange> changes = new CopyOnWriteArrayList<>();
        boolean failing;

        @Override
        public void record(org.srplatform.spi.store.Transaction tx, org.srplatform.spi.audit.AuditChange change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void record(org.srplatform.spi.audit.AuditChange change) {
            if (failing) {
                throw new IllegalStateException("store down");
            }
            changes.add(change);
        }

        @Override
        public org.srplatform.api.common.Page<org.srplatform.spi.audit.AuditEntry> entries(
                org.srplatform.spi.audit.AuditQuery query, org.srplatform.api.common.PageRequest page) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void failuresGoToTheAuditTrailWithinTheSameBoundsAsTheLog() {
        RecordingTrail trail = new RecordingTrail();
        audit.trail(trail);
        audit.failed("customer2", "192.0.2.7", failure);
        audit.refused("customer2", "192.0.2.7", SignInRefusedException.tooManyFailures("for this login", Duration.ofSeconds(2)));
        assertEquals(List.of("signin.failed", "signin.refused"), trail.changes.stream().map(c -> c.action()).toList());
        assertEquals("customer2", trail.changes.get(0).actor());
        assertEquals("user:customer2", trail.changes.get(0).target());
        org.junit.jupiter.api.Assertions.assertTrue(trail.changes.get(0).after().orElseThrow().contains("192.0.2.7"));
        for (int i = 0; i < 1000; i++) {
            audit.failed("guess", "192.0.2.66", failure);
        }
        assertEquals(2 + 5, trail.changes.size(), "a flood is bounded as in the log");
        audit.endPeriod();
        assertEquals("signin.failed.summary", trail.changes.get(trail.changes.size() - 1).action());
    }

    @Test
    void aTrailThatCannotBeWrittenNeverFailsTheSignIn() {
        RecordingTrail trail = new RecordingTrail();
        trail.failing = true;
        audit.trail(trail);
        audit.failed("customer2", "192.0.2.7", failure);
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(0).startsWith("Sign-in failed"));
    }
}
