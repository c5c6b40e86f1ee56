package org.srplatform.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.spi.store.StoreException;
import org.srplatform.store.internal.Fixtures;

class SchemaMigrationsTest {
    private static final String STORE = SchemaMigrations.STORE_MODULE;

    @TempDir
    Path dir;

    @Test
    void migrationsRunTwiceOnTheSameDatabaseAreANoOp() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            int version = db.read(c -> new SchemaMigrations(db.dialect()).version(c, STORE));
            assertEquals(SchemaMigrations.STORE_SCRIPTS.size(), version);
            assertEquals(0, (int) db.read(c -> new SchemaMigrations(db.dialect()).migrate(c, STORE, "test",
                    SchemaMigrations.storeScripts())));
            assertEquals(SchemaMigrations.STORE_SCRIPTS.size(), historyRows(db));
        } finally {
            db.close();
        }
        DerbyDatabase reopened = Fixtures.openDatabase(dir);
        try {
            assertEquals(SchemaMigrations.STORE_SCRIPTS.size(), historyRows(reopened));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aScriptChangedAfterItWasAppliedStopsItsModule() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE module_schema_history SET checksum ="
                        + " '0000000000000000000000000000000000000000000000000000000000000000'")) {
                    return s.executeUpdate();
                }
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.read(
                    c -> new SchemaMigrations(db.dialect()).migrate(c, STORE, "test", SchemaMigrations.storeScripts())));
            assertTrue(e.getMessage().contains("V1__initial_schema.sql"), e.getMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void eachModuleKeepsItsOwnVersionsInOneHistory() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            SchemaMigrations migrations = new SchemaMigrations(db.dialect());
            List<SchemaMigrations.Script> v1 = List.of(script("V1__notes.sql",
                    "CREATE TABLE capability_notes (id INTEGER NOT NULL PRIMARY KEY);\n"));
            List<SchemaMigrations.Script> v2 = new ArrayList<>(v1);
            v2.add(script("V2__note_text.sql", "ALTER TABLE capability_notes ADD COLUMN text VARCHAR(100);\n"));
            assertEquals(1, (int) db.read(c -> migrations.migrate(c, "org.example.notes", "1.0.0", v1)));
            assertEquals(1, (int) db.read(c -> migrations.migrate(c, "org.example.notes", "1.1.0", v2)),
                    "a new bundle version applies only its new script");
            assertEquals(0, (int) db.read(c -> migrations.migrate(c, "org.example.notes", "1.1.0", v2)));
            assertEquals(2, (int) db.read(c -> migrations.version(c, "org.example.notes")));
            assertEquals(SchemaMigrations.STORE_SCRIPTS.size(), (int) db.read(c -> migrations.version(c, STORE)),
                    "version 1 of another module is not the store's");
            assertEquals("1.1.0", db.read(c -> string(c,
                    "SELECT module_version FROM module_schema_history WHERE module = 'org.example.notes' AND version = 2")));
        } finally {
            db.close();
        }
    }

    @Test
    void aScriptDropsTheForeignKeysOfAColumnWithoutKnowingTheirNames() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            SchemaMigrations migrations = new SchemaMigrations(db.dialect());
            List<SchemaMigrations.Script> v1 = List.of(script("V1__notes.sql", """
                    CREATE TABLE note_books (id INTEGER NOT NULL PRIMARY KEY);
                    CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, book INTEGER NOT NULL REFERENCES note_books (id),
                      owner INTEGER REFERENCES note_books (id));
                    """));
            List<SchemaMigrations.Script> v2 = new ArrayList<>(v1);
            v2.add(script("V2__loose_books.sql", "drop foreign key on notes (book);\n"));
            db.read(c -> migrations.migrate(c, "org.example.notes", "1.0.0", v1));
            StoreException before = assertThrows(StoreException.class, () -> db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO notes VALUES (1, 7, NULL)");
                }
            }));
            assertEquals("23503", ((SQLException) before.getCause()).getSQLState(), "the foreign key holds before");
            db.read(c -> migrations.migrate(c, "org.example.notes", "1.1.0", v2));
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO notes VALUES (1, 7, NULL)");
                }
            });
            StoreException other = assertThrows(StoreException.class, () -> db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO notes VALUES (2, 7, 7)");
                }
            }));
            assertEquals("23503", ((SQLException) other.getCause()).getSQLState(), "only the named column's key went");
        } finally {
            db.close();
        }
    }

    @Test
    void theStoresSrTablesHaveNoForeignKeysOnTheirInsertPath() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            for (String table : List.of("SUPPORT_REQUESTS", "SR_TAGS", "TIMELINE_ENTRIES")) {
                assertEquals(0, (int) db.read(c -> {
                    try (ResultSet keys = c.getMetaData().getImportedKeys(null, c.getSchema(), table)) {
                        int n = 0;
                        while (keys.next()) {
                            n++;
                        }
                        return n;
                    }
                }), table + ": each foreign key would cost every new SR an index insert and a probe");
            }
        } finally {
            db.close();
        }
    }

    @Test
    void aFailingScriptLeavesNeitherItsTablesNorItsHistoryRow() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            SchemaMigrations migrations = new SchemaMigrations(db.dialect());
            List<SchemaMigrations.Script> broken = List.of(script("V1__broken.sql",
                    "CREATE TABLE half_made (id INTEGER NOT NULL PRIMARY KEY);\nCREATE TABLE half_made (id INTEGER);\n"));
            assertThrows(StoreException.class, () -> db.read(c -> migrations.migrate(c, "org.example.broken", "1", broken)));
            assertEquals(0, (int) db.read(c -> migrations.version(c, "org.example.broken")));
            assertEquals(0, (int) db.read(c -> count(c,
                    "SELECT COUNT(*) FROM sys.systables WHERE tablename = 'HALF_MADE'")));
        } finally {
            db.close();
        }
    }

    /**
     * A database made by release 1.0 (one {@code schema_history} for every table, phone messages as the
     * store's V2) opens with this release: its history moves to per-module rows, phone messages become
     * intake's V1 (the same script, byte for byte), and its data stays.
     */
    @Test
    void aDatabaseOfThePreviousReleaseUpgradesInPlace() throws Exception {
        Path db = dir.resolve("db");
        makePreviousReleaseDatabase(db);

        DerbyDatabase upgraded = new DerbyDatabase(StoreSettings.in(dir));
        try {
            SchemaMigrations migrations = new SchemaMigrations(upgraded.dialect());
            assertEquals(SchemaMigrations.STORE_SCRIPTS.size(), (int) upgraded.read(c -> migrations.version(c, STORE)),
                    "the store's scripts after release 1.0 are applied");
            assertEquals("datacenter:production:2026-01-01", upgraded.read(c -> string(c,
                    "SELECT contract_id FROM support_contracts WHERE account_number = '1001'")),
                    "a contract stored by release 1.0 gets the id a contract without one has");
            assertEquals(1, (int) upgraded.read(c -> migrations.version(c, "org.srplatform.intake")));
            assertEquals(0, (int) upgraded.read(c -> count(c,
                    "SELECT COUNT(*) FROM sys.systables WHERE tablename = 'SCHEMA_HISTORY'")), "the old history is gone");
            assertEquals(0, (int) upgraded.read(c -> migrations.migrate(c, "org.srplatform.intake", "1.0.0",
                    List.of(legacyPhoneMessages("V1__phone_messages.sql")))),
                    "intake's own copy of the script matches what release 1.0 applied");
            assertEquals(1, (int) upgraded.read(c -> count(c, "SELECT COUNT(*) FROM phone_messages")));
            assertEquals("Globex", upgraded.read(c -> string(c, "SELECT company FROM phone_messages")));
        } finally {
            upgraded.close();
        }
    }

    @Test
    void aDatabaseOfANewerReleaseIsRefusedWithAMessageThatSaysSo() throws Exception {
        Path db = dir.resolve("db");
        makePreviousReleaseDatabase(db);
        withConnection(db, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO schema_history VALUES (9, 'future', 'V9__future.sql',"
                        + " '0000000000000000000000000000000000000000000000000000000000000000', CURRENT_TIMESTAMP, 0)");
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DerbyDatabase(StoreSettings.in(dir)));
        assertTrue(e.getMessage().contains("V9__future.sql"), e.getMessage());
        withConnection(db, c -> assertEquals(3, count(c, "SELECT COUNT(*) FROM schema_history"),
                "nothing of the refused upgrade was written"));
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

    @Test
    void scriptNamesCarryTheirVersion() {
        assertTrue(SchemaMigrations.Script.isScriptName("V12__add_queues.sql"));
        assertFalse(SchemaMigrations.Script.isScriptName("add_queues.sql"));
        assertEquals(12, script("V12__add_queues.sql", "SELECT 1 FROM sysibm.sysdummy1;\n").version());
    }

    /** The tables, history and data release 1.0's store left: its scripts as it applied them. */
    private static void makePreviousReleaseDatabase(Path db) throws Exception {
        withConnection(db, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE schema_history (version INTEGER NOT NULL PRIMARY KEY,"
                        + " description VARCHAR(200) NOT NULL, script VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL,"
                        + " installed_at TIMESTAMP NOT NULL, execution_ms BIGINT NOT NULL)");
                for (SchemaMigrations.Script script : List.of(legacyStoreSchema(),
                        legacyPhoneMessages("V2__phone_messages.sql"))) {
                    for (String statement : script.statements()) {
                        s.execute(statement);
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO schema_history VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP, 1)")) {
                        p.setInt(1, script.version());
                        p.setString(2, script.description());
                        p.setString(3, script.name());
                        p.setString(4, script.checksum());
                        p.executeUpdate();
                    }
                }
                s.execute("INSERT INTO products VALUES ('datacenter', 'Datacenter', TRUE, 'UTC')");
                s.execute("INSERT INTO support_offerings VALUES ('production', 'Production')");
                s.execute("INSERT INTO accounts VALUES ('1001', 'Acme Corp', 'C1001', 'APJ')");
                s.execute("INSERT INTO support_contracts VALUES ('1001', 0, 'datacenter', 'production', 'SUBSCRIPTION',"
                        + " DATE('2026-01-01'), DATE('2027-12-31'), 0)");
                s.execute("INSERT INTO phone_messages (id, caller_name, company, callback_number, description, left_at,"
                        + " callback_due_at, taken_by) VALUES ('m1', 'Pat', 'Globex', '+1 650 555 0100', 'Disk full',"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'engineer1')");
            }
        });
    }

    /** Release 1.0's V1: the store's V1, which is never edited once released. */
    private static SchemaMigrations.Script legacyStoreSchema() {
        return SchemaMigrations.storeScripts().get(0);
    }

    /** Release 1.0's V2, kept as a test resource: the script as that release shipped it. */
    private static SchemaMigrations.Script legacyPhoneMessages(String asName) {
        try (InputStream in = SchemaMigrationsTest.class.getResourceAsStream("/legacy-1.0/V2__phone_messages.sql")) {
            return SchemaMigrations.Script.of(asName, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface ConnectionWork {
        void run(Connection c) throws Exception;
    }

    private static void withConnection(Path db, ConnectionWork work) throws Exception {
        EmbeddedDriver driver = new EmbeddedDriver();
        try (Connection c = driver.connect("jdbc:derby:" + db + ";create=true", new Properties())) {
            work.run(c);
        } finally {
            try {
                driver.connect("jdbc:derby:" + db + ";shutdown=true", new Properties());
            } catch (SQLException expected) {
                // 08006: shut down
            }
        }
    }

    private static SchemaMigrations.Script script(String name, String text) {
        return SchemaMigrations.Script.of(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static int historyRows(Database db) {
        return db.read(c -> count(c, "SELECT COUNT(*) FROM module_schema_history WHERE module = '" + STORE + "'"));
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
