package org.srplatform.web.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.srplatform.api.security.User;

/**
 * Remembers credentials that were verified recently. Every API call carries HTTP Basic credentials and
 * the stored hashes are deliberately slow (PBKDF2), so without this cache a client's every request would
 * cost a full hash. Keys are a keyed digest (HMAC-SHA256, a random key per start) of login and password:
 * the cache never holds a password.
 * <p>
 * One hash per credential at a time: concurrent requests with the same login and password that find
 * nothing wait for the one verification under way (16 parallel calls of one client used to hash 16 times
 * at once). An entry used after {@code credential.cache.refresh.seconds} is verified again in the
 * background while it keeps answering, so a busy user never meets an expiry; an entry not used for that
 * long is gone after {@code credential.cache.seconds}, as before. A password change forgets the old
 * password at once, including a verification or refresh that was under way.
 */
@Component(service = CredentialCache.class, configurationPid = SignInConfig.PID)
public final class CredentialCache {

    /** Checks a password against the user directory (the slow hash). */
    @FunctionalInterface
    interface PasswordCheck {
        Optional<User> verify(String login, char[] password);
    }

    private record Key(String login, String digest) {
    }

    /**
     * What a verification found: the user and when, or the error that every caller waiting for it gets.
     * Only found users are remembered; a wrong password completes the verification with null.
     */
    private record Verified(User user, long atNanos, RuntimeException error) {
        User userOrThrow() {
            if (error != null) {
                throw error;
            }
            return user;
        }
    }

    private final AsyncCache<Key, Verified> verified;
    private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();
    private final long refreshAfterNanos;
    private final Ticker ticker;
    private final Executor refresher;
    private final SecretKeySpec digestKey;

    @Activate
    public CredentialCache(SignInConfig config) {
        this(Duration.ofSeconds(config.credential_cache_seconds()), Duration.ofSeconds(config.credential_cache_refresh_seconds()),
                config.credential_cache_size(), Ticker.systemTicker(), backgroundRefresher());
    }

    CredentialCache(Duration maxAge, Duration refreshAfter, int maxEntries, Ticker ticker, Executor refresher) {
        this.ticker = ticker;
        this.refresher = refresher;
        this.refreshAfterNanos = Math.min(refreshAfter.toNanos(), maxAge.toNanos());
        this.verified = Caffeine.newBuilder().maximumSize(Math.max(1, maxEntries)).expireAfterWrite(maxAge)
                .ticker(ticker).executor(Runnable::run).buildAsync();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.digestKey = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** One thread, a short queue: refreshes beyond it are skipped and tried again at the next use. */
    private static ExecutorService backgroundRefresher() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "sr-credential-refresh");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Deactivate
    void stop() {
        if (refresher instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    /**
     * The user whose login and password these are: from memory when verified recently, else by
     * {@code check}, once for all concurrent callers with the same credentials.
     *
     * @return empty for an unknown login or a wrong password
     * @throws RuntimeException whatever {@code check} threw, to every caller that waited for it
     */
    Optional<User> authenticate(String login, char[] password, PasswordCheck check) {
        Key key = new Key(login, digest(login, password));
        CompletableFuture<Verified> present = verified.getIfPresent(key);
        Verified known = present == null || present.isCompletedExceptionally() ? null : present.getNow(null);
        if (known != null && known.error() == null) {
            if (ticker.read() - known.atNanos() >= refreshAfterNanos) {
                refreshAhead(key, present, password, check);
            }
            return Optional.of(known.user());
        }
        CompletableFuture<Verified> mine = new CompletableFuture<>();
        CompletableFuture<Verified> shared = verified.get(key, (k, executor) -> mine);
        if (shared == mine) { // this caller verifies; the others wait for its answer
            try {
                mine.complete(check.verify(login, password).map(u -> new Verified(u, ticker.read(), null)).orElse(null));
            } catch (RuntimeException e) {
                // Busy or refused: not remembered, and the callers waiting get the same answer. (Not completed
                // exceptionally: the cache would log each one, and an attack makes thousands.)
                verified.asMap().remove(key, mine);
                mine.complete(new Verified(null, 0, e));
            } catch (Error e) {
                mine.completeExceptionally(e);
            }
        }
        Verified answer = await(shared);
        return answer == null ? Optional.empty() : Optional.of(answer.userOrThrow());
    }

    private void refreshAhead(Key key, CompletableFuture<Verified> current, char[] password, PasswordCheck check) {
        if (!refreshing.add(key)) {
            return; // one refresh per credential at a time
        }
        char[] copy = password.clone(); // the caller clears its own when its request ends
        try {
            refresher.execute(() -> {
                try {
                    Optional<User> user = check.verify(key.login(), copy);
                    if (user.isPresent()) {
                        // Only over the entry it refreshes: after a password change that entry is gone, and stays so.
                        verified.asMap().replace(key, current, CompletableFuture.completedFuture(new Verified(user.get(), ticker.read(), null)));
                    } else {
                        verified.asMap().remove(key, current); // the password no longer holds
                    }
                } catch (RuntimeException e) {
                    // Busy or refused: the entry answers until its age runs out; a later use tries again.
                } finally {
                    Arrays.fill(copy, '\0');
                    refreshing.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            Arrays.fill(copy, '\0');
            refreshing.remove(key);
        }
    }

    private static Verified await(CompletableFuture<Verified> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Forgets every remembered password of a user: after a password change the old one must fail at once. */
    void forget(String login) {
        verified.asMap().keySet().removeIf(k -> k.login().equals(login));
    }

    /** Forgets every remembered password (a verification under way included). */
    void forgetAll() {
        verified.asMap().clear();
    }

    /** How many credentials are remembered (after pending evictions). */
    long size() {
        verified.synchronous().cleanUp();
        return verified.synchronous().estimatedSize();
    }

    private String digest(String login, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey);
            mac.update(login.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            mac.update(raw);
            Arrays.fill(raw, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
