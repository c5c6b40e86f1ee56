package org.srplatform.web.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.store.StoreException;

/**
 * A store failure because the database cannot be reached (refused, connection lost, no connection to be had
 * within the pool's time-out) is the platform's trouble of the moment, not a bug: {@code 503} with a short
 * {@code Retry-After} (the {@code store} problem), one log line, no stack. JDBC says so by SQLState class
 * {@code 08} (connection exception), which PostgreSQL, Derby and the HikariCP pool all use, or by a connection
 * exception type.
 */
final class DatabaseUnavailable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailable.class);

    private DatabaseUnavailable() {
    }

    /** The 503 problem when a store failure in the chain is a database out of reach. */
    static Optional<Problem> problem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreException store && unreachable(store)) {
                LOG.warn("Answered 503: the database cannot be reached ({})", store.getMessage());
                return Optional.of(new Problem("about:blank", "Database unavailable", 503, "The platform cannot reach its"
                        + " database at the moment; retry in a few seconds (a request sent again with the same"
                        + " Idempotency-Key is not stored twice). GET /api/v1/health says when it is back.", null,
                        ProblemMapper.STORE));
            }
        }
        return Optional.empty();
    }

    static boolean unreachable(StoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
