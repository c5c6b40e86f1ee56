package org.srplatform.store.internal.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.health.HealthCheck;
import org.srplatform.spi.health.HealthIndicator;
import org.srplatform.spi.store.StoreException;

/**
 * Health check {@code database}: whether the database answers now. The store's bundle being up says only that the
 * database could be opened at start; a PostgreSQL that went away since makes every request fail, so readiness must
 * say so (load balancers then send clients to a node that can serve), and say when it is back.
 *
 * <p>Health is asked often (each load balancer, each probe), so one probe at a time runs and its answer is reused
 * for {@link #FRESH}; a caller arriving while a probe runs gets the last answer instead of waiting behind it. A probe
 * that cannot get a connection because every connection is busy is {@code DEGRADED}, not {@code DOWN}: the database
 * answers, the platform is only loaded.
 */
public final class DatabaseHealth implements HealthIndicator {
    static final String NAME = "database";
    /** How long a probe's answer stands. */
    static final Duration FRESH = Duration.ofSeconds(2);
    /** How long a probe waits for the database to confirm a connection. */
    static final int VALID_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

    private final Database database;
    private final Clock clock;
    private final ReentrantLock probing = new ReentrantLock();
    private volatile Probe last;

    /** Made by {@link DatabaseSetup} once the database is open: its health check from then on. */
    DatabaseHealth(Database database) {
        this(database, Clock.systemUTC());
    }

    DatabaseHealth(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HealthCheck check() {
        Probe known = last;
        if (known != null && known.at().plus(FRESH).isAfter(clock.instant())) {
            return known.check();
        }
        if (!probing.tryLock()) {
            // Another caller is probing: the last answer (UP before the first one ends) rather than a second probe.
            return known == null ? HealthCheck.up() : known.check();
        }
        try {
            HealthCheck now = probe();
            if (known != null && known.check().status() != now.status()) {
                if (now.status() == HealthCheck.Status.UP) {
                    LOG.info("The database answers again");
                } else {
                    LOG.warn("Health check database {}: {}", now.status(), now.detail());
                }
            }
            last = new Probe(clock.instant(), now);
            return now;
        } finally {
            probing.unlock();
        }
    }

    private HealthCheck probe() {
        try {
            boolean valid = database.read(c -> c.isValid(VALID_SECONDS));
            return valid ? HealthCheck.up()
                    : HealthCheck.down("the database did not confirm a connection within " + VALID_SECONDS + " s");
        } catch (StoreException e) {
            if (unreachable(e)) {
                return HealthCheck.down("the database cannot be reached: " + e.getMessage()
                        + "; the platform serves again as soon as it answers (no restart needed)");
            }
            return HealthCheck.degraded("the database is busy or failing: " + e.getMessage());
        } catch (RuntimeException e) {
            return HealthCheck.degraded("the database check failed: " + e);
        }
    }

    /**
     * Out of reach: JDBC's connection exceptions or SQLState class {@code 08}, which PostgreSQL, Derby and the pool
     * use. A pool that only timed out waiting for a busy connection has no SQLState: that is load, not an outage.
     */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private record Probe(Instant at, HealthCheck check) {
    }
}
