package org.srplatform.web.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Bounds how many passwords are hashed at once. A stored hash is deliberately slow (PBKDF2, about 100 ms
 * of one core), so without a bound a few clients guessing passwords in parallel take every core and
 * every signed-in user's call waits behind them. With it, guesses queue for a few slots (half the
 * processors by default) and the other cores keep serving; a sign-in that would wait longer than
 * {@code signin.hashing.wait.millis} is answered 503. Signed-in users whose password is in the
 * {@link CredentialCache} never come here.
 */
@Component(service = PasswordHashing.class, configurationPid = SignInConfig.PID)
public final class PasswordHashing {

    private final Semaphore slots;
    private final Duration maxWait;

    @Activate
    public PasswordHashing(SignInConfig config) {
        this(config.signin_hashing_concurrency() > 0 ? config.signin_hashing_concurrency()
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Duration.ofMillis(config.signin_hashing_wait_millis()));
    }

    PasswordHashing(int concurrency, Duration maxWait) {
        this.slots = new Semaphore(concurrency, true); // fair: first come, first hashed
        this.maxWait = maxWait;
    }

    /**
     * Runs a hash when a slot is free.
     *
     * @throws SignInRefusedException (503) when no slot was free within the configured wait
     */
    <T> T run(Supplier<T> hash) {
        try {
            if (!slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw SignInRefusedException.busy(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SignInRefusedException.busy(Duration.ofSeconds(1));
        }
        try {
            return hash.get();
        } finally {
            slots.release();
        }
    }
}
