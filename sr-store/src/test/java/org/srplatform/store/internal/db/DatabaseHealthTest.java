package org.srplatform.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.srplatform.spi.health.HealthCheck.Status;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.StoreException;

class DatabaseHealthTest {

    /** A database whose next answer the test decides; counts the probes. */
    private static final class ScriptedDatabase implements Database {
        final AtomicInteger probes = new AtomicInteger();
        volatile RuntimeException failure;

        @Override
        public Dialect dialect() {
            return new DerbyDialect();
        }

        @Override
        public Path dataDir() {
            return Path.of("unused");
        }

        @Override
        public <T> T inTransaction(SqlWork<T> work) {
            throw new UnsupportedOperationException("health only reads");
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T read(SqlWork<T> work) {
            probes.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return (T) Boolean.TRUE;
        }

        @Override
        public void close() {
        }
    }

    private static final class SteppedClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ScriptedDatabase database = new ScriptedDatabase();
    private final SteppedClock clock = new SteppedClock();
    private final DatabaseHealth health = new DatabaseHealth(database, clock);

    @Test
    void aDatabaseThatAnswersIsUp() {
        assertEquals(Status.UP, health.check().status());
        assertEquals("database", health.name());
    }

    @Test
    void aDatabaseOutOfReachIsDownNamingWhyAndUpOnceItAnswersAgain() {
        database.failure = new StoreException("cannot connect", new SQLTransientConnectionException(
                "sr-store - Connection is not available", "08001", new SQLException("Connection refused", "08001")));
        var down = health.check();
        assertEquals(Status.DOWN, down.status());
        assertTrue(down.detail().contains("cannot be reached"), down.detail());

        database.failure = null;
        clock.now = clock.now.plus(DatabaseHealth.FRESH);
        assertEquals(Status.UP, health.check().status());
    }

    @Test
    void aPoolThatIsOnlyBusyIsDegradedNotDown() {
        // HikariCP's time-out without a connection failure behind it carries no SQLState: load, not an outage.
        database.failure = new StoreException("busy", new SQLTransientConnectionException(
                "sr-store - Connection is not available, request timed out after 5000ms"));
        assertEquals(Status.DEGRADED, health.check().status());
    }

    @Test
    void anAnswerIsReusedWhileFreshSoThatFrequentHealthCallsDoNotLoadTheDatabase() {
        health.check();
        health.check();
        clock.now = clock.now.plus(DatabaseHealth.FRESH.minus(Duration.ofMillis(1)));
        health.check();
        assertEquals(1, database.probes.get());

        clock.now = clock.now.plus(Duration.ofMillis(1));
        health.check();
        assertEquals(2, database.probes.get());
    }

    @Test
    void aBrokenConnectionLaterInTheChainIsStillAnOutage() {
        database.failure = new StoreException("read failed", new RuntimeException(new SQLException("I/O error", "08006")));
        assertEquals(Status.DOWN, health.check().status());
    }
}
