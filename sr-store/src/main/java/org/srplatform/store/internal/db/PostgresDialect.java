package org.srplatform.store.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.Sql;

/** PostgreSQL 12 and later (and databases that speak its SQL). */
public final class PostgresDialect implements Dialect {
    /** Sequence names are written into SQL: only plain identifiers. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    @Override
    public long nextValue(Connection connection, String sequence) throws SQLException {
        if (!IDENTIFIER.matcher(sequence).matches()) {
            throw new IllegalArgumentException("not a sequence name: " + sequence);
        }
        // nextval is atomic and never rolled back: every node on the database gets its own values, no retry needed.
        try (PreparedStatement s = connection.prepareStatement("SELECT nextval('" + sequence + "')");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public String limit(String query) {
        return query + " LIMIT ?";
    }

    @Override
    public void upsert(Connection connection, String table, List<String> keys, List<String> others, List<?> values)
            throws SQLException {
        List<String> all = new ArrayList<>(keys);
        all.addAll(others);
        String insert = "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES ("
                + all.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT ("
                + String.join(", ", keys) + ") DO "
                + (others.isEmpty() ? "NOTHING"
                        : "UPDATE SET " + others.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
        try (PreparedStatement s = connection.prepareStatement(insert)) {
            for (int i = 0; i < values.size(); i++) {
                Sql.bind(s, i + 1, values.get(i));
            }
            s.executeUpdate();
        }
    }

    @Override
    public PreparedStatement prepareInsertReturningId(Connection connection, String insert) throws SQLException {
        // Named: with RETURN_GENERATED_KEYS the driver would return every column of the row.
        return connection.prepareStatement(insert, new String[] {"id"});
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
        return "42P01".equals(e.getSQLState());
    }

    @Override
    public boolean isAlreadyExists(SQLException e) {
        // a table or index (42P07), any other object (42710); and two CREATE TABLEs racing on the catalog's
        // unique index (23505 on pg_type), which PostgreSQL reports instead of 42P07
        return "42P07".equals(e.getSQLState()) || "42710".equals(e.getSQLState()) || "23505".equals(e.getSQLState());
    }

    @Override
    public boolean isRetryable(SQLException e) {
        // serialization failure and deadlock victim
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }
}
