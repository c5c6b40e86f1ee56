package org.srplatform.intake.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.phone.PhoneMessage;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.store.Transactions;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.store.Sql;

/**
 * The callback queue's messages in {@code phone_messages}, a table of intake's own: its scripts are in
 * this bundle's {@code schema/} folder, applied by the store when intake first uses it.
 */
@Component(service = PhoneMessageRepository.class)
@Header(name = Transactions.SCHEMA_HEADER, value = "schema")
public final class JdbcPhoneMessageRepository implements PhoneMessageRepository {
    private static final String COLUMNS = "id, caller_name, company, callback_number, sr_number, description, left_at,"
            + " callback_due_at, taken_by, called_back_at, called_back_by";

    private final Transactions db;

    @Activate
    public JdbcPhoneMessageRepository(@Reference Transactions db) {
        this.db = db;
    }

    @Override
    public void insert(PhoneMessage m) {
        insert(m, List.of());
    }

    @Override
    public void insert(PhoneMessage m, List<OutboundMessage> notifications) {
        db.inTransaction(tx -> {
            tx.enqueue(notifications);
            var c = tx.connection();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO phone_messages (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                return Sql.bindAll(s, m.id(), m.name(), m.company(), m.callbackNumber(),
                        m.request().map(SrNumber::value), m.description(), m.leftAt(), m.callbackDueAt(), m.takenBy(),
                        m.calledBackAt(), m.calledBackBy()).executeUpdate();
            }
        });
    }

    @Override
    public Optional<PhoneMessage> find(String id) {
        return db.read(tx -> {
            var c = tx.connection();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM phone_messages WHERE id = ?")) {
                try (ResultSet rs = Sql.bindAll(s, id).executeQuery()) {
                    return rs.next() ? Optional.of(message(rs)) : Optional.<PhoneMessage>empty();
                }
            }
        });
    }

    @Override
    public List<PhoneMessage> waiting(int max) {
        return db.read(tx -> {
            var c = tx.connection();
            try (PreparedStatement s = c.prepareStatement(tx.dialect().limit("SELECT " + COLUMNS
                    + " FROM phone_messages WHERE called_back_at IS NULL ORDER BY callback_due_at, id"))) {
                List<PhoneMessage> out = new ArrayList<>();
                try (ResultSet rs = Sql.bindAll(s, max).executeQuery()) {
                    while (rs.next()) {
                        out.add(message(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean markCalledBack(String id, Instant at, String by) {
        return db.inTransaction(tx -> {
            var c = tx.connection();
            try (PreparedStatement s = c.prepareStatement("UPDATE phone_messages SET called_back_at = ?, called_back_by = ?"
                    + " WHERE id = ? AND called_back_at IS NULL")) {
                return Sql.bindAll(s, at, by, id).executeUpdate() == 1;
            }
        });
    }

    private static PhoneMessage message(ResultSet rs) throws SQLException {
        long sr = rs.getLong("sr_number");
        Optional<SrNumber> request = rs.wasNull() ? Optional.empty() : Optional.of(new SrNumber(sr));
        return new PhoneMessage(rs.getString("id"), rs.getString("caller_name"), rs.getString("company"),
                rs.getString("callback_number"), request, rs.getString("description"), Sql.instant(rs, "left_at"),
                Sql.instant(rs, "callback_due_at"), rs.getString("taken_by"), Sql.optionalInstant(rs, "called_back_at"),
                Sql.optionalString(rs, "called_back_by"));
    }
}
