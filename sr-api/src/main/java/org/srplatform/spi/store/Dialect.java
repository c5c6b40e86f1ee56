package org.srplatform.spi.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The few things that differ between SQL databases. Everything else the store writes is portable SQL,
 * so another database is another implementation of this, not another store.
 */
@ProviderType
public interface Dialect {

    /**
     * The next value of a database sequence, shared by every node on the database. Call it in
     * auto-commit mode, before the transaction that uses the value: sequence values are not
     * transactional, and some databases lock their sequence catalog for the caller's transaction.
     */
    long nextValue(Connection connection, String sequence) throws SQLException;

    /** Appends a row limit to a query that ends with its ORDER BY; the limit is bound as a parameter. */
    String limit(String query);

    /**
     * Inserts a row or replaces its non-key columns.
     *
     * @param keys   key column names, bound first from {@code values}
     * @param others the other columns, bound after the keys
     * @param values one value per key and other column, in that order
     */
    void upsert(Connection connection, String table, List<String> keys, List<String> others, List<?> values)
            throws SQLException;

    /** Prepares an INSERT into a table with an identity column named {@code id}, to read the new id back. */
    PreparedStatement prepareInsertReturningId(Connection connection, String insert) throws SQLException;

    /** Takes a table lock for the rest of the transaction (schema migrations across nodes). */
    String lockTable(String table);

    boolean isUniqueViolation(SQLException e);

    boolean isUndefinedTable(SQLException e);

    boolean isAlreadyExists(SQLException e);

    /** Whether the transaction lost a deadlock or a serialization conflict and may simply run again. */
    boolean isRetryable(SQLException e);
}
