package org.srplatform.web.internal;

import java.time.Instant;
import java.util.Optional;

/** Where browser sessions are kept: the database every node shares ({@link JdbcSessionStore}). Thread-safe. */
interface SessionStore {

    /** A stored session: the hash of its token, whose it is, and its times. */
    record StoredSession(String tokenHash, String login, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {
    }

    void insert(StoredSession session);

    Optional<StoredSession> find(String tokenHash);

    /** Records a request of the session; false when the session is gone (signed out or revoked on any node). */
    boolean touch(String tokenHash, Instant at);

    void delete(String tokenHash);

    /** Ends every session of a user; how many there were. */
    int deleteAllOf(String login);

    /** Deletes sessions past their absolute expiry or idle since before {@code idleBefore}. */
    int purge(Instant now, Instant idleBefore);
}
