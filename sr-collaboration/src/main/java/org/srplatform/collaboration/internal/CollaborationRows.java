package org.srplatform.collaboration.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.PartnerPriority;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.Sql;

/** The collaborations' tables ({@code schema/V1__collaborations.sql}); every method on the caller's transaction. */
final class CollaborationRows {
    private final ObjectMapper json = new ObjectMapper();

    long insert(Connection c, Dialect dialect, SrNumber sr, String connector, String partner, String summary,
            String detail, PartnerPriority priority, Map<String, String> fields, boolean consent, String by,
            Instant at) throws SQLException {
        try (PreparedStatement s = dialect.prepareInsertReturningId(c, "INSERT INTO collaborations (sr_number,"
                + " connector_id, partner, summary, detail, priority, form_fields, consent, requested_by, requested_at,"
                + " state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?)")) {
            Sql.bindAll(s, sr.value(), connector, partner, summary, detail, priority, write(new TreeMap<>(fields)),
                    consent, by, at, at).executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    Optional<Collaboration> find(Connection c, long id) throws SQLException {
        List<Collaboration> found = list(c, "SELECT * FROM collaborations WHERE id = ?", id);
        return found.stream().findFirst();
    }

    List<Collaboration> ofRequest(Connection c, SrNumber sr) throws SQLException {
        return list(c, "SELECT * FROM collaborations WHERE sr_number = ? ORDER BY id", sr.value());
    }

    /** Open collaborations whose partner is due to be asked for news. */
    List<Collaboration> dueToFollow(Connection c, Dialect dialect, Instant now, int max) throws SQLException {
        return list(c, dialect.limit("SELECT * FROM collaborations WHERE follow_at <= ? ORDER BY follow_at"), now, max);
    }

    /** The collaboration a connector follows by this handle, if any. */
    Optional<Collaboration> byExternalId(Connection c, String connector, String externalId) throws SQLException {
        return list(c, "SELECT * FROM collaborations WHERE connector_id = ? AND external_id = ? ORDER BY id",
                connector, externalId).stream().findFirst();
    }

    /**
     * Records that a partner's event was applied; false if it was before (the partner sent it again). Run before
     * the event is applied, in the same transaction: two nodes taking the same event at once meet at the key.
     */
    boolean recordEvent(Connection c, String connector, String eventId, long collaboration, Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM partner_events WHERE connector_id = ?"
                + " AND event_id = ?")) {
            try (ResultSet rs = Sql.bindAll(s, connector, eventId).executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO partner_events (connector_id, event_id,"
                + " collaboration_id, received_at) VALUES (?, ?, ?, ?)")) {
            Sql.bindAll(s, connector, eventId, collaboration, at).executeUpdate();
        }
        return true;
    }

    /** Cases the partner still owes its first answer to, whose deadline passed and was not yet told. */
    List<Collaboration> pastRespondBy(Connection c, Dialect dialect, Instant now, int max) throws SQLException {
        return list(c, dialect.limit("SELECT * FROM collaborations WHERE state = 'OPEN' AND respond_by < ?"
                + " AND respond_by_warned IS NULL ORDER BY respond_by"), now, max);
    }

    void markRespondByWarned(Connection c, long id, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE collaborations SET respond_by_warned = ? WHERE id = ?")) {
            Sql.bindAll(s, at, id).executeUpdate();
        }
    }

    /** Writes the partner's side and the next follow-up (NULL: none). */
    void update(Connection c, Collaboration co, Optional<Instant> followAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE collaborations SET state = ?, external_id = ?,"
                + " partner_case_number = ?, engineer = ?, respond_by = ?, response = ?, last_error = ?, updated_at = ?,"
                + " follow_at = ? WHERE id = ?")) {
            Sql.bindAll(s, co.state(), co.externalId(), co.caseNumber().map(n -> clip(n, 200)), co.engineer().map(e -> clip(e, 200)), co.respondBy(),
                    co.response().map(r -> clip(r, 4000)), co.lastError().map(e -> clip(e, 2000)), co.updatedAt(),
                    followAt, co.id()).executeUpdate();
        }
    }

    /** When the poller asks the partner next (after a failed follow-up: no news, ask again later). */
    void reschedule(Connection c, long id, Instant followAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE collaborations SET follow_at = ? WHERE id = ?"
                + " AND follow_at IS NOT NULL")) {
            Sql.bindAll(s, followAt, id).executeUpdate();
        }
    }

    /** Adds a note unless one with its key is there (a partner's note polled twice); whether it was added. */
    boolean addNote(Connection c, long id, Instant at, String author, String text, String direction, String key,
            boolean sent) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM collaboration_notes WHERE collaboration_id = ?"
                + " AND note_key = ?")) {
            try (ResultSet rs = Sql.bindAll(s, id, clip(key, 400)).executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO collaboration_notes (collaboration_id, seq,"
                + " written_at, author, body, direction, note_key, sent) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1"
                + " FROM collaboration_notes WHERE collaboration_id = ?), ?, ?, ?, ?, ?, ?)")) {
            Sql.bindAll(s, id, id, at, clip(author, 200), clip(text, 5000), direction, clip(key, 400), sent)
                    .executeUpdate();
        }
        return true;
    }

    int lastNoteSeq(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM collaboration_notes"
                + " WHERE collaboration_id = ?")) {
            try (ResultSet rs = Sql.bindAll(s, id).executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void markNoteSent(Connection c, long id, int seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE collaboration_notes SET sent = TRUE"
                + " WHERE collaboration_id = ? AND seq = ?")) {
            Sql.bindAll(s, id, seq).executeUpdate();
        }
    }

    private List<Collaboration> list(Connection c, String sql, Object... params) throws SQLException {
        List<Collaboration> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            try (ResultSet rs = Sql.bindAll(s, params).executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
        }
        List<Collaboration> withNotes = new ArrayList<>();
        for (Collaboration co : found) {
            withNotes.add(co.withNotes(notes(c, co.id())));
        }
        return withNotes;
    }

    private List<Collaboration.Note> notes(Connection c, long id) throws SQLException {
        List<Collaboration.Note> notes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM collaboration_notes WHERE collaboration_id = ?"
                + " ORDER BY seq")) {
            try (ResultSet rs = Sql.bindAll(s, id).executeQuery()) {
                while (rs.next()) {
                    notes.add(new Collaboration.Note(rs.getInt("seq"), Sql.instant(rs, "written_at"),
                            rs.getString("author"), rs.getString("body"), rs.getString("direction"),
                            rs.getBoolean("sent")));
                }
            }
        }
        return notes;
    }

    private Collaboration read(ResultSet rs) throws SQLException {
        return new Collaboration(rs.getLong("id"), new SrNumber(rs.getLong("sr_number")), rs.getString("connector_id"),
                rs.getString("partner"), rs.getString("summary"), rs.getString("detail"),
                PartnerPriority.valueOf(rs.getString("priority")), readFields(rs.getString("form_fields")),
                rs.getBoolean("consent"), rs.getString("requested_by"), Sql.instant(rs, "requested_at"),
                CollaborationState.valueOf(rs.getString("state")), Sql.optionalString(rs, "external_id"),
                Sql.optionalString(rs, "partner_case_number"), Sql.optionalString(rs, "engineer"), Sql.optionalInstant(rs, "respond_by"),
                Sql.optionalString(rs, "response"), Sql.optionalString(rs, "last_error"),
                Sql.instant(rs, "updated_at"), List.of());
    }

    private Map<String, String> readFields(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("collaborations.form_fields is not the JSON this bundle writes", e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // maps of strings always serialise
        }
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
