package org.srplatform.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.request.JdbcSupportRequestRepository;

/** A Derby store's data moved into an empty PostgreSQL schema (sr-store's postgres run; skipped without one). */
class StoreCopyTest {
    @TempDir
    Path dir;

    @Test
    void everyRowMovesAndTheSrNumbersCarryOnWithoutRepeating() throws Exception {
        Assumptions.assumeTrue("postgres".equals(System.getProperty("sr.test.database")),
                "the copy to PostgreSQL runs in sr-store's postgres test run (-Dsr.test.database=postgres)");
        DerbyDatabase derby = Fixtures.openDatabase(dir);
        Fixtures.loadCatalog(derby);
        JdbcSupportRequestRepository onDerby = new JdbcSupportRequestRepository(derby);
        SrNumber first = onDerby.create(Fixtures.draft("1001", "datacenter", Severity.S2, "Datastore latency 数据存储"),
                Fixtures.created(Fixtures.now()), List.of(new OutboundMessage("notification", Optional.empty(),
                        "customer1@acme.example", "CONFIRMATION", "{}", Fixtures.now()))).request().number();
        derby.close();

        String url = System.getProperty("sr.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/sr_test");
        Properties login = new Properties();
        login.setProperty("user", System.getProperty("sr.test.postgres.user", "sr"));
        login.setProperty("password", System.getProperty("sr.test.postgres.password", "sr-test-only"));
        String schema = "copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(url, login); Statement s = admin.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        Properties inSchema = new Properties(login);
        inSchema.putAll(login);
        inSchema.setProperty("currentSchema", schema);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try {
            Map<String, Long> copied;
            try (Connection source = new org.apache.derby.jdbc.EmbeddedDriver().connect("jdbc:derby:" + dir.resolve("db"),
                    new Properties());
                    Connection target = DriverManager.getConnection(url, inSchema)) {
                copied = new StoreCopy(new PrintStream(report, true, StandardCharsets.UTF_8)).copy(source, target,
                        Map.of(SchemaMigrations.STORE_MODULE, SchemaMigrations.storeScripts()));
                IllegalStateException again = assertThrows(IllegalStateException.class, () -> new StoreCopy(
                        new PrintStream(new ByteArrayOutputStream())).copy(source, target, Map.of()));
                assertTrue(again.getMessage().contains("empty database"), again.getMessage());
            }
            assertEquals(1L, copied.get("support_requests"));
            assertEquals(1L, copied.get("outbox"));
            assertTrue(report.toString(StandardCharsets.UTF_8).contains("support_requests"));

            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(url);
            source.setUser(login.getProperty("user"));
            source.setPassword(login.getProperty("password"));
            source.setCurrentSchema(schema);
            PostgresDatabase pg = new PostgresDatabase(source, url, dir.resolve("pg"), 4, "test");
            try {
                JdbcSupportRequestRepository onPostgres = new JdbcSupportRequestRepository(pg);
                assertEquals("Datastore latency 数据存储", onPostgres.find(first).orElseThrow().request().subject());
                SrNumber next = onPostgres.create(Fixtures.draft("1001", "datacenter", Severity.S3, "After the move"),
                        Fixtures.created(Fixtures.now()), List.of()).request().number();
                assertTrue(next.value() > first.value(), first + " then " + next);
            } finally {
                pg.close();
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(url, login); Statement s = admin.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                // left for the next run's clean database
            }
        }
    }
}
