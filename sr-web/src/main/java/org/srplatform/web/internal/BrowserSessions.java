package org.srplatform.web.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.srplatform.api.security.User;
import org.srplatform.spi.security.StoredUser;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.security.UserEvents;

/**
 * The web UI's sessions. Sign-in (the same path as HTTP Basic: throttled, audited, hashed on bounded slots) opens one;
 * the browser then holds a random token in an HttpOnly cookie, and the database every node shares keeps only the
 * token's SHA-256, so sessions survive a node and a copy of the database opens none. The CSRF token is derived from
 * the session's token (a keyed hash the database never holds), so any node can check it without storing it.
 * <p>
 * A session ends after {@code idle.minutes} without a request or {@code absolute.hours} after sign-in, at sign-out,
 * and when its user changes (password, deactivation, roles: {@link UserEvents#CHANGED}). A node trusts what it read
 * for {@code cache.seconds}, so a sign-out on another node reaches it within that time; a request that finds the row
 * gone while recording its use is refused at once.
 */
@Component(service = {BrowserSessions.class, EventHandler.class}, configurationPid = SessionConfig.PID,
        property = EventConstants.EVENT_TOPIC + "=" + UserEvents.CHANGED)
public final class BrowserSessions implements EventHandler {
    /** The cookie that carries the session's token. */
    static final String COOKIE = "SR_SESSION";

    /** What sign-in gives the browser: the token (for the cookie only) and the CSRF token (for the page). */
    record Opened(String token, String csrfToken, User user, Instant expiresAt) {
    }

    /** A request's session: its user and the CSRF token its unsafe requests must carry. */
    record Current(User user, String csrfToken, Instant expiresAt) {
    }

    private record Cached(SessionStore.StoredSession session, User user) {
    }

    private final SessionStore store;
    private final UserDirectory users;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final Duration touchEvery;
    private final Cache<String, Cached> cache;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public BrowserSessions(SessionConfig config, @Reference SessionStore store, @Reference UserDirectory users) {
        this(store, users, Clock.systemUTC(), Duration.ofMinutes(Math.max(1, config.idle_minutes())),
                Duration.ofHours(Math.max(1, config.absolute_hours())), Duration.ofSeconds(Math.max(0, config.cache_seconds())),
                config.cache_size(), Ticker.systemTicker());
    }

    BrowserSessions(SessionStore store, UserDirectory users, Clock clock, Duration idle, Duration absolute,
            Duration cacheFor, int cacheSize, Ticker ticker) {
        this.store = store;
        this.users = users;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        // Often enough that the idle expiry is exact to a few percent, rarely enough that a busy page costs no writes.
        this.touchEvery = min(idle.dividedBy(10), Duration.ofMinutes(1));
        this.cache = Caffeine.newBuilder().maximumSize(Math.max(1, cacheSize)).expireAfterWrite(cacheFor).ticker(ticker)
                .executor(Runnable::run).build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Opens a session for a user whose password was just verified. */
    Opened open(User user) {
        Instant now = clock.instant();
        store.purge(now, now.minus(idle)); // ended sessions leave the table as new ones come
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant expires = now.plus(absolute);
        store.insert(new SessionStore.StoredSession(hash(token), user.login(), now, now, expires));
        return new Opened(token, csrfToken(token), user, expires);
    }

    /** The session of a cookie's token, if it is open; records the use (idle expiry). */
    Optional<Current> resolve(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String key = hash(token);
        Instant now = clock.instant();
        Cached cached = cache.getIfPresent(key);
        if (cached != null && !open(cached.session(), now)) {
            cache.invalidate(key); // maybe kept alive by another node meanwhile: the database decides
            cached = null;
        }
        if (cached == null) {
            cached = load(key).orElse(null);
            if (cached == null) {
                return Optional.empty();
            }
            if (!open(cached.session(), now)) {
                store.delete(key);
                return Optional.empty();
            }
            // Kept cache.seconds from now, not from its last use: re-putting on each use would keep a session that
            // another node signed out alive here for as long as requests keep coming.
            cache.put(key, cached);
        }
        SessionStore.StoredSession s = cached.session();
        if (Duration.between(s.lastSeenAt(), now).compareTo(touchEvery) >= 0) {
            if (!store.touch(key, now)) { // signed out or revoked on another node
                cache.invalidate(key);
                return Optional.empty();
            }
            s = new SessionStore.StoredSession(s.tokenHash(), s.login(), s.createdAt(), now, s.expiresAt());
            cached = new Cached(s, cached.user());
            cache.asMap().replace(key, cached); // just confirmed by the database: trusted cache.seconds from now
        }
        return Optional.of(new Current(cached.user(), csrfToken(token), s.expiresAt()));
    }

    private Optional<Cached> load(String key) {
        Optional<SessionStore.StoredSession> stored = store.find(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Optional<User> user = activeUser(stored.get().login());
        if (user.isEmpty()) {
            store.delete(key);
            return Optional.empty();
        }
        return Optional.of(new Cached(stored.get(), user.get()));
    }

    /** The user as the directory has them now; empty when gone or deactivated. */
    private Optional<User> activeUser(String login) {
        try {
            return users.stored(login).filter(StoredUser::active).map(StoredUser::user);
        } catch (UnsupportedOperationException e) { // a directory without activation: every user it finds is active
            return users.find(login);
        }
    }

    private boolean open(SessionStore.StoredSession s, Instant now) {
        return now.isBefore(s.expiresAt()) && now.isBefore(s.lastSeenAt().plus(idle));
    }

    /** Signs a session out, on every node (the others within {@code cache.seconds}). */
    void close(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        String key = hash(token);
        cache.invalidate(key);
        store.delete(key);
    }

    /** Ends every session of a user. */
    void revoke(String login) {
        cache.asMap().values().removeIf(c -> c.session().login().equals(login));
        store.deleteAllOf(login);
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(UserEvents.LOGIN) instanceof String login) {
            revoke(login);
        }
    }

    /** Whether a request's X-CSRF-Token header is the session's, compared in constant time. */
    static boolean csrfMatches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** What the database keeps of a token. */
    static String hash(String token) {
        return HexFormat.of().formatHex(sha256("session\0" + token));
    }

    /** The CSRF token of a session: derived from its token, so never stored, and not derivable from the stored hash. */
    static String csrfToken(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("csrf\0" + token));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
