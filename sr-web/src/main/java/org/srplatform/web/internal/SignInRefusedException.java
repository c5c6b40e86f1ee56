package org.srplatform.web.internal;

import java.time.Duration;

/**
 * A sign-in refused before its password was checked: 429 while a login or a client address waits out
 * its failures, 503 while the platform is too busy hashing passwords. Either way the client may try again
 * after {@link #retryAfter()}.
 */
final class SignInRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Duration retryAfter;
    private final String reason;

    private SignInRefusedException(int status, Duration retryAfter, String reason, String message) {
        super(message, null, false, false); // thrown at every refused guess: no stack to fill
        this.status = status;
        this.retryAfter = retryAfter;
        this.reason = reason;
    }

    /** Too many failed sign-ins; {@code who} says whose: "for this login" or "from your address". */
    static SignInRefusedException tooManyFailures(String who, Duration retryAfter) {
        long seconds = seconds(retryAfter);
        return new SignInRefusedException(429, retryAfter, "too many failed sign-ins " + who,
                "Too many failed sign-ins " + who + ": try again in " + seconds + (seconds == 1 ? " second." : " seconds."));
    }

    static SignInRefusedException busy(Duration retryAfter) {
        return new SignInRefusedException(503, retryAfter, "busy checking other passwords",
                "The platform is busy checking passwords: try again in " + seconds(retryAfter) + " second"
                        + (seconds(retryAfter) == 1 ? "." : "s."));
    }

    int status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for {@code Retry-After}, never 0: a client told 0 would try again at once. */
    long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    /** For the audit log. */
    String reason() {
        return reason;
    }

    private static long seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
