package org.srplatform.store.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.security.Role;
import org.srplatform.spi.security.NewUser;
import org.srplatform.spi.security.UserChanges;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.request.StoreTransactions;

/** The users changed through any node (Derby, and PostgreSQL in sr-store's postgres run). */
class JdbcUserChangesTest {
    private static final int ITERATIONS = 1_000;

    @TempDir
    Path dir;
    private Database db;
    private JdbcUserDirectory users;
    private JdbcUserChanges changes;
    private Transactions transactions;

    @BeforeEach
    void open() {
        db = Fixtures.openStore(dir);
        users = new JdbcUserDirectory(db, ITERATIONS, Clock.systemUTC());
        changes = new JdbcUserChanges(db);
        transactions = new StoreTransactions(db, Clock.systemUTC(), () -> null);
        users.create(user("pat"), "a good password".toCharArray());
        users.create(user("dana"), "a good password".toCharArray());
        users.create(user("lee"), "a good password".toCharArray());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void nothingChangedIsTheSameRevisionAndNoLogin() {
        long start = changes.revision();
        assertEquals(new UserChanges.Changed(start, Set.of()), changes.since(start));
        users.authenticate("pat", "a good password".toCharArray()); // signing in changes nobody
        assertEquals(new UserChanges.Changed(start, Set.of()), changes.since(start));
    }

    @Test
    void eachChangeOfPasswordRolesOrActivationNamesItsUser() {
        long start = changes.revision();
        users.changePassword("pat", "another good password".toCharArray());
        UserChanges.Changed first = changes.since(start);
        assertEquals(Set.of("pat"), first.logins());
        assertTrue(first.revision() > start);

        transactions.inTransaction(tx -> {
            users.setActive(tx, "dana", false);
            users.update(tx, user("lee"));
            return null;
        });
        UserChanges.Changed second = changes.since(first.revision());
        assertEquals(Set.of("dana", "lee"), second.logins(), "not pat again: read up to " + first.revision());
        transactions.inTransaction(tx -> {
            users.setOneTimePassword(tx, "pat", "one-time-1234".toCharArray());
            return null;
        });
        assertEquals(Set.of("pat"), changes.since(second.revision()).logins());
        assertEquals(Set.of("pat", "dana", "lee"), changes.since(start).logins());
    }

    @Test
    void aChangeThatRollsBackNamesNobody() {
        long start = changes.revision();
        try {
            transactions.inTransaction(tx -> {
                users.setActive(tx, "pat", false);
                throw new IllegalStateException("the audit failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(new UserChanges.Changed(start, Set.of()), changes.since(start));
    }

    /**
     * Changes of two nodes at once: the second waits for the first's commit on the counter's row, so a reader that
     * saw the first's revision never misses the second's. PostgreSQL only: on Derby the reader waits for the open
     * change's lock on the counter instead of reading past it.
     */
    @Test
    void aChangeUnderWayIsNotPassedByAReaderItCommitsAfter() throws Exception {
        Assumptions.assumeTrue(db.sharedByNodes(), "PostgreSQL only (sr-store's postgres run)");
        long start = changes.revision();
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> open = CompletableFuture.runAsync(() -> transactions.inTransaction(tx -> {
            users.setActive(tx, "dana", false);
            counted.countDown();
            try {
                assertTrue(commit.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }));
        assertTrue(counted.await(30, TimeUnit.SECONDS));
        UserChanges.Changed during = changes.since(start);
        assertEquals(new UserChanges.Changed(start, Set.of()), during, "not committed: not counted yet");
        commit.countDown();
        open.get(30, TimeUnit.SECONDS);
        assertEquals(Set.of("dana"), changes.since(during.revision()).logins());
    }

    private static NewUser user(String login) {
        return new NewUser(login, "User " + login, Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty(),
                Set.of("1001"), false);
    }
}
