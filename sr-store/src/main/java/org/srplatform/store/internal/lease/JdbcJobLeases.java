package org.srplatform.store.internal.lease;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.spi.store.JobLeases;
import org.srplatform.spi.store.Sql;
import org.srplatform.store.internal.db.Database;

/**
 * Job leases in table {@code job_leases}: one row per job, the node that holds it and until when. Taking or
 * renewing is one conditional UPDATE (the holder, or anyone once the lease ran out), or the INSERT of a job never
 * leased; two nodes asking at once meet at the row's lock or its key, and one of them wins.
 */
@Component(service = JobLeases.class)
public final class JdbcJobLeases implements JobLeases {
    private final Database db;
    private final Clock clock;
    private final String node;

    @Activate
    public JdbcJobLeases(@Reference Database db) {
        this(db, Clock.systemUTC(), host() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    public JdbcJobLeases(Database db, Clock clock, String node) {
        this.db = db;
        this.clock = clock;
        this.node = node;
    }

    @Override
    public boolean hold(String job, Duration ttl) {
        if (job == null || job.isBlank() || job.length() > 100) {
            throw new IllegalArgumentException("a job name is 1 to 100 characters");
        }
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE job_leases SET node = ?, lease_until = ?"
                    + " WHERE job = ? AND (node = ? OR lease_until < ?)")) {
                if (Sql.bindAll(s, node, until, job, node, now).executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM job_leases WHERE job = ?");
                    ResultSet rs = Sql.bindAll(s, job).executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false; // another node holds it and its lease runs
                }
            }
            // Never leased: insert. A savepoint, because on PostgreSQL a failed statement would otherwise spoil the
            // whole transaction, which the store's group commit may share with other callers' work.
            Savepoint before = c.setSavepoint();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO job_leases (job, node, lease_until)"
                    + " VALUES (?, ?, ?)")) {
                Sql.bindAll(s, job, node, until).executeUpdate();
                return true;
            } catch (SQLException e) {
                if (db.dialect().isUniqueViolation(e)) {
                    c.rollback(before);
                    return false; // another node inserted it first
                }
                throw e;
            }
        });
    }

    @Override
    public void release(String job) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM job_leases WHERE job = ? AND node = ?")) {
                Sql.bindAll(s, job, node).executeUpdate();
            }
            return null;
        });
    }

    @Override
    public String node() {
        return node;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
