package org.srplatform.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.store.internal.Fixtures;

class SchemaMigrationsTest {

    @TempDir
    Path dir;

    @Test
    void migrationsRunTwiceOnTheSameDatabaseAreANoOp() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            int version = db.read(c -> new SchemaMigrations(db.dialect()).version(c));
            assertEquals(SchemaMigrations.SCRIPTS.size(), version);
            assertEquals(0, (int) db.read(c -> new SchemaMigrations(db.dialect()).migrate(c)));
            assertEquals(SchemaMigrations.SCRIPTS.size(), historyRows(db));
        } finally {
            db.close();
        }
        DerbyDatabase reopened = Fixtures.openDatabase(dir);
        try {
            assertEquals(SchemaMigrations.SCRIPTS.size(), historyRows(reopened));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aScriptChangedAfterItWasAppliedStopsTheStart() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE schema_history SET checksum = '0000000000000000000000000000000000000000000000000000000000000000'")) {
                    return s.executeUpdate();
                }
            });
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> db.read(c -> new SchemaMigrations(db.dialect()).migrate(c)));
            assertTrue(e.getMessage().contains("V1__initial_schema.sql"), e.getMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void anEmptyDatabaseGetsEveryScriptOnce() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            db.read(c -> {
                // Rebuild from nothing on a fresh schema of the same database: every table, then once more.
                try (var s = c.createStatement()) {
                    s.execute("CREATE SCHEMA fresh");
                    s.execute("SET SCHEMA fresh");
                }
                assertEquals(SchemaMigrations.SCRIPTS.size(), new SchemaMigrations(db.dialect()).migrate(c));
                assertEquals(0, new SchemaMigrations(db.dialect()).migrate(c));
                assertEquals(SchemaMigrations.SCRIPTS.size(), count(c, "SELECT COUNT(*) FROM fresh.schema_history"));
                assertEquals(0, count(c, "SELECT COUNT(*) FROM fresh.support_requests"));
                return null;
            });
        } finally {
            db.close();
        }
    }

    @Test
    void statementsEndWithASemicolonAtTheEndOfALine() {
        List<String> statements = SchemaMigrations.statements("""
                -- a comment; with a semicolon
                CREATE TABLE a (
                  x VARCHAR(10) DEFAULT 'a;b'
                );

                CREATE INDEX a_x ON a (x);  \s
                """);
        assertEquals(List.of("CREATE TABLE a (\n  x VARCHAR(10) DEFAULT 'a;b'\n)", "CREATE INDEX a_x ON a (x)"),
                statements);
    }

    @Test
    void aScriptWithoutAFinalSemicolonIsRefused() {
        assertThrows(IllegalStateException.class, () -> SchemaMigrations.statements("CREATE TABLE a (x INT)\n"));
    }

    private static int historyRows(Database db) {
        return db.read(c -> count(c, "SELECT COUNT(*) FROM schema_history"));
    }

    private static int count(Connection c, String sql) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
