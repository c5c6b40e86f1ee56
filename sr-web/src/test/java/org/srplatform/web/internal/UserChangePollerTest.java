package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.srplatform.spi.security.UserChanges;

/** Sign-in on this node forgets what it remembers of users another node changed. */
class UserChangePollerTest {
    private final FakeTicker ticker = new FakeTicker();
    private final CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), Duration.ofMinutes(4), 100, ticker,
            Runnable::run);
    private final OtherNodes nodes = new OtherNodes();
    private final UserChangePoller poller = new UserChangePoller(cache, nodes, 0);
    /** Passwords as the database holds them, changed by "another node". */
    private final Map<String, String> passwords = new HashMap<>(Map.of("pat", "pat-pass", "dana", "dana-pass"));
    private final AtomicInteger checks = new AtomicInteger();
    private final CredentialCache.PasswordCheck directory = (login, password) -> {
        checks.incrementAndGet();
        return new String(password).equals(passwords.get(login)) ? Optional.of(FakeUserDirectory.user(login))
                : Optional.empty();
    };

    private boolean signIn(String login, String password) {
        return cache.authenticate(login, password.toCharArray(), directory).isPresent();
    }

    @Test
    void aPasswordAnotherNodeChangedIsRefusedHereAfterTheNextPoll() {
        poller.poll(); // the start
        assertTrue(signIn("pat", "pat-pass"));
        assertTrue(signIn("dana", "dana-pass"));
        passwords.put("pat", "a new one-time password"); // through another node
        assertTrue(signIn("pat", "pat-pass"), "remembered: the other node's change is not known here yet");
        nodes.change("pat");
        poller.poll();
        assertFalse(signIn("pat", "pat-pass"), "forgotten: checked against the database again, and refused");
        int before = checks.get();
        assertTrue(signIn("dana", "dana-pass"));
        assertEquals(before, checks.get(), "a user nobody changed stays remembered");
    }

    @Test
    void nothingChangedForgetsNothing() {
        poller.poll();
        assertTrue(signIn("pat", "pat-pass"));
        poller.poll();
        poller.poll();
        assertTrue(signIn("pat", "pat-pass"));
        assertEquals(1, checks.get());
    }

    @Test
    void theFirstPollForgetsWhatWasRememberedBeforeItsRevision() {
        assertTrue(signIn("pat", "pat-pass")); // verified before the poller read where the users are
        passwords.put("pat", "changed");
        nodes.change("pat"); // committed before the poller's first read: in no later read
        poller.poll();
        assertFalse(signIn("pat", "pat-pass"));
    }

    @Test
    void aDatabaseOutageIsToldOnceAndTheChangesMadeMeanwhileAreForgottenAfter() {
        poller.poll();
        assertTrue(signIn("pat", "pat-pass"));
        nodes.down = true;
        poller.poll();
        assertTrue(poller.failing());
        passwords.put("pat", "changed while this node could not read");
        nodes.change("pat");
        poller.poll();
        nodes.down = false;
        poller.poll();
        assertFalse(poller.failing());
        assertFalse(signIn("pat", "pat-pass"));
    }

    /** The store's revision of users and who changed at which revision. */
    private static final class OtherNodes implements UserChanges {
        private final Map<Long, String> changes = new HashMap<>();
        private long revision = 7;
        volatile boolean down;

        void change(String login) {
            changes.put(++revision, login);
        }

        private void check() {
            if (down) {
                throw new IllegalStateException("the database is out of reach");
            }
        }

        @Override
        public long revision() {
            check();
            return revision;
        }

        @Override
        public Changed since(long after) {
            check();
            Set<String> logins = new HashSet<>();
            changes.forEach((r, login) -> {
                if (r > after) {
                    logins.add(login);
                }
            });
            return new Changed(revision, logins);
        }
    }
}
