package org.srplatform.store.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.StoreException;

/**
 * Group commit in the application: write transactions that arrive together run one after another in one
 * database transaction, each behind its own savepoint, and commit once; each caller still returns only
 * after that commit, so every answer is durable as before. Under 16 concurrent SRs this saves most
 * commits (the log write and its sync, the lock release), pool checkouts, and the page-latch fights of
 * sixteen sessions inserting at the right end of the same indexes.
 * <p>
 * No thread of its own: a caller that finds no group running runs the oldest waiting works (its own and
 * others'), then wakes the next waiting caller to run the next group, and leaves once its own work is
 * done; the others wait for their result. Alone, a work runs as it always did, without a savepoint.
 * <p>
 * A work that throws is rolled back to its savepoint and its caller gets its exception; the others
 * commit. When the database gave up the whole transaction (a deadlock, a lock timeout, the leading thread
 * interrupted) or refused the commit, every work not yet refused runs again in a transaction of its own, on its
 * own caller's thread, as without a group, so one caller's lost race or interrupt never becomes another
 * caller's error. A commit whose connection broke is not run again: it may have committed.
 */
final class CommitGroup {
    /** Works per database transaction at most: bounds the wait of the last of them. */
    static final int MAX_WORKS = 64;

    /** A transaction of one work, with the store's retries: also what a group falls back to. */
    @FunctionalInterface
    interface Alone {
        <T> T run(SqlWork<T> work);
    }

    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final Dialect dialect;
    private final Alone alone;
    private final ReentrantLock running = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    /** Set on the thread that runs a group: a work that opens a transaction of its own gets one, as before. */
    private final ThreadLocal<Boolean> inGroup = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong grouped = new AtomicLong();

    CommitGroup(Connections connections, Dialect dialect, Alone alone) {
        this.connections = connections;
        this.dialect = dialect;
        this.alone = alone;
    }

