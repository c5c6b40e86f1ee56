package org.srplatform.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.spi.store.StoreException;
import org.srplatform.store.internal.Fixtures;

/** Concurrent write transactions commit together, and each caller still gets its own outcome. */
class CommitGroupTest {
    @TempDir
    Path dir;
    private DerbyDatabase db;
    private final ExecutorService callers = Executors.newFixedThreadPool(12);

    @BeforeEach
    void open() {
        db = Fixtures.openDatabase(dir);
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, text VARCHAR(10))");
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        db.close();
    }

    private static int insert(Connection c, int id, String text) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
            s.setInt(1, id);
            s.setString(2, text);
            return s.executeUpdate();
        }
    }

    private List<Integer> stored() {
        return db.read(c -> {
            List<Integer> ids = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM notes ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        });
    }

    /**
     * Holds the group busy with a first work until {@code waiting} more callers queued behind it, so that
     * they meet in one group; returns their futures (the first's last).
     */
    private List<Future<Integer>> queuedBehindABusyGroup(List<SqlWork<Integer>> works) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> first = callers.submit(() -> db.inTransaction(c -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return insert(c, 1000, "first");
        }));
        assertTrue(started.await(30, TimeUnit.SECONDS), "the first work runs");
        List<Future<Integer>> futures = new ArrayList<>();
        for (SqlWork<Integer> work : works) {
            futures.add(callers.submit(() -> db.inTransaction(work)));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.commitGroup().queued() < works.size() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        release.countDown();
        futures.add(first);
        return futures;
    }

    @Test
    void callersThatArriveTogetherCommitInOneTransactionAndEachReturnsAfterIt() throws Exception {
        List<SqlWork<Integer>> works = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int id = i;
            works.add(c -> insert(c, id, "n" + id));
        }
        for (Future<Integer> f : queuedBehindABusyGroup(works)) {
            assertEquals(1, f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1000), stored());
        assertEquals(1, db.commitGroup().groups(), "the ten queued writes shared one commit");
        assertEquals(10, db.commitGroup().grouped());
    }

    @Test
    void aWorkThatFailsLeavesNothingAndItsNeighboursCommit() throws Exception {
        IllegalStateException refusal = new IllegalStateException("refused by the work");
        List<Future<Integer>> futures = queuedBehindABusyGroup(List.of(
                c -> insert(c, 1, "ok"),
                c -> {
                    insert(c, 2, "half");
                    throw refusal;
                },
                c -> insert(c, 3, "much too long for the column"),
                c -> insert(c, 4, "ok")));
        assertEquals(1, futures.get(0).get(30, TimeUnit.SECONDS));
        Exception thrown = assertThrows(Exception.class, () -> futures.get(1).get(30, TimeUnit.SECONDS));
        assertSame(refusal, thrown.getCause(), "the caller gets its own exception as it is");
        Exception tooLong = assertThrows(Exception.class, () -> futures.get(2).get(30, TimeUnit.SECONDS));
        assertTrue(tooLong.getCause() instanceof StoreException, "a database error of one work: " + tooLong.getCause());
        assertEquals(1, futures.get(3).get(30, TimeUnit.SECONDS));
        assertEquals(List.of(1, 4, 1000), stored(), "the failed works left no row, not even the first of two");
        assertEquals(1, db.commitGroup().groups());
    }

    @Test
    void aLostLockRaceSendsEveryWorkOfTheGroupToATransactionOfItsOwn() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<Future<Integer>> futures = queuedBehindABusyGroup(List.of(
                c -> insert(c, 1, "ok"),
                c -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new SQLTransactionRollbackException("deadlock", "40001");
                    }
                    return insert(c, 2, "again");
                },
                c -> insert(c, 3, "ok")));
        for (Future<Integer> f : futures) {
            assertEquals(1, f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(1, 2, 3, 1000), stored(), "each stored once, the loser after running again");
        assertEquals(2, attempts.get());
    }

    @Test
    void afterALostGroupEachWorkRunsAgainOnItsOwnCallersThreadNotTheLeaders() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        java.util.Map<Integer, Thread> ranAloneOn = new java.util.concurrent.ConcurrentHashMap<>();
        List<SqlWork<Integer>> works = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int id = i;
            works.add(c -> {
                if (id == 1 && attempts.incrementAndGet() == 1) {
                    // e.g. Derby closing the connection of an interrupted leader: the whole group is lost
                    throw new SQLTransactionRollbackException("deadlock", "40001");
                }
                if (attempts.get() > 0) {
                    ranAloneOn.put(id, Thread.currentThread());
                }
                return insert(c, id, "n" + id);
            });
        }
        for (Future<Integer> f : queuedBehindABusyGroup(works)) {
            assertEquals(1, f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(1, 2, 3, 1000), stored(), "each stored once");
        // In the group all ran on the leader's thread; alone, each on a thread of its own caller.
        assertEquals(3, new java.util.HashSet<>(ranAloneOn.values()).size(), "three callers, three threads: "
                + ranAloneOn);
    }

    @Test
    void aWorkThatOpensATransactionOfItsOwnGetsOne() {
        int inner = db.inTransaction(c -> {
            insert(c, 1, "outer");
            return db.inTransaction(nested -> insert(nested, 2, "inner"));
        });
        assertEquals(1, inner);
        assertEquals(List.of(1, 2), stored());
    }

    @Test
    void manyConcurrentCallersStoreEachWorkExactlyOnce() throws Exception {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            int base = t * 1000;
            futures.add(callers.submit(() -> {
                int n = 0;
                for (int i = 0; i < 100; i++) {
                    int id = base + i;
                    n += db.inTransaction(c -> insert(c, id, "x"));
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : futures) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(1200, total);
        assertEquals(1200, stored().size());
    }
}
