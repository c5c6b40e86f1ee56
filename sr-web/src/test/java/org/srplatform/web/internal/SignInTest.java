package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.srplatform.api.security.User;
import org.srplatform.web.api.AuthenticationRequiredException;

class SignInTest {
    private static final String ADDRESS = "192.0.2.7";

    private final FakeTicker ticker = new FakeTicker();
    private final FakeUserDirectory directory = new FakeUserDirectory("customer1", "customer2");
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), Duration.ofMinutes(4), 100, ticker, Runnable::run);
    private final SignInThrottle throttle = new SignInThrottle(
            new SignInThrottle.Limit(5, Duration.ofSeconds(2), Duration.ofSeconds(60)),
            new SignInThrottle.Limit(20, Duration.ofSeconds(2), Duration.ofSeconds(900)), Duration.ofMinutes(15), 1000, ticker);
    private final SignIn signIn = new SignIn(cache, throttle, new PasswordHashing(1, Duration.ofSeconds(5)),
            new SignInAudit(100, 1000, Duration.ofMinutes(1), audit::add));

    private void wrong(String login, int times) {
        for (int i = 0; i < times; i++) {
            assertThrows(AuthenticationRequiredException.class,
                    () -> signIn.attempt(directory, login, "guess".toCharArray(), ADDRESS));
        }
    }

    @Test
    void afterFiveWrongPasswordsTheRightOneIsRefusedWithoutCheckingIt() {
        wrong("customer2", 5);
        assertEquals(5, directory.checks.get());
        SignInRefusedException refused = assertThrows(SignInRefusedException.class,
                () -> signIn.attempt(directory, "customer2", "customer2".toCharArray(), ADDRESS));
        assertEquals(429, refused.status());
        assertEquals(2, refused.retryAfterSeconds());
        assertEquals(5, directory.checks.get(), "a refused sign-in costs no hash");
        // customer1 signs in at once, from the same address.
        assertEquals("customer1", signIn.attempt(directory, "customer1", "customer1".toCharArray(), ADDRESS).login());
        ticker.advance(Duration.ofSeconds(2));
        assertEquals("customer2", signIn.attempt(directory, "customer2", "customer2".toCharArray(), ADDRESS).login());
    }

    @Test
    void eachFailureAndRefusalIsAuditedWithLoginAndAddressButNeverThePassword() {
        wrong("customer2", 5);
        assertThrows(SignInRefusedException.class,
                () -> signIn.attempt(directory, "customer2", "customer2-secret".toCharArray(), ADDRESS));
        assertEquals(6, audit.size(), audit.toString());
        assertTrue(audit.get(0).contains("'customer2'") && audit.get(0).contains(ADDRESS), audit.get(0));
        assertTrue(audit.get(4).contains("refused for 2 s"), audit.get(4));
        assertTrue(audit.get(5).startsWith("Sign-in refused") && audit.get(5).contains("429"), audit.get(5));
        assertTrue(audit.stream().noneMatch(line -> line.contains("guess") || line.contains("secret")), audit.toString());
    }

    @Test
    void aSignInWhosePasswordWasCheckedClearsTheLoginsFailures() {
        wrong("customer2", 4);
        signIn.attempt(directory, "customer2", "customer2".toCharArray(), ADDRESS);
        wrong("customer2", 4);
        assertEquals("customer2", signIn.attempt(directory, "customer2", "customer2".toCharArray(), ADDRESS).login());
    }

    @Test
    void withEveryHashingSlotTakenACachedUserSignsInAtOnceAndANewOneIsAnswered503() throws Exception {
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeUserDirectory slow = new FakeUserDirectory("customer1", "customer2") {
            @Override
            public Optional<User> authenticate(String login, char[] password) {
                if (login.equals("customer2")) {
                    hashing.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.authenticate(login, password);
            }
        };
        SignIn bounded = new SignIn(cache, throttle, new PasswordHashing(1, Duration.ZERO),
                new SignInAudit(100, 1000, Duration.ofMinutes(1), audit::add));
        bounded.attempt(slow, "customer1", "customer1".toCharArray(), ADDRESS); // now remembered
        CompletableFuture<User> holder = CompletableFuture.supplyAsync(
                () -> bounded.attempt(slow, "customer2", "customer2".toCharArray(), "192.0.2.8"));
        try {
            assertTrue(hashing.await(30, TimeUnit.SECONDS), "the only slot is taken");
            assertEquals("customer1", bounded.attempt(slow, "customer1", "customer1".toCharArray(), ADDRESS).login());
            SignInRefusedException busy = assertThrows(SignInRefusedException.class,
                    () -> bounded.attempt(slow, "customer9", "customer9".toCharArray(), ADDRESS));
            assertEquals(503, busy.status());
            assertFalse(holder.isDone());
        } finally {
            release.countDown();
        }
        assertEquals("customer2", holder.get(30, TimeUnit.SECONDS).login());
    }

    @Test
    void withoutTheStoreSignInAnswersThatTheStoreIsUnavailable() {
        assertThrows(org.srplatform.api.common.FeatureUnavailableException.class,
                () -> signIn.attempt(null, "customer1", "customer1".toCharArray(), ADDRESS));
    }
}
