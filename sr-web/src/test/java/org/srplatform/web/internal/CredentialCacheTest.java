package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.srplatform.api.security.User;

class CredentialCacheTest {
    private final User user = FakeUserDirectory.user("customer1");
    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger checks = new AtomicInteger();
    private final List<Runnable> backgroundTasks = new ArrayList<>();

    /** Checks like the directory: the password of customer1 is "customer1" (or what the test sets). */
    private volatile String currentPassword = "customer1";
    private final CredentialCache.PasswordCheck directory = (login, password) -> {
        checks.incrementAndGet();
        return login.equals("customer1") && new String(password).equals(currentPassword) ? Optional.of(user) : Optional.empty();
    };

    private CredentialCache cache(int size) {
        return new CredentialCache(Duration.ofMinutes(5), Duration.ofMinutes(4), size, ticker, backgroundTasks::add);
    }

    private Optional<User> signIn(CredentialCache cache, String login, String password) {
        return cache.authenticate(login, password.toCharArray(), directory);
    }

    private void runBackgroundTasks() {
        List<Runnable> tasks = List.copyOf(backgroundTasks);
        backgroundTasks.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void aVerifiedPasswordIsRememberedOnlyForItsTimeAndOnlyWithThatPassword() {
        CredentialCache cache = cache(100);
        assertEquals(Optional.of(user), signIn(cache, "customer1", "customer1"));
        assertEquals(Optional.of(user), signIn(cache, "customer1", "customer1"));
        assertEquals(1, checks.get(), "the second call came from memory");
        assertTrue(signIn(cache, "customer1", "wrong").isEmpty());
        assertTrue(signIn(cache, "customer2", "customer1").isEmpty());
        assertEquals(3, checks.get(), "other passwords and logins are checked");
        ticker.advance(Duration.ofMinutes(6)); // unused past its age
        assertEquals(Optional.of(user), signIn(cache, "customer1", "customer1"));
        assertEquals(4, checks.get(), "checked again after its time");
    }

    @Test
    void aWrongPasswordIsNotRemembered() {
        CredentialCache cache = cache(100);
        assertTrue(signIn(cache, "customer1", "wrong").isEmpty());
        assertTrue(signIn(cache, "customer1", "wrong").isEmpty());
        assertEquals(2, checks.get());
    }

    @Test
    void aPasswordChangeForgetsTheOldPasswordAtOnce() {
        CredentialCache cache = cache(100);
        currentPassword = "old-password";
        signIn(cache, "customer1", "old-password");
        currentPassword = "new-password";
        cache.forget("customer1");
        assertTrue(signIn(cache, "customer1", "old-password").isEmpty());
    }

    @Test
    void aRefreshUnderWayWhenThePasswordChangesDoesNotBringTheOldPasswordBack() {
        CredentialCache cache = cache(100);
        currentPassword = "old-password";
        signIn(cache, "customer1", "old-password");
        ticker.advance(Duration.ofMinutes(4));
        signIn(cache, "customer1", "old-password"); // due for a refresh: queued, checked with the old hash
        assertEquals(1, backgroundTasks.size());
        cache.forget("customer1");
        runBackgroundTasks(); // the refresh still finds the old password good (it read the old hash)
        currentPassword = "new-password";
        assertTrue(signIn(cache, "customer1", "old-password").isEmpty());
    }

    @Test
    void anEntryInUseIsVerifiedAgainInTheBackgroundBeforeItExpires() {
        CredentialCache cache = cache(100);
        signIn(cache, "customer1", "customer1");
        ticker.advance(Duration.ofMinutes(3));
        signIn(cache, "customer1", "customer1");
        assertTrue(backgroundTasks.isEmpty(), "young entries are not refreshed");
        ticker.advance(Duration.ofMinutes(1));
        assertEquals(Optional.of(user), signIn(cache, "customer1", "customer1"), "answered at once from memory");
        signIn(cache, "customer1", "customer1");
        assertEquals(1, backgroundTasks.size(), "one refresh, however often it is used meanwhile");
        assertEquals(1, checks.get(), "no caller waited for a hash");
        runBackgroundTasks();
        assertEquals(2, checks.get());
        ticker.advance(Duration.ofMinutes(3)); // 7 minutes after the first check, 3 after the refresh
        assertEquals(Optional.of(user), signIn(cache, "customer1", "customer1"));
        assertEquals(2, checks.get(), "the refreshed entry did not expire");
        assertTrue(backgroundTasks.isEmpty());
    }

    @Test
    void aRefreshThatFailsForgetsTheEntry() {
        CredentialCache cache = cache(100);
        signIn(cache, "customer1", "customer1");
        ticker.advance(Duration.ofMinutes(4));
        signIn(cache, "customer1", "customer1");
        currentPassword = "changed-elsewhere";
        runBackgroundTasks();
        assertTrue(signIn(cache, "customer1", "customer1").isEmpty());
    }

    @Test
    void sixteenConcurrentMissesOfOneUserAreVerifiedOnce() throws Exception {
        CountDownLatch verifying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CredentialCache.PasswordCheck slow = (login, password) -> {
            checks.incrementAndGet();
            verifying.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(user);
        };
        CredentialCache cache = cache(100);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Thread> threads = new ArrayList<>();
            List<Future<Optional<User>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(clients.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return cache.authenticate("customer1", "customer1".toCharArray(), slow);
                }));
            }
            assertTrue(verifying.await(30, TimeUnit.SECONDS));
            awaitAllWaiting(threads, 16); // the one verifying and fifteen waiting for it
            release.countDown();
            for (Future<Optional<User>> answer : answers) {
                assertEquals(Optional.of(user), answer.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, checks.get(), "one hash for sixteen concurrent calls");
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
    }

    private static void awaitAllWaiting(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == count && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                        || t.getState() == Thread.State.TIMED_WAITING)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the callers did not all wait");
    }

    @Test
    void theCacheStaysBounded() {
        CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), Duration.ofMinutes(4), 3, ticker, Runnable::run);
        CredentialCache.PasswordCheck anyone = (login, password) -> Optional.of(FakeUserDirectory.user(login));
        for (int i = 0; i < 10; i++) {
            cache.authenticate("u" + i, "p".toCharArray(), anyone);
        }
        assertTrue(cache.size() <= 3, "remembered " + cache.size());
    }

    @Test
    void onlyHealthIsOpen() {
        assertTrue(BasicAuthentication.isOpen("health"));
        assertTrue(BasicAuthentication.isOpen("/api/v1/health"));
        assertTrue(!BasicAuthentication.isOpen("products"));
        assertTrue(!BasicAuthentication.isOpen("healthz"));
    }

    /** An administrator deactivated the user (or gave a one-time password): the directory's event forgets them. */
    @Test
    void aUserChangedEventOfTheDirectoryForgetsTheRememberedPassword() {
        CredentialCache cache = cache(100);
        signIn(cache, "customer1", "customer1");
        currentPassword = "deactivated: no password opens it";
        new CredentialInvalidation(cache).handleEvent(new org.osgi.service.event.Event(
                org.srplatform.spi.security.UserEvents.CHANGED,
                java.util.Map.of(org.srplatform.spi.security.UserEvents.LOGIN, "customer1")));
        assertTrue(signIn(cache, "customer1", "customer1").isEmpty());
    }
}
