package org.srplatform.web.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Counts failed sign-ins per login and per client address and refuses further attempts, without
 * checking their password, while either waits out its delay: after {@code signin.failures.before.delay}
 * failures the delay starts at {@code signin.first.delay.seconds} and doubles with every further failure,
 * up to a cap.
 * <p>
 * The per-login delay is short (60 s at most by default): anyone may fail for any login, so a long one
 * would let a guesser lock the owner out; it only has to make guessing one login slow. The per-address
 * delay may grow long (15 min): it stops one client guessing many logins, and hurts only that address.
 * A sign-in whose password the directory verified clears its login's failures; nothing clears an
 * address's but time, or a guesser with one account of its own could clear them between guesses.
 * Refused attempts are not failures: they were not checked, and a user retrying during the delay must
 * not prolong it.
 * <p>
 * Both maps are bounded Caffeine caches whose entries leave when their failures are forgotten, so a
 * flood of invented logins or addresses cannot grow them without bound.
 */
@Component(service = SignInThrottle.class, configurationPid = SignInConfig.PID)
public final class SignInThrottle {

    /** The failures of one login or address: how many, the last one's time, and until when it is refused. */
    private record Failures(int count, long lastNanos, long refusedUntilNanos) {
    }

    /** When failures start to cost a delay, and how long it grows. */
    record Limit(int failuresBeforeDelay, Duration firstDelay, Duration maxDelay) {
        Duration delayAfter(int failures) {
            if (failuresBeforeDelay <= 0 || failures < failuresBeforeDelay) {
                return Duration.ZERO;
            }
            long nanos = firstDelay.toNanos();
            long max = maxDelay.toNanos();
            for (int i = failuresBeforeDelay; i < failures && nanos < max; i++) {
                nanos *= 2;
            }
            return Duration.ofNanos(Math.min(nanos, max));
        }
    }

    /** What one more failure did: the counts so far and the delay it started (zero for none). */
    record Failure(int loginFailures, int addressFailures, Duration delay) {
    }

    private final Limit perLogin;
    private final Limit perAddress;
    private final long windowNanos;
    private final Ticker ticker;
    private final Cache<String, Failures> logins;
    private final Cache<String, Failures> addresses;

    @Activate
    public SignInThrottle(SignInConfig config) {
        this(new Limit(config.signin_failures_before_delay(), Duration.ofSeconds(config.signin_first_delay_seconds()),
                        Duration.ofSeconds(config.signin_max_delay_seconds())),
                new Limit(config.signin_address_failures_before_delay(), Duration.ofSeconds(config.signin_first_delay_seconds()),
                        Duration.ofSeconds(config.signin_address_max_delay_seconds())),
                Duration.ofSeconds(config.signin_failure_window_seconds()), config.signin_tracked_max(), Ticker.systemTicker());
    }

    SignInThrottle(Limit perLogin, Limit perAddress, Duration window, int trackedMax, Ticker ticker) {
        this.perLogin = perLogin;
        this.perAddress = perAddress;
        this.windowNanos = window.toNanos();
        this.ticker = ticker;
        this.logins = map(trackedMax);
        this.addresses = map(trackedMax);
    }

    private Cache<String, Failures> map(int maxSize) {
        return Caffeine.newBuilder().maximumSize(Math.max(1, maxSize)).ticker(ticker).executor(Runnable::run)
                .expireAfter(new Expiry<String, Failures>() {
                    @Override
                    public long expireAfterCreate(String key, Failures f, long now) {
                        return remaining(f, now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Failures f, long now, long current) {
                        return remaining(f, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Failures f, long now, long current) {
                        return current;
                    }
                }).build();
    }

    /** Failures are forgotten a window after the last one, and never while they still refuse. */
    private long remaining(Failures f, long now) {
        return Math.max(1, Math.max(f.refusedUntilNanos(), f.lastNanos() + windowNanos) - now);
    }

    /**
     * Is a sign-in of this login from this address refused now? Costs two map look-ups, no hashing.
     *
     * @param address the client's address, or null when unknown (then only the login counts)
     * @return the refusal, saying how long to wait; empty when the sign-in may go on
     */
    Optional<SignInRefusedException> refusal(String login, String address) {
        long now = ticker.read();
        long loginWait = waitOf(logins.getIfPresent(key(login)), now);
        long addressWait = address == null ? 0 : waitOf(addresses.getIfPresent(address), now);
        if (loginWait <= 0 && addressWait <= 0) {
            return Optional.empty();
        }
        return Optional.of(addressWait >= loginWait
                ? SignInRefusedException.tooManyFailures("from your address", Duration.ofNanos(addressWait))
                : SignInRefusedException.tooManyFailures("for this login", Duration.ofNanos(loginWait)));
    }

    private static long waitOf(Failures f, long now) {
        return f == null ? 0 : f.refusedUntilNanos() - now;
    }

    /** Counts a failed sign-in (unknown login or wrong password) for the login and the address. */
    Failure failed(String login, String address) {
        long now = ticker.read();
        Failures l = logins.asMap().compute(key(login), (k, f) -> next(f, now, perLogin));
        Failures a = address == null ? null : addresses.asMap().compute(address, (k, f) -> next(f, now, perAddress));
        long until = Math.max(l.refusedUntilNanos(), a == null ? 0 : a.refusedUntilNanos());
        return new Failure(l.count(), a == null ? 0 : a.count(), Duration.ofNanos(Math.max(0, until - now)));
    }

    private static Failures next(Failures f, long now, Limit limit) {
        int count = f == null ? 1 : f.count() + 1; // an expired entry reaches here as null: counting starts again
        Duration delay = limit.delayAfter(count);
        return new Failures(count, now, delay.isZero() ? 0 : now + delay.toNanos());
    }

    /** A sign-in of this login had its password verified: its failures are forgotten. */
    void succeeded(String login) {
        String key = key(login);
        if (logins.getIfPresent(key) != null) { // most sign-ins have no failures: no write for them
            logins.invalidate(key);
        }
    }

    /**
     * Logins come from anyone: one of thousands of characters is kept as its digest, so that invented logins
     * cost a bounded amount of memory each. Real logins are short (64 characters at most).
     */
    private static String key(String login) {
        if (login.length() <= 128) {
            return login;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(login.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
