package org.srplatform.web.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.Transactions;

/**
 * Browser sessions in {@code web_sessions}, sr-web's own table (its script in this bundle's {@code schema/}
 * folder, applied by the store when sr-web first uses it): nodes that share the database share the sessions.
 */
@Component(service = SessionStore.class)
@Header(name = Transactions.SCHEMA_HEADER, value = "schema")
public final class JdbcSessionStore implements SessionStore {
    private static final String COLUMNS = "token_hash, login, created_at, last_seen_at, expires_at";

    private final Transactions db;

    @Activate
    public JdbcSessionStore(@Reference Transactions db) {
        this.db = db;
    }

    @Override
    public void insert(StoredSession s) {
        db.inTransaction(tx -> {
            try (PreparedStatement st = tx.connection().prepareStatement("INSERT INTO web_sessions (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?)")) {
                return Sql.bindAll(st, s.tokenHash(), s.login(), s.createdAt(), s.lastSeenAt(), s.expiresAt()).executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredSession> find(String tokenHash) {
        return db.read(tx -> {
            try (PreparedStatement st = tx.connection().prepareStatement("SELECT " + COLUMNS
                    + " FROM web_sessions WHERE token_hash = ?")) {
                try (ResultSet rs = Sql.bindAll(st, tokenHash).executeQuery()) {
                    return rs.next() ? Optional.of(new StoredSession(rs.getString("token_hash"), rs.getString("login"),
                            Sql.instant(rs, "created_at"), Sql.instant(rs, "last_seen_at"), Sql.instant(rs, "expires_at")))
                            : Optional.<StoredSession>empty();
                }
            }
        });
    }

    @Override
    public boolean touch(String tokenHash, Instant at) {
        return update("UPDATE web_sessions SET last_seen_at = ? WHERE token_hash = ?", at, tokenHash) == 1;
    }

    @Override
    public void delete(String tokenHash) {
        update("DELETE FROM web_sessions WHERE token_hash = ?", tokenHash);
    }

    @Override
    public int deleteAllOf(String login) {
        return update("DELETE FROM web_sessions WHERE login = ?", login);
    }

    @Override
    public int purge(Instant now, Instant idleBefore) {
        return update("DELETE FROM web_sessions WHERE expires_at <= ? OR last_seen_at <= ?", now, idleBefore);
    }

    private int update(String sql, Object... values) {
        return db.inTransaction(tx -> {
            try (PreparedStatement st = tx.connection().prepareStatement(sql)) {
                return Sql.bindAll(st, values).executeUpdate();
            }
        });
    }
}
