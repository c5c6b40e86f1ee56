package org.srplatform.store.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.outbox.OutboxState;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.spi.store.Sql;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.db.DerbyDialect;

class JdbcOutboxTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    private Database db;
    private JdbcOutbox outbox;

    @BeforeEach
    void open() {
        db = Fixtures.openStore(dir);
        outbox = new JdbcOutbox(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void enqueuedMessageIsPendingWithItsFields() {
        OutboundMessage m = message("notification", "邮件");
        OutboxEntry entry = outbox.enqueue(m);
        assertEquals(OutboxState.PENDING, entry.state());
        assertEquals(List.of(entry), outbox.list(OutboxState.PENDING, 10));
        assertEquals(m, outbox.list(OutboxState.PENDING, 10).get(0).message());
    }

    @Test
    void claimTakesDueEntriesOfItsTypeOldestFirst() {
        OutboxEntry first = outbox.enqueue(message("notification", "1"));
        outbox.enqueue(message("partner:tsanet", "other type"));
        OutboxEntry second = outbox.enqueue(message("notification", "2"));
        OutboxEntry third = outbox.enqueue(message("notification", "3"));
        Instant now = Instant.now();

        List<OutboxEntry> claimed = outbox.claim("notification", now, 2, LEASE);

        assertEquals(List.of(first.id(), second.id()), claimed.stream().map(OutboxEntry::id).toList());
        assertTrue(claimed.stream().allMatch(e -> e.state() == OutboxState.SENDING && e.attempts() == 1));
        assertEquals(List.of(third.id()), ids(outbox.claim("notification", now, 10, LEASE)));
        assertEquals(List.of(), outbox.claim("notification", now, 10, LEASE));
    }

    @Test
    void claimTakesTheLongestDueFirstNotTheOldest() {
        Instant now = Instant.now();
        OutboxEntry retried = outbox.enqueue(message("notification", "failed once"));
        outbox.claim("notification", now, 1, LEASE);
        outbox.markFailed(retried.id(), "mail server down", now.plusSeconds(30));
        OutboxEntry fresh = outbox.enqueue(message("notification", "new"));

        assertEquals(List.of(fresh.id()), ids(outbox.claim("notification", now.plusSeconds(60), 1, LEASE)));
        assertEquals(List.of(retried.id()), ids(outbox.claim("notification", now.plusSeconds(60), 1, LEASE)));
    }

    @Test
    void duePendingMessagesAreReadInIndexOrderWithoutSorting() {
        assumeTrue(db.dialect() instanceof DerbyDialect, "a Derby plan; PostgreSQL plans its own way");
        for (int i = 0; i < 50; i++) {
            outbox.enqueue(message("notification", "m" + i));
        }
        // A sort reads every due row before the first is returned: with a backlog, each poll cost more.
        String plan = db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
            }
            try (PreparedStatement s = c.prepareStatement(db.dialect().limit(JdbcOutbox.DUE_PENDING))) {
                try (ResultSet rs = Sql.bindAll(s, "notification", Instant.now().plusSeconds(1), 5).executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                rs.next();
                String text = rs.getString(1);
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)");
                return text;
            }
        });
        assertTrue(plan.contains("OUTBOX_DUE"), plan);
        assertFalse(plan.contains("Sort ResultSet"), plan);
    }

    @Test
    void unsentMessagesAreCountedPendingAndSendingByTypeSubjectAndDueTime() {
        Instant now = Instant.now();
        sendNotifications(3, now);
        outbox.enqueue(message("notification", "claimed, not sent yet"));
        assertEquals(1, outbox.claim("notification", now.plusSeconds(1), 10, LEASE).size());
        outbox.enqueue(message("notification", "pending"));
        outbox.enqueue(message("partner", "another type"));

        Instant afterDue = now.plusSeconds(7200);
        assertEquals(2, outbox.countUnsent("notification", "subject", afterDue), "one SENDING, one PENDING");
        assertEquals(0, outbox.countUnsent("notification", "subject", now), "due in an hour: not before now");
        assertEquals(0, outbox.countUnsent("notification", "another subject", afterDue));
        assertEquals(1, outbox.countUnsent("partner", "subject", afterDue));
    }

    @Test
    void countingUnsentMessagesReadsNoSentOnes() {
        assumeTrue(db.dialect() instanceof DerbyDialect, "a Derby plan; PostgreSQL plans its own way");
        Instant now = Instant.now();
        sendNotifications(300, now);
        outbox.enqueue(message("notification", "pending"));
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) { // as after a while: statistics of the outbox's indexes
                s.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', 'OUTBOX', NULL)");
            }
            return null;
        });
        // The health check counts twice every 15 s: reading the SENT messages, it read every SR ever taken in.
        for (OutboxState state : List.of(OutboxState.PENDING, OutboxState.SENDING)) {
            String plan = db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
                }
                try (PreparedStatement s = c.prepareStatement(JdbcOutbox.UNSENT_IN_STATE.formatted(state.name()))) {
                    try (ResultSet rs = Sql.bindAll(s, "notification", "subject", now.plusSeconds(7200)).executeQuery()) {
                        rs.next();
                        assertEquals(state == OutboxState.PENDING ? 1 : 0, rs.getLong(1), state.name());
                    }
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                    rs.next();
                    String text = rs.getString(1);
                    s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)");
                    return text;
                }
            });
            // Index entries of rows deleted from a state (claimed, sent) are visited until Derby purges them: not rows.
            List<Integer> deleted = numbersAfter("Number of deleted rows visited=", plan);
            List<Integer> visited = numbersAfter("Number of rows visited=", plan);
            assertTrue(!visited.isEmpty() && visited.size() == deleted.size(), plan);
            for (int i = 0; i < visited.size(); i++) {
                int rows = visited.get(i) - deleted.get(i);
                assertTrue(rows <= 10, state + ": rows visited " + rows + "\n" + plan);
            }
        }
    }

    @Test
    void entryIsNotClaimedBeforeItIsDue() {
        outbox.enqueue(message("notification", "later"));
        assertEquals(List.of(), outbox.claim("notification", Instant.now().minusSeconds(60), 10, LEASE));
    }

    @Test
    void claimedEntryWhoseLeaseRanOutIsClaimedAgain() {
        OutboxEntry entry = outbox.enqueue(message("notification", "1"));
        Instant now = Instant.now();
        assertEquals(1, outbox.claim("notification", now, 10, LEASE).size());

        assertEquals(List.of(), outbox.claim("notification", now.plus(LEASE).minusSeconds(1), 10, LEASE),
                "leased");
        List<OutboxEntry> again = outbox.claim("notification", now.plus(LEASE), 10, LEASE);
        assertEquals(List.of(entry.id()), ids(again));
        assertEquals(2, again.get(0).attempts());
    }

    @Test
    void expiredLeasesAndDueEntriesAreClaimedTogetherOldestFirstUpToTheBatch() {
        OutboxEntry abandoned = outbox.enqueue(message("notification", "claimed by a dispatcher that died"));
        Instant now = Instant.now();
        assertEquals(1, outbox.claim("notification", now, 1, LEASE).size());
        OutboxEntry due = outbox.enqueue(message("notification", "due"));
        OutboxEntry last = outbox.enqueue(message("notification", "due too"));
        Instant later = now.plus(LEASE);

        assertEquals(List.of(abandoned.id(), due.id()), ids(outbox.claim("notification", later, 2, LEASE)));
        assertEquals(List.of(last.id()), ids(outbox.claim("notification", later, 2, LEASE)));
    }

    @Test
    void sentEntryIsNeverClaimedAgain() {
        OutboxEntry entry = outbox.enqueue(message("notification", "1"));
        Instant now = Instant.now();
        outbox.claim("notification", now, 10, LEASE);
        outbox.markSent(entry.id(), now);

        assertEquals(List.of(entry.id()), ids(outbox.list(OutboxState.SENT, 10)));
        assertEquals(List.of(), outbox.claim("notification", now.plus(Duration.ofDays(1)), 10, LEASE));
    }

    @Test
    void failedAttemptWithARetryTimeIsClaimedAgainThen() {
        OutboxEntry entry = outbox.enqueue(message("notification", "1"));
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        outbox.claim("notification", now, 10, LEASE);
        Instant retryAt = now.plusSeconds(300);
        outbox.markFailed(entry.id(), "SMTP 451 try again", retryAt);

        OutboxEntry pending = outbox.list(OutboxState.PENDING, 10).get(0);
        assertEquals(Optional.of("SMTP 451 try again"), pending.lastError());
        assertEquals(retryAt, pending.nextAttemptAt());
        assertEquals(List.of(), outbox.claim("notification", retryAt.minusSeconds(1), 10, LEASE));
        assertEquals(List.of(entry.id()), ids(outbox.claim("notification", retryAt, 10, LEASE)));
    }

    @Test
    void failedAttemptWithoutARetryTimeGivesUp() {
        OutboxEntry entry = outbox.enqueue(message("notification", "1"));
        Instant now = Instant.now();
        outbox.claim("notification", now, 10, LEASE);
        outbox.markFailed(entry.id(), "x".repeat(5000), null);

        List<OutboxEntry> failed = outbox.list(OutboxState.FAILED, 10);
        assertEquals(List.of(entry.id()), ids(failed));
        assertEquals(2000, failed.get(0).lastError().orElseThrow().length(), "long errors are cut");
        assertEquals(List.of(), outbox.claim("notification", now.plus(Duration.ofDays(1)), 10, LEASE));
    }

    @Test
    void markingAnUnknownEntryIsNotFound() {
        assertThrows(NotFoundException.class, () -> outbox.markSent(4711, Instant.now()));
        assertThrows(NotFoundException.class, () -> outbox.markFailed(4711, "e", null));
    }

    @Test
    void concurrentClaimersNeverShareAnEntry() throws Exception {
        for (int i = 0; i < 60; i++) {
            outbox.enqueue(message("notification", Integer.toString(i)));
        }
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<Long>>> claimers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                claimers.add(() -> {
                    List<Long> mine = new ArrayList<>();
                    List<OutboxEntry> batch;
                    while (!(batch = outbox.claim("notification", now, 5, LEASE)).isEmpty()) {
                        mine.addAll(ids(batch));
                    }
                    return mine;
                });
            }
            Set<Long> all = new HashSet<>();
            int total = 0;
            for (Future<List<Long>> f : pool.invokeAll(claimers)) {
                total += f.get().size();
                all.addAll(f.get());
            }
            assertEquals(60, total, "each entry claimed once");
            assertEquals(60, all.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static OutboundMessage message(String type, String payload) {
        // To the microsecond: what PostgreSQL keeps of an instant (Derby keeps nanoseconds).
        return new OutboundMessage(type, Optional.empty(), "customer1@acme.example", "subject", payload,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).plusSeconds(3600));
    }

    /** Enqueues that many notifications, claims them and marks them SENT at {@code now}. */
    private void sendNotifications(int count, Instant now) {
        for (int i = 0; i < count; i++) {
            outbox.enqueue(message("notification", "sent " + i));
        }
        List<OutboxEntry> claimed = outbox.claim("notification", now.plusSeconds(1), count, LEASE);
        assertEquals(count, claimed.size());
        for (OutboxEntry e : claimed) {
            outbox.markSent(e.id(), now);
        }
    }

    private static List<Integer> numbersAfter(String label, String plan) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(label) + "(\\d+)")
                .matcher(plan);
        List<Integer> numbers = new ArrayList<>();
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        return numbers;
    }

    private static List<Long> ids(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::id).toList();
    }
}
