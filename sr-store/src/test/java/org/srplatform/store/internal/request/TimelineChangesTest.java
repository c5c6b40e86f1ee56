package org.srplatform.store.internal.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.common.Actor;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.request.SupportRequestUpdate;
import org.srplatform.spi.store.Sql;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.Database;

/** The SR changes read from the timeline's table (Derby, and PostgreSQL in sr-store's postgres run). */
class TimelineChangesTest {
    private static final Duration GAP_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    private Database db;
    private JdbcSupportRequestRepository requests;
    private final AtomicLong nanos = new AtomicLong();
    private TimelineChanges changes;

    @BeforeEach
    void open() {
        db = Fixtures.openStore(dir);
        Fixtures.loadCatalog(db);
        requests = new JdbcSupportRequestRepository(db);
        changes = new TimelineChanges(db, Clock.systemUTC(), nanos::get);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void onlyADatabaseOtherNodesShareIsFollowed() {
        assertEquals(db.sharedByNodes(), changes.follow().isPresent(),
                "embedded Derby: this node's events tell every change");
    }

    @Test
    void srsOpenedAndChangedAfterTheStartAreReadThenNothingUntilTheNextChange() {
        SrNumber before = create("before");
        SrNumber changed = create("changed later");
        TimelineFollower follower = changes.follower(GAP_TIMEOUT);
        assertEquals(Set.of(), follower.read(100).numbers());

        SrNumber opened = create("opened");
        requests.update(changed, current -> new SupportRequestUpdate(current.withStatus(SrStatus.IN_PROGRESS,
                Fixtures.now()), List.of(entry("STATUS_CHANGED")), List.of()));
        assertEquals(Set.of(opened, changed), follower.read(100).numbers());
        assertEquals(Set.of(), follower.read(100).numbers());
        assertTrue(follower.gaps().isEmpty(), "every id was used: " + follower.gaps());
        assertTrue(requests.header(before).isPresent());
    }

    @Test
    void theIdOfARolledBackChangeIsAskedForUntilTheTimeoutThenGivenUp() {
        SrNumber sr = create("rolled back");
        TimelineFollower follower = changes.follower(GAP_TIMEOUT);
        // A change whose transaction rolls back after inserting its entry: the id is taken, the entry never seen.
        assertThrows(RuntimeException.class, () -> db.inTransaction(c -> {
            insertEntry(c, sr);
            throw new IllegalStateException("rolled back");
        }));
        SrNumber next = create("next");
        assertEquals(Set.of(next), follower.read(100).numbers());
        assertEquals(1, follower.gaps().size(), "the rolled-back id: " + follower.gaps());
        nanos.addAndGet(GAP_TIMEOUT.toNanos());
        assertEquals(Set.of(), follower.read(100).numbers());
        assertEquals(List.of(), follower.gaps());
        assertEquals(1, follower.givenUp());
    }

    /**
     * The late commit: a change that inserted its entry before another change, and commits after it. PostgreSQL
     * only: Derby would make the reader wait for the open transaction's row (and is one node's database anyway).
     */
    @Test
    void aChangeThatCommitsAfterALaterOneIsReadOnceItCommits() throws Exception {
        Assumptions.assumeTrue(db.sharedByNodes(), "PostgreSQL only (sr-store's postgres run)");
        SrNumber slow = create("slow change");
        TimelineFollower follower = changes.follower(GAP_TIMEOUT);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> open = CompletableFuture.runAsync(() -> db.read(c -> {
            c.setAutoCommit(false);
            try {
                insertEntry(c, slow);
                inserted.countDown();
                assertTrue(commit.await(30, TimeUnit.SECONDS));
                c.commit();
            } catch (InterruptedException e) {
                c.rollback();
                throw new IllegalStateException(e);
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        }));
        assertTrue(inserted.await(30, TimeUnit.SECONDS));
        SrNumber fast = create("fast change"); // a higher id, committed first
        assertEquals(Set.of(fast), follower.read(100).numbers());
        assertEquals(1, follower.gaps().size(), "the open transaction's id: " + follower.gaps());
        assertEquals(Set.of(), follower.read(100).numbers(), "still open");

        commit.countDown();
        open.get(30, TimeUnit.SECONDS);
        assertEquals(Set.of(slow), follower.read(100).numbers(), "read once it committed");
        assertEquals(List.of(), follower.gaps());
    }

    private static void insertEntry(java.sql.Connection c, SrNumber sr) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO timeline_entries (sr_number, occurred_at, actor_id,"
                + " actor_name, kind, summary, details, internal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bindAll(s, sr.value(), Instant.now(), "engineer1", "Engineer One", "COMMENT", "a comment", "{}", false)
                    .executeUpdate();
        }
    }

    private SrNumber create(String subject) {
        SupportRequest sr = requests.create(Fixtures.draft("1001", "datacenter", Severity.S3, subject),
                Fixtures.created(Fixtures.now()), List.of()).request();
        return sr.number();
    }

    private static TimelineEntry entry(String kind) {
        return new TimelineEntry(Fixtures.now(), new Actor("engineer1", "Engineer One"), kind, kind, Map.of(), false);
    }
}
