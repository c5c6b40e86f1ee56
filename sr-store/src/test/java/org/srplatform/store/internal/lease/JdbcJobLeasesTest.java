package org.srplatform.store.internal.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.Database;

/** Two nodes on one database (Derby, and PostgreSQL in sr-store's postgres run): one runs the job at a time. */
class JdbcJobLeasesTest {
    private static final Duration TTL = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private Database db;
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-29T10:00:00Z"));

    @BeforeEach
    void open() {
        db = Fixtures.openStore(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theFirstNodeHoldsTheJobAndRenewsItTheOtherWaitsUntilItRunsOut() {
        JdbcJobLeases a = new JdbcJobLeases(db, clock, "node-a");
        JdbcJobLeases b = new JdbcJobLeases(db, clock, "node-b");

        assertTrue(a.hold("casework.target-watch", TTL));
        assertFalse(b.hold("casework.target-watch", TTL), "held by node-a");
        assertTrue(b.hold("escalation.watch", TTL), "another job is another lease");
        clock.move(Duration.ofSeconds(60));
        assertTrue(a.hold("casework.target-watch", TTL), "renewed by its holder");
        clock.move(Duration.ofSeconds(60));
        assertFalse(b.hold("casework.target-watch", TTL), "the renewal runs 90 s from the second ask");

        clock.move(Duration.ofSeconds(31)); // node-a died: its lease runs out
        assertTrue(b.hold("casework.target-watch", TTL), "taken over");
        assertFalse(a.hold("casework.target-watch", TTL), "node-a is back, but node-b holds it now");
    }

    @Test
    void aReleasedJobIsTakenAtOnceAndNodesAskingTogetherGetOneHolder() throws Exception {
        JdbcJobLeases a = new JdbcJobLeases(db, clock, "node-a");
        JdbcJobLeases b = new JdbcJobLeases(db, clock, "node-b");
        assertTrue(a.hold("digest", TTL));
        a.release("digest");
        assertTrue(b.hold("digest", TTL));
        a.release("digest"); // not a's: nothing happens
        assertFalse(a.hold("digest", TTL));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> asks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JdbcJobLeases node = new JdbcJobLeases(db, clock, "node-" + i);
                asks.add(() -> node.hold("purge", TTL));
            }
            int holders = 0;
            for (Future<Boolean> f : pool.invokeAll(asks)) {
                holders += f.get() ? 1 : 0;
            }
            assertEquals(1, holders);
        } finally {
            pool.shutdownNow();
        }
    }

    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
