package org.srplatform.store.internal.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.outbox.OutboxState;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.store.Sql;

/** Rows of the outbox table; shared by the outbox and the SR store, which writes in its own transactions. */
public final class OutboxTable {

    static final String INSERT = "INSERT INTO outbox (message_type, sr_number, destination, subject, payload,"
            + " due_at, created_at, state, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)";
    static final String COLUMNS = "SELECT id, message_type, sr_number, destination, subject, payload, due_at,"
            + " created_at, state, attempts, next_attempt_at, last_error FROM outbox";

    private OutboxTable() {
    }

    /** Writes messages in the caller's transaction, due for a first attempt at once. */
    public static void insertAll(Connection c, List<OutboundMessage> messages, Instant now) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (OutboundMessage m : messages) {
                bind(s, m, now).addBatch();
            }
            s.executeBatch();
        }
    }

    static PreparedStatement bind(PreparedStatement s, OutboundMessage m, Instant now) throws SQLException {
        return Sql.bindAll(s, m.type(), m.request().map(SrNumber::value), m.destination(), m.subject(), m.payload(),
                m.dueAt(), now, now);
    }

    static OutboxEntry read(ResultSet rs) throws SQLException {
        long sr = rs.getLong("sr_number");
        Optional<SrNumber> request = rs.wasNull() ? Optional.empty() : Optional.of(new SrNumber(sr));
        OutboundMessage message = new OutboundMessage(rs.getString("message_type"), request,
                rs.getString("destination"), rs.getString("subject"), rs.getString("payload"),
                Sql.instant(rs, "due_at"));
        return new OutboxEntry(rs.getLong("id"), message, Sql.instant(rs, "created_at"),
                OutboxState.valueOf(rs.getString("state")), rs.getInt("attempts"), Sql.instant(rs, "next_attempt_at"),
                Sql.optionalString(rs, "last_error"));
    }

    /** A claimed entry delivered; false when it is not claimed now (its lease was lost, or it was sent). */
    public static boolean markSent(Connection c, long id, java.time.Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET state = 'SENT', sent_at = ?,"
                + " lease_until = NULL WHERE id = ? AND state = 'SENDING'")) {
            return Sql.bindAll(s, at, id).executeUpdate() == 1;
        }
    }
}
