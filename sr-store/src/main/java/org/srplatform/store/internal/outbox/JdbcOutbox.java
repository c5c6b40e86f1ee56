package org.srplatform.store.internal.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.outbox.OutboxState;
import org.srplatform.store.internal.db.Database;
import org.srplatform.spi.store.Sql;

/**
 * The outbox table as dispatchers see it. Claims are row by row conditional updates, so two nodes
 * that race for an entry cannot both win it.
 */
@Component
public final class JdbcOutbox implements Outbox {

    private static final int MAX_ERROR = 2000;
    /** Due for a first attempt or a retry, or claimed by a dispatcher whose lease ran out. */
    private static final String CLAIMABLE = "((state = 'PENDING' AND next_attempt_at <= ?)"
            + " OR (state = 'SENDING' AND lease_until <= ?))";

    private final Database db;
    private final Clock clock;

    @Activate
    public JdbcOutbox(@Reference Database db) {
        // To the microsecond, what every database the store runs on keeps, so an entry reads back as it was made.
        this(db, Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1_000)));
    }

    public JdbcOutbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public OutboxEntry enqueue(OutboundMessage message) {
        Instant now = clock.instant();
        long id = db.inTransaction(c -> {
            try (PreparedStatement s = db.dialect().prepareInsertReturningId(c, OutboxTable.INSERT)) {
                OutboxTable.bind(s, message, now).executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new OutboxEntry(id, message, now, OutboxState.PENDING, 0, now, Optional.empty());
    }

    /**
     * Pending messages that are due, longest due first: in the order of outbox_due, so the database reads the
     * first rows of the range and stops. (ORDER BY id sorted every due row at each poll; when intake outran
     * the dispatcher the backlog grew, each poll sorted all of it, and the dispatcher fell further behind.)
     */
    static final String DUE_PENDING = "SELECT id FROM outbox WHERE message_type = ? AND state = 'PENDING'"
            + " AND next_attempt_at <= ? ORDER BY next_attempt_at";

    @Override
    public List<OutboxEntry> claim(String type, Instant now, int max, Duration lease) {
        if (max < 1) {
            return List.of();
        }
        Instant leaseUntil = now.plus(lease);
        return db.inTransaction(c -> {
            // Two queries, not one with CLAIMABLE's OR: Derby answers an OR of the two states by reading every
            // row of the type (1.2 s a poll with a million sent messages); each half is one range of outbox_due.
            TreeSet<Long> due = new TreeSet<>();
            due.addAll(ids(c, DUE_PENDING, type, now, max));
            due.addAll(ids(c, "SELECT id FROM outbox WHERE message_type = ? AND state = 'SENDING'"
                    + " AND lease_until <= ? ORDER BY id", type, now, max));
            List<Long> candidates = due.stream().limit(max).toList();
            List<OutboxEntry> claimed = new ArrayList<>();
            try (PreparedStatement update = c.prepareStatement("UPDATE outbox SET state = 'SENDING',"
                    + " lease_until = ?, attempts = attempts + 1 WHERE id = ? AND " + CLAIMABLE);
                    PreparedStatement read = c.prepareStatement(OutboxTable.COLUMNS + " WHERE id = ?")) {
                for (long id : candidates) {
                    // Another node may have claimed it since the SELECT: only a row still claimable counts.
                    if (Sql.bindAll(update, leaseUntil, id, now, now).executeUpdate() == 1) {
                        try (ResultSet rs = Sql.bindAll(read, id).executeQuery()) {
                            rs.next();
                            claimed.add(OutboxTable.read(rs));
                        }
                    }
                }
            }
            return claimed;
        });
    }

    private List<Long> ids(Connection c, String query, String type, Instant now, int max) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(db.dialect().limit(query))) {
            try (ResultSet rs = Sql.bindAll(s, type, now, max).executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    @Override
    public void markSent(long id, Instant at) {
        change(id, "UPDATE outbox SET state = 'SENT', sent_at = ?, lease_until = NULL WHERE id = ?", at, id);
    }

    @Override
    public void markFailed(long id, String error, Instant retryAt) {
        String message = error == null ? "" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        if (retryAt == null) {
            change(id, "UPDATE outbox SET state = 'FAILED', last_error = ?, lease_until = NULL WHERE id = ?",
                    message, id);
        } else {
            change(id, "UPDATE outbox SET state = 'PENDING', last_error = ?, next_attempt_at = ?, lease_until = NULL"
                    + " WHERE id = ?", message, retryAt, id);
        }
    }

    @Override
    public OutboxEntry retry(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET state = 'PENDING', attempts = 0,"
                    + " next_attempt_at = ?, lease_until = NULL WHERE id = ? AND state = 'FAILED'")) {
                if (Sql.bindAll(s, clock.instant(), id).executeUpdate() == 1) {
                    return read(c, id).orElseThrow();
                }
            }
            OutboxEntry entry = read(c, id).orElseThrow(() -> new NotFoundException("no outbox entry " + id));
            throw new ConflictException("outbox entry " + id + " is " + entry.state()
                    + "; only a message given up on (FAILED, listed as DEAD) is retried");
        });
    }

    /**
     * The unsent messages of a type and subject due before a time, in one state. One statement per state, each one
     * range of outbox_due: with {@code state IN (...)} and the type a parameter, Derby chose to read every message of
     * the type, SENT ones too (over a second at a million SRs, twice every 15 s for the health check).
     */
    static final String UNSENT_IN_STATE = "SELECT COUNT(*) FROM outbox WHERE message_type = ? AND state = '%s'"
            + " AND subject = ? AND due_at < ?";

    @Override
    public long countUnsent(String type, String subject, Instant dueBefore) {
        return db.read(c -> {
            long unsent = 0;
            for (OutboxState state : List.of(OutboxState.PENDING, OutboxState.SENDING)) {
                try (PreparedStatement s = c.prepareStatement(UNSENT_IN_STATE.formatted(state.name()))) {
                    try (ResultSet rs = Sql.bindAll(s, type, subject, dueBefore).executeQuery()) {
                        rs.next();
                        unsent += rs.getLong(1);
                    }
                }
            }
            return unsent;
        });
    }

    @Override
    public Optional<OutboxEntry> find(long id) {
        return db.read(c -> read(c, id));
    }

    private static Optional<OutboxEntry> read(java.sql.Connection c, long id) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(OutboxTable.COLUMNS + " WHERE id = ?")) {
            try (ResultSet rs = Sql.bindAll(s, id).executeQuery()) {
                return rs.next() ? Optional.of(OutboxTable.read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<OutboxEntry> list(OutboxState state, int max) {
        if (max < 1) {
            return List.of();
        }
        return db.read(c -> {
            List<OutboxEntry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    db.dialect().limit(OutboxTable.COLUMNS + " WHERE state = ? ORDER BY id"))) {
                try (ResultSet rs = Sql.bindAll(s, state, max).executeQuery()) {
                    while (rs.next()) {
                        entries.add(OutboxTable.read(rs));
                    }
                }
            }
            return entries;
        });
    }

    private void change(long id, String update, Object... params) {
        int rows = db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(update)) {
                return Sql.bindAll(s, params).executeUpdate();
            }
        });
        if (rows == 0) {
            throw new NotFoundException("no outbox entry " + id);
        }
    }
}
