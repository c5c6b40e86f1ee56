package org.srplatform.web.internal;

import java.util.Optional;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.security.User;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.web.api.AuthenticationRequiredException;

/**
 * One sign-in, in the order that keeps guessing cheap for the platform and slow for the guesser:
 * refused at once while the login or the address waits out its failures; from memory when the password
 * was verified recently; else one slow hash on a bounded slot, checked again for a refusal once the slot
 * is won (guesses that queued while the refusal began are not hashed); each failure counted and audited.
 */
final class SignIn {
    private final CredentialCache cache;
    private final SignInThrottle throttle;
    private final PasswordHashing hashing;
    private final SignInAudit audit;

    SignIn(CredentialCache cache, SignInThrottle throttle, PasswordHashing hashing, SignInAudit audit) {
        this.cache = cache;
        this.throttle = throttle;
        this.hashing = hashing;
        this.audit = audit;
    }

    /**
     * @param directory the users, or null while the store is not up (503 naming it)
     * @param address the client's address, or null when unknown
     * @throws SignInRefusedException 429 while the login or address is refused, 503 while hashing is saturated
     * @throws AuthenticationRequiredException for an unknown login or a wrong password
     */
    User attempt(UserDirectory directory, String login, char[] password, String address) {
        Optional<User> user;
        try {
            throttle.refusal(login, address).ifPresent(refusal -> {
                throw refusal;
            });
            user = cache.authenticate(login, password, (l, p) -> hashing.run(() -> {
                throttle.refusal(l, address).ifPresent(refusal -> {
                    throw refusal;
                });
                Optional<User> verified = FeatureUnavailableException.require(directory, "store").authenticate(l, p);
                verified.ifPresent(u -> throttle.succeeded(l)); // the password itself was checked: failures forgotten
                return verified;
            }));
        } catch (SignInRefusedException refusal) {
            audit.refused(login, address, refusal);
            throw refusal;
        }
        if (user.isEmpty()) {
            audit.failed(login, address, throttle.failed(login, address));
            throw new AuthenticationRequiredException("Unknown user or wrong password.");
        }
        return user.get();
    }
}
