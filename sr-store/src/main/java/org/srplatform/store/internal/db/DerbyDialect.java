package org.srplatform.store.internal.db;

import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/** Apache Derby 10.16. */
public final class DerbyDialect implements Dialect {

    private static final int SEQUENCE_ATTEMPTS = 10;

    @Override
    public long nextValue(Connection connection, String sequence) throws SQLException {
        // When its preallocated values run out, Derby updates SYS.SYSSEQUENCES in a nested transaction
        // that does not wait for locks, and under concurrent use it gives up with "too much contention"
        // (X0Y84) or a lock timeout (40XL1). The value is not transactional anyway: ask again.
        for (int attempt = 1;; attempt++) {
            try (PreparedStatement s = connection.prepareStatement("VALUES NEXT VALUE FOR " + sequence);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                boolean contention = "X0Y84".equals(e.getSQLState()) || "40XL1".equals(e.getSQLState());
                if (!contention || attempt == SEQUENCE_ATTEMPTS || !connection.getAutoCommit()) {
                    throw e;
                }
                Thread.yield();
            }
        }
    }

    @Override
    public String limit(String query) {
        return query + " FETCH FIRST ? ROWS ONLY";
    }

    @Override
    public void upsert(Connection connection, String table, List<String> keys, List<String> others, List<?> values)
            throws SQLException {
        // Derby's MERGE wants a table as its source, so: update, and insert when there was nothing to
        // update. Losing an insert race to another transaction means the row exists now: update it.
        String where = keys.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
        String update = others.isEmpty() ? null
                : "UPDATE " + table + " SET " + others.stream().map(c -> c + " = ?").collect(Collectors.joining(", "))
                        + " WHERE " + where;
        if (update != null && runUpdate(connection, update, keys.size(), values) > 0) {
            return;
        }
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(others);
        String insert = "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES ("
                + all.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement s = connection.prepareStatement(insert)) {
            for (int i = 0; i < values.size(); i++) {
                Sql.bind(s, i + 1, values.get(i));
            }
            s.executeUpdate();
        } catch (SQLException e) {
            if (!isUniqueViolation(e) || update == null) {
                throw e;
            }
            runUpdate(connection, update, keys.size(), values);
        }
    }

    /** Binds the other columns first, then the keys of the WHERE. */
    private static int runUpdate(Connection connection, String update, int keyCount, List<?> values)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(update)) {
            int p = 1;
            for (int i = keyCount; i < values.size(); i++) {
                Sql.bind(s, p++, values.get(i));
            }
            for (int i = 0; i < keyCount; i++) {
                Sql.bind(s, p++, values.get(i));
            }
            return s.executeUpdate();
        }
    }

    @Override
    public PreparedStatement prepareInsertReturningId(Connection connection, String insert) throws SQLException {
        return connection.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS);
    }

    @Override
    public String lockTable(String table) {
        return "LOCK TABLE " + table + " IN EXCLUSIVE MODE";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public boolean isUndefinedTable(SQLException e) {
        return "42X05".equals(e.getSQLState());
    }

    @Override
    public boolean isAlreadyExists(SQLException e) {
        return "X0Y32".equals(e.getSQLState());
    }

    @Override
    public boolean isRetryable(SQLException e) {
        // A deadlock victim (40001); or an identity column or sequence whose preallocated values ran
        // out while another session held the catalog row: Derby does not wait for that lock and
        // answers "lock timeout" (40XL1) or "too much contention" (X0Y84) at once.
        String state = e.getSQLState();
        return "40001".equals(state) || "40XL1".equals(state) || "X0Y84".equals(state);
    }
}
