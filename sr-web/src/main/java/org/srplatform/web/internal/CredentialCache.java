package org.srplatform.web.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.srplatform.api.security.User;

/**
 * Remembers credentials that were verified recently. Every API call carries HTTP Basic credentials and
 * the stored hashes are deliberately slow (PBKDF2), so without this cache a client's every request would
 * cost a full hash. Keys are a SHA-256 of login and password: the cache never holds a password.
 */
@Component(service = CredentialCache.class, configurationPid = "org.srplatform.web.authentication")
@Designate(ocd = CredentialCache.Config.class)
public final class CredentialCache {

    @ObjectClassDefinition(name = "SR web authentication")
    @interface Config {
        @AttributeDefinition(description = "Seconds a verified password is remembered, so that not every call pays for the slow hash")
        int credential_cache_seconds() default 300;

        @AttributeDefinition(description = "Most credentials remembered at once")
        int credential_cache_size() default 10000;
    }

    private record Entry(User user, Instant expires) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    @Activate
    public CredentialCache(Config config) {
        this(Duration.ofSeconds(config.credential_cache_seconds()), config.credential_cache_size(), Clock.systemUTC());
    }

    CredentialCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    Optional<User> get(String login, char[] password) {
        String key = key(login, password);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (e.expires().isBefore(clock.instant())) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.user());
    }

    void put(String login, char[] password, User user) {
        if (entries.size() >= maxEntries) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> e.expires().isBefore(now));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key(login, password), new Entry(user, clock.instant().plus(ttl)));
    }

    /** Forgets every remembered password of a user: after a password change the old one must fail at once. */
    void forget(String login) {
        entries.values().removeIf(e -> e.user().login().equals(login));
    }

    private static String key(String login, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(login.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            sha.update(raw);
            Arrays.fill(raw, (byte) 0);
            return Base64.getEncoder().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
