package org.srplatform.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.srplatform.spi.store.StoreException;

/** A group that gets no connection because the pool's wait ran out (the database out of reach) fails at once. */
class CommitGroupConnectionWaitTest {
    private final ExecutorService callers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A group of {@code works} queued behind a first work that runs alone; the group's connection is {@code open}. */
    private List<Future<Integer>> groupBehindAFirstWork(int works, CommitGroup.Connections open, AtomicInteger alone)
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CommitGroup[] group = new CommitGroup[1];
        group[0] = new CommitGroup(open, new DerbyDialect(), new CommitGroup.Alone() {
            @Override
            public <T> T run(SqlWork<T> work) {
                alone.incrementAndGet();
                if (started.getCount() > 0) {
                    started.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }
                throw new StoreException("database transaction failed: no connection", new SQLTransientConnectionException(
                        "timed out", "08001"));
            }
        });
        Future<Integer> first = callers.submit(() -> group[0].run(c -> 0));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < works; i++) {
            futures.add(callers.submit(() -> group[0].run(c -> 1)));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (group[0].queued() < works && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        return futures;
    }

    @Test
    void whenThePoolHasNoConnectionWithinItsWaitEveryWorkOfTheGroupFailsWithoutWaitingAgainAlone() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger alone = new AtomicInteger();
        List<Future<Integer>> futures = groupBehindAFirstWork(3, () -> {
            opened.incrementAndGet();
            throw new SQLTransientConnectionException("sr-store - Connection is not available, request timed out", "08001");
        }, alone);
        for (Future<Integer> f : futures) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            StoreException store = assertInstanceOf(StoreException.class, e.getCause());
            assertInstanceOf(SQLTransientConnectionException.class, store.getCause());
        }
        assertEquals(1, opened.get(), "the group asked the pool once");
        assertEquals(1, alone.get(), "only the first work ran alone; the group's works did not wait again one by one");
    }

    @Test
    void anyOtherFailureToOpenSendsEachWorkToATransactionOfItsOwnAsBefore() throws Exception {
        AtomicInteger alone = new AtomicInteger();
        List<Future<Integer>> futures = groupBehindAFirstWork(3, () -> {
            throw new SQLException("Interrupted during connection acquisition");
        }, alone);
        for (Future<Integer> f : futures) {
            assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(4, alone.get(), "the first work, then each of the group's alone");
    }

    @Test
    void aGroupThatGetsItsConnectionCommitsAsOne() throws Exception {
        AtomicInteger alone = new AtomicInteger();
        AtomicInteger commits = new AtomicInteger();
        Connection connection = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "commit" -> {
                        commits.incrementAndGet();
                        yield null;
                    }
                    case "setSavepoint", "releaseSavepoint", "setAutoCommit", "close", "rollback" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        for (Future<Integer> f : groupBehindAFirstWork(3, () -> connection, alone)) {
            assertEquals(1, f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, commits.get());
        assertEquals(1, alone.get());
    }

    /** A connection on which every work runs and the commit throws {@code commitFailure}. */
    private Connection failingCommit(SQLException commitFailure, AtomicInteger commits) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "commit" -> {
                        commits.incrementAndGet();
                        throw commitFailure;
                    }
                    case "setSavepoint", "releaseSavepoint", "setAutoCommit", "close", "rollback" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aCommitWhoseConnectionBrokeIsNotRunAgainBecauseItMayHaveCommitted() throws Exception {
        AtomicInteger alone = new AtomicInteger();
        AtomicInteger commits = new AtomicInteger();
        Connection broken = failingCommit(new SQLException("An I/O error occurred while sending to the backend", "08006"),
                commits);
        for (Future<Integer> f : groupBehindAFirstWork(3, () -> broken, alone)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            StoreException store = assertInstanceOf(StoreException.class, e.getCause());
            assertTrue(store.getMessage().contains("unknown"), store.getMessage());
        }
        assertEquals(1, commits.get());
        assertEquals(1, alone.get(), "none of the group's works ran again alone (each might be stored twice)");
    }

    @Test
    void aCommitTheDatabaseRefusedRunsEachWorkAgainAlone() throws Exception {
        AtomicInteger alone = new AtomicInteger();
        AtomicInteger commits = new AtomicInteger();
        Connection refusing = failingCommit(new SQLException("could not serialize access", "40001"), commits);
        for (Future<Integer> f : groupBehindAFirstWork(3, () -> refusing, alone)) {
            assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS)); // the scripted alone throws
        }
        assertEquals(1, commits.get());
        assertEquals(4, alone.get(), "the first work, then each of the group's again alone: nothing was committed");
    }
}
