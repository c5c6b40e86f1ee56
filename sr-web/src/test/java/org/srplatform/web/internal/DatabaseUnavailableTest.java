package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.srplatform.spi.store.StoreException;

class DatabaseUnavailableTest {

    private static StoreException store(SQLException cause) {
        return new StoreException("database transaction failed: " + cause.getMessage(), cause);
    }

    @Test
    void aDatabaseOutOfReachIsA503OfTheStore() {
        for (StoreException e : new StoreException[] {
            store(new SQLException("Connection to 127.0.0.1:5432 refused", "08001")),
            store(new SQLException("An I/O error occurred while sending to the backend", "08006")),
            // HikariCP: no connection within its time-out (the last failure's state, or none)
            store(new SQLTransientConnectionException("sr-store - Connection is not available, request timed out", (String) null)),
            store(new SQLException("wrapped", "XX000", new SQLException("Connection reset", "08006")))}) {
            Problem p = ProblemMapper.problemOf(e);
            assertEquals(503, p.status(), e.toString());
            assertEquals(ProblemMapper.STORE, p.feature());
            assertTrue(p.detail().contains("retry"), p.detail());
        }
        // wrapped by whatever a capability throws on
        assertEquals(503, ProblemMapper.problemOf(new IllegalStateException("failed",
                store(new SQLException("refused", "08001")))).status());
    }

    @Test
    void otherStoreFailuresStayInternalErrors() {
        assertFalse(DatabaseUnavailable.unreachable(store(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseUnavailable.unreachable(new StoreException("no SQL cause", new IllegalStateException())));
        assertEquals(500, ProblemMapper.problemOf(store(new SQLException("syntax error", "42601"))).status());
    }
}
