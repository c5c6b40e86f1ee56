package org.srplatform.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.store.internal.Fixtures;

/**
 * What differs on PostgreSQL, on a real one (sr-store's {@code postgres} test run; skipped, saying why, without
 * one): the SR number sequence, upsert, identity ids read back, and the SQL states the store reacts to.
 */
class PostgresDialectTest {
    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        Assumptions.assumeTrue("postgres".equals(System.getProperty("sr.test.database")),
                "PostgreSQL dialect tests run in sr-store's postgres test run (-Dsr.test.database=postgres)");
        db = Fixtures.openStore(dir);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theSchemaIsThereAndSrNumbersComeFromTheSequenceWithoutRepeats() {
        assertTrue(db.dialect() instanceof PostgresDialect);
        long first = db.read(c -> db.dialect().nextValue(c, "sr_number_seq"));
        long second = db.read(c -> db.dialect().nextValue(c, "sr_number_seq"));
        assertEquals(first + 1, second);
        assertThrows(IllegalArgumentException.class, () -> db.read(c -> db.dialect().nextValue(c, "x; DROP TABLE y")));
    }

    @Test
    void upsertInsertsThenReplacesTheOtherColumns() {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE pairs (k1 VARCHAR(10), k2 INTEGER, v VARCHAR(10), PRIMARY KEY (k1, k2))");
            }
            db.dialect().upsert(c, "pairs", List.of("k1", "k2"), List.of("v"), List.of("a", 1, "first"));
            db.dialect().upsert(c, "pairs", List.of("k1", "k2"), List.of("v"), List.of("a", 1, "second"));
            db.dialect().upsert(c, "pairs", List.of("k1", "k2"), List.of(), List.of("a", 1));
            return null;
        });
        assertEquals("second", db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM pairs")) {
                rs.next();
                String v = rs.getString(1);
                assertTrue(!rs.next(), "one row");
                return v;
            }
        }));
    }

    @Test
    void anInsertReadsItsIdentityBackAndTheStatesAreRecognised() {
        long[] ids = db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE things (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name VARCHAR(10)"
                        + " UNIQUE)");
            }
            long[] made = new long[2];
            for (int i = 0; i < 2; i++) {
                try (PreparedStatement p = db.dialect().prepareInsertReturningId(c, "INSERT INTO things (name) VALUES (?)")) {
                    p.setString(1, "n" + i);
                    p.executeUpdate();
                    try (ResultSet keys = p.getGeneratedKeys()) {
                        keys.next();
                        made[i] = keys.getLong(1);
                    }
                }
            }
            return made;
        });
        assertNotEquals(ids[0], ids[1]);
        SQLException duplicate = assertThrows(org.srplatform.spi.store.StoreException.class, () -> db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO things (name) VALUES ('n0')");
            }
            return null;
        })).getCause() instanceof SQLException e ? e : null;
        assertTrue(duplicate != null && db.dialect().isUniqueViolation(duplicate));
        SQLException missing = (SQLException) assertThrows(org.srplatform.spi.store.StoreException.class,
                () -> db.read(c -> {
                    try (Statement s = c.createStatement()) {
                        s.executeQuery("SELECT 1 FROM no_such_table");
                    }
                    return null;
                })).getCause();
        assertTrue(db.dialect().isUndefinedTable(missing), missing.getSQLState());
    }
}
