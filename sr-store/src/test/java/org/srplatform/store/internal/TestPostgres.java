package org.srplatform.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.srplatform.spi.store.Dialect;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.db.PostgresDatabase;
import org.srplatform.store.internal.db.SqlWork;

/** A fresh schema on a test PostgreSQL per database opened, dropped when it is closed. */
final class TestPostgres {
    static final String URL = System.getProperty("sr.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/sr_test");
    static final String USER = System.getProperty("sr.test.postgres.user", "sr");
    static final String PASSWORD = System.getProperty("sr.test.postgres.password", "sr-test-only");

    private TestPostgres() {
    }

    static Database open(Path dir) {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        PGSimpleDataSource admin = source(URL);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL tests skipped: no PostgreSQL at " + URL + " as " + USER + " ("
                    + e.getMessage() + "); .ci/run starts one, or set sr.test.postgres.url/user/password");
        }
        PGSimpleDataSource source = source(URL);
        source.setCurrentSchema(schema);
        PostgresDatabase db = new PostgresDatabase(source, URL + " (schema " + schema + ")", dir, 8, "test");
        return new Database() {
            @Override public Dialect dialect() { return db.dialect(); }
            @Override public Path dataDir() { return db.dataDir(); }
            @Override public <T> T inTransaction(SqlWork<T> work) { return db.inTransaction(work); }
            @Override public <T> T read(SqlWork<T> work) { return db.read(work); }

            @Override
            public void close() {
                db.close();
                try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException("could not drop test schema " + schema, e);
                }
            }
        };
    }

    private static PGSimpleDataSource source(String url) {
        PGSimpleDataSource s = new PGSimpleDataSource();
        s.setUrl(url);
        s.setUser(USER);
        s.setPassword(PASSWORD);
        return s;
    }
}