    <T> T run(SqlWork<T> work) {
        if (inGroup.get()) {
            return alone.run(work);
        }
        Pending<T> pending = new Pending<>(work);
        queue.add(pending);
        boolean interrupted = Thread.interrupted(); // parking returns at once while the flag is set: kept for later
        while (!pending.done()) {
            if (running.tryLock()) {
                try {
                    runGroup(); // the oldest waiting works, this caller's among them unless 64 queued before it
                } finally {
                    running.unlock();
                }
                // This caller leaves as soon as its own work is done (it must not serve others for ever):
                // the next waiting caller runs the next group.
                Pending<?> next = queue.peek();
                if (next != null) {
                    next.wake();
                }
            } else {
                pending.await();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (pending.handedBack()) {
            // The group it was in failed as a whole: run again alone, on this caller's thread, not the leader's
            // (which may be the one that was interrupted: Derby closes the connection of an interrupted thread).
            return alone.run(work);
        }
        return pending.result();
    }

    private void runGroup() {
        List<Pending<?>> group = new ArrayList<>();
        for (Pending<?> p; group.size() < MAX_WORKS && (p = queue.poll()) != null;) {
            group.add(p);
        }
        if (group.size() == 1) {
            runAlone(group.get(0));
        } else if (!group.isEmpty()) {
            runTogether(group);
        }
    }

    private <T> void runAlone(Pending<T> p) {
        try {
            p.succeed(alone.run(p.work));
        } catch (RuntimeException | Error e) {
            p.fail(e);
        }
    }

    private void runTogether(List<Pending<?>> group) {
        groups.incrementAndGet();
        grouped.addAndGet(group.size());
        Connection c;
        try {
            c = connections.open();
        } catch (SQLTransientConnectionException e) {
            // The pool waited its whole time-out for a connection (the database is out of reach): each work alone
            // would wait as long again. Every caller gets the failure now.
            for (Pending<?> p : group) {
                p.fail(new StoreException("database transaction failed: " + e.getMessage(), e));
            }
            return;
        } catch (SQLException | RuntimeException e) {
            group.forEach(Pending::handBack); // an interrupted leader, say: everyone runs alone, on its own thread
            return;
        }
        boolean committed = false;
        SQLException commitLost = null;
        inGroup.set(Boolean.TRUE);
        try (c) {
            c.setAutoCommit(false);
            try {
                for (Pending<?> p : group) {
                    if (!runBehindSavepoint(c, p)) {
                        break; // the database dropped the transaction: everyone runs alone below
                    }
                }
                if (group.stream().allMatch(Pending::ranInGroup)) {
                    try {
                        c.commit();
                        committed = true;
                    } catch (SQLException e) {
                        if (connectionLost(e)) {
                            commitLost = e;
                        }
                        throw e;
                    }
                }
            } finally {
                if (!committed) {
                    rollback(c);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Committing failed (committed stays false: everyone runs alone), or closing after a commit did
            // (committed stays true: running the works again would store them twice).
        } finally {
            inGroup.set(Boolean.FALSE);
        }
        for (Pending<?> p : group) {
            if (committed || p.refused()) {
                p.complete();
            } else if (commitLost != null) {
                // The connection broke during the commit: the database may have committed before the answer was
                // lost. Running the works again would then store them twice (a second SR, a second confirmation),
                // so each caller gets the failure, as a single transaction's caller would; a client that sends
                // again with its Idempotency-Key gets the SR that was stored, if it was.
                p.fail(new StoreException("the database connection broke while committing, so whether it committed is"
                        + " unknown: " + commitLost.getMessage(), commitLost));
            } else {
                p.handBack();
            }
        }
    }

    /**
     * A commit whose answer was lost with the connection (SQLState class 08, as PostgreSQL, Derby and the pool say),
     * as opposed to one the database refused (a serialization failure, a deferred constraint): only the latter is
     * known not to have committed.
     */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** @return false when the group's transaction is lost (this work and the rest must run alone) */
    private <T> boolean runBehindSavepoint(Connection c, Pending<T> p) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            p.ranInGroup(p.work.run(c));
            c.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (dialect.isRetryable(e) || !rolledBack(c, savepoint)) {
                return false;
            }
            p.refuse(new StoreException("database transaction failed: " + e.getMessage(), e));
            return true;
        } catch (RuntimeException | Error e) {
            if (!rolledBack(c, savepoint)) {
                return false;
            }
            p.refuse(e);
            return true;
        }
    }

    /** Undoes one work; false when the transaction itself is gone (Derby rolled it back whole). */
    private static boolean rolledBack(Connection c, Savepoint savepoint) {
        try {
            c.rollback(savepoint);
            return true;
        } catch (SQLException gone) {
            return false;
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it
        }
    }

    /** Transactions that committed more than one work, and the works they held (for tests and figures). */
    long groups() {
        return groups.get();
    }

    long grouped() {
        return grouped.get();
    }

    /** Callers waiting now (tests). */
    int queued() {
        return queue.size();
    }

    /** One caller's work and, once known, its outcome. */
    private static final class Pending<T> {
        /** A waiting caller looks again this often even unwoken; wake-ups make it rare. */
        private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

        final SqlWork<T> work;
        private final Thread caller = Thread.currentThread();
        private T result;
        private Throwable failure;
        private boolean ranInGroup;
        private boolean handedBack;
        private volatile boolean done;

        Pending(SqlWork<T> work) {
            this.work = work;
        }

        void ranInGroup(T value) {
            result = value;
            ranInGroup = true;
        }

        boolean ranInGroup() {
            return ranInGroup || failure != null;
        }

        void refuse(Throwable e) {
            failure = e;
        }

        boolean refused() {
            return failure != null;
        }

        void succeed(T value) {
            result = value;
            complete();
        }

        void fail(Throwable e) {
            failure = e;
            complete();
        }

        /** Publishes the outcome (the volatile write orders the fields before it) and wakes the caller. */
        void complete() {
            done = true;
            LockSupport.unpark(caller);
        }

        /** Gives the work back to its caller to run alone (the group's transaction was lost). */
        void handBack() {
            handedBack = true;
            complete();
        }

        boolean handedBack() {
            return handedBack;
        }

        /** Asks the caller to run the next group. */
        void wake() {
            LockSupport.unpark(caller);
        }

        boolean done() {
            return done;
        }

        /**
         * Waits until the outcome is known or this caller is woken to run the next group. Not interruptible:
         * a queued work may still commit, so its caller must learn how it ended.
         */
        void await() {
            if (!done) {
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        }

        T result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
