package org.srplatform.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for one test, dropped when closed: made on the test PostgreSQL that {@code .ci/run}
 * starts (the role and database sr-store's tests use, {@code sr.test.postgres.url/user/password} to change them).
 * When the role may not create databases, a fresh schema of that database stands in for one (the nodes' URL names
 * it as {@code currentSchema}): the platform's tables, sequences and leases are as much its own either way. No
 * PostgreSQL there: the test is skipped, and says why.
 */
final class FreshPostgres implements AutoCloseable {
    static final String URL = System.getProperty("sr.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/sr_test");
    static final String USER = System.getProperty("sr.test.postgres.user", "sr");
    static final String PASSWORD = System.getProperty("sr.test.postgres.password", "sr-test-only");
    /** PostgreSQL's insufficient_privilege. */
    private static final String NO_PRIVILEGE = "42501";

    private final String name;
    private final boolean database;
    private final String url;

    private FreshPostgres(String name, boolean database, String url) {
        this.name = name;
        this.database = database;
        this.url = url;
    }

    /** A new database (or schema) named after {@code test}; aborts the test when no PostgreSQL answers. */
    static FreshPostgres create(String test) {
        String name = "sr_" + test.toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            try {
                s.execute("CREATE DATABASE " + name);
                return new FreshPostgres(name, true, URL.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name));
            } catch (SQLException e) {
                if (!NO_PRIVILEGE.equals(e.getSQLState())) {
                    throw e;
                }
            }
            s.execute("CREATE SCHEMA " + name);
            return new FreshPostgres(name, false, URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name);
        } catch (SQLException e) {
            Assumptions.abort(test + " skipped: no PostgreSQL at " + URL + " as " + USER + " (" + e.getMessage()
                    + "); .ci/run installs and starts one, or set sr.test.postgres.url/user/password");
            throw new AssertionError("not reached");
        }
    }

    /** The nodes' {@code jdbc.url}. */
    String url() {
        return url;
    }

    String user() {
        return USER;
    }

    String password() {
        return PASSWORD;
    }

    /** What was made: "database sr_x" or "schema sr_x of sr_test". */
    String describe() {
        return database ? "database " + name : "schema " + name + " of " + URL.replaceFirst("^.*/([^/?]*).*$", "$1")
                + " (the role may not create databases)";
    }

    /** A connection to it, for the test's own queries. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    @Override
    public void close() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            // FORCE: a killed node's connections may still be open on the server side.
            s.execute(database ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test " + describe(), e);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }
}
