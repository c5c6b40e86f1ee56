package org.srplatform.store.internal.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes with the JDK's PBKDF2WithHmacSHA256, stored self-describing as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64), so that the cost can be raised later
 * without invalidating the hashes already stored.
 */
final class PasswordHasher {

    static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** The least cost the configuration accepts ({@link UserDirectoryConfig}): a hash below it is refused. */
    private static final int MIN_ITERATIONS = 10_000;

    private final int iterations;
    private final SecureRandom random;
    /**
     * Verified against when the login is unknown, so that an unknown login costs as much as a known
     * one. Made at first need: a first hash costs half a second while the JIT warms up, too much for start-up.
     */
    private volatile String decoy;

    PasswordHasher(int iterations, SecureRandom random) {
        if (iterations < 1) {
            throw new IllegalArgumentException("PBKDF2 needs at least one iteration");
        }
        this.iterations = iterations;
        this.random = random;
    }

    String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations, HASH_BITS));
    }

    /** Constant-time comparison; false for a stored value this class cannot read. */
    boolean verify(char[] password, String stored) {
        return parse(stored).map(h -> MessageDigest.isEqual(h.hash(),
                derive(password, h.salt(), h.iterations(), h.hash().length * 8))).orElse(false);
    }

    /** Spends the time of a verification, for a login that does not exist. */
    void verifyNothing(char[] password) {
        String d = decoy;
        if (d == null) { // two threads may both make one: harmless
            d = hash("decoy password".toCharArray());
            decoy = d;
        }
        verify(password, d);
    }

    /** Whether a stored value is one {@link #verify} can check against (at least the floor of iterations). */
    boolean readable(String stored) {
        return parse(stored).map(h -> h.iterations() >= MIN_ITERATIONS && h.salt().length >= SALT_BYTES
                && h.hash().length * 8 == HASH_BITS).orElse(false);
    }

    /** Whether a stored hash is cheaper than the configured cost (or unreadable) and should be replaced. */
    boolean isWeakerThanConfigured(String stored) {
        return parse(stored).map(h -> h.iterations() < iterations).orElse(true);
    }

    private static Optional<Parsed> parse(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return Optional.of(new Parsed(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }
}
