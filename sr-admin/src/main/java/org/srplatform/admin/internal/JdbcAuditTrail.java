package org.srplatform.admin.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.audit.AuditChange;
import org.srplatform.spi.audit.AuditEntry;
import org.srplatform.spi.audit.AuditQuery;
import org.srplatform.spi.audit.AuditTrail;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.Transactions;

/**
 * The audit trail in the table {@code audit_entries} (this bundle's schema). Not part of the {@code administration}
 * feature: sign-in failures and feature switches are recorded while administration is switched off too.
 */
@Component(service = {AuditTrail.class, JdbcAuditTrail.class})
@Header(name = Transactions.SCHEMA_HEADER, value = "schema")
public final class JdbcAuditTrail implements AuditTrail {
    /** Longest before or after kept (a VARCHAR's longest in Derby); longer JSON is cut, marked so. */
    static final int JSON_MAX = 32_000;

    private static final String INSERT = "INSERT INTO audit_entries (recorded_at, actor, action, target, before_json,"
            + " after_json) VALUES (?, ?, ?, ?, ?, ?)";

    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JdbcAuditTrail(@Reference Transactions transactions) {
        this(transactions, Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)));
    }

    JdbcAuditTrail(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void record(Transaction tx, AuditChange change) {
        recordAll(tx, List.of(change));
    }

    /** Records many changes of one transaction in one batch (an import's). */
    void recordAll(Transaction tx, List<AuditChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement s = tx.connection().prepareStatement(INSERT)) {
            java.time.Instant at = clock.instant();
            for (AuditChange c : changes) {
                Sql.bindAll(s, at, cut(c.actor(), 128), cut(c.action(), 64), cut(c.target(), 300),
                        c.before().map(b -> cut(b, JSON_MAX)).orElse(null), c.after().map(a -> cut(a, JSON_MAX)).orElse(null))
                        .addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new org.srplatform.spi.store.StoreException("cannot record the audit trail: " + e.getMessage(), e);
        }
    }

    @Override
    public void record(AuditChange change) {
        transactions.inTransaction(tx -> {
            record(tx, change);
            return null;
        });
    }

    @Override
    public Page<AuditEntry> entries(AuditQuery query, PageRequest page) {
        Optional<Long> after = page.cursor().map(JdbcAuditTrail::cursor);
        List<AuditEntry> found = transactions.read(tx -> {
            StringBuilder sql = new StringBuilder("SELECT id, recorded_at, actor, action, target, before_json, after_json"
                    + " FROM audit_entries WHERE 1 = 1");
            List<Object> params = new ArrayList<>();
            query.actor().ifPresent(a -> {
                sql.append(" AND actor = ?");
                params.add(a);
            });
            query.action().ifPresent(a -> {
                sql.append(" AND action LIKE ? ESCAPE '!'");
                params.add(a.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            });
            query.from().ifPresent(f -> {
                sql.append(" AND recorded_at >= ?");
                params.add(f);
            });
            query.to().ifPresent(t -> {
                sql.append(" AND recorded_at < ?");
                params.add(t);
            });
            after.ifPresent(id -> {
                sql.append(" AND id < ?");
                params.add(id);
            });
            sql.append(" ORDER BY id DESC");
            params.add(page.limit() + 1);
            return read(tx.connection(), tx.dialect().limit(sql.toString()), params.toArray());
        });
        if (found.size() <= page.limit()) {
            return Page.last(found);
        }
        List<AuditEntry> items = found.subList(0, page.limit());
        return new Page<>(items, Optional.of(Long.toString(items.get(items.size() - 1).id())));
    }

    private static long cursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new ValidationException(FieldError.of("cursor", "is not a cursor this list gave"));
        }
    }

    private static List<AuditEntry> read(Connection c, String sql, Object... params) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            try (ResultSet rs = Sql.bindAll(s, params).executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), Sql.instant(rs, "recorded_at"), new AuditChange(rs.getString(3),
                            rs.getString(4), rs.getString(5), Sql.optionalString(rs, "before_json"),
                            Sql.optionalString(rs, "after_json"))));
                }
            }
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 14) + "...(truncated)";
    }
}
