package org.srplatform.store.internal.request;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.srplatform.api.common.Actor;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.ResponseTargets;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.store.Sql;

/** The SQL of an SR and its children: tags, attachments, timeline. Runs in the caller's transaction. */
final class SupportRequestTables {

    static final String COLUMNS = "SELECT sr.sr_number, sr.account_number, sr.product_id, sr.category_id,"
            + " sr.severity, sr.status, sr.subject, sr.description, sr.contact_method, sr.phone, sr.contact_login,"
            + " sr.intake_channel, sr.assignee, sr.created_at, sr.updated_at, sr.confirmation_due_at,"
            + " sr.first_response_due_at, sr.first_responded_at, sr.next_update_due_at, sr.suggestions_shown,"
            + " sr.version, sr.queue_id FROM support_requests sr";

    private SupportRequestTables() {
    }

    static void insert(Connection c, SupportRequest sr) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO support_requests (sr_number, account_number,"
                + " product_id, category_id, severity, status, subject, description, contact_method, phone,"
                + " contact_login, intake_channel, assignee, created_at, updated_at, confirmation_due_at,"
                + " first_response_due_at, first_responded_at, next_update_due_at, suggestions_shown, version,"
                + " queue_id, owes_response_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bindAll(s, sr.number().value(), sr.account(), sr.product(), sr.category(), sr.severity().level(),
                    sr.status(), sr.subject(), sr.description(), sr.contactMethod(), sr.phone(), sr.contact(),
                    sr.channel(), sr.assignee(), sr.createdAt(), sr.updatedAt(), sr.targets().confirmationDueAt(),
                    sr.targets().firstResponseDueAt(), sr.targets().firstRespondedAt(),
                    sr.targets().nextUpdateDueAt(), sr.suggestionsShown(), sr.version(), sr.queue(),
                    sr.responseOwedBy()).executeUpdate();
        }
        insertTags(c, sr.number().value(), sr.tags());
    }

    /**
     * Takes the row lock of an SR for the rest of the transaction and increases its version.
     *
     * @return false for an unknown number
     */
    static boolean lock(Connection c, long number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE support_requests SET version = version + 1 WHERE sr_number = ?")) {
            return Sql.bindAll(s, number).executeUpdate() == 1;
        }
    }

    /** Writes every column but the number and the version, and the tags when they changed. */
    static void update(Connection c, SupportRequest next, List<String> currentTags) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE support_requests SET account_number = ?,"
                + " product_id = ?, category_id = ?, severity = ?, status = ?, subject = ?, description = ?,"
                + " contact_method = ?, phone = ?, contact_login = ?, intake_channel = ?, assignee = ?,"
                + " created_at = ?, updated_at = ?, confirmation_due_at = ?, first_response_due_at = ?,"
                + " first_responded_at = ?, next_update_due_at = ?, suggestions_shown = ?, queue_id = ?,"
                + " owes_response_at = ? WHERE sr_number = ?")) {
            Sql.bindAll(s, next.account(), next.product(), next.category(), next.severity().level(), next.status(),
                    next.subject(), next.description(), next.contactMethod(), next.phone(), next.contact(),
                    next.channel(), next.assignee(), next.createdAt(), next.updatedAt(),
                    next.targets().confirmationDueAt(), next.targets().firstResponseDueAt(),
                    next.targets().firstRespondedAt(), next.targets().nextUpdateDueAt(), next.suggestionsShown(),
                    next.queue(), next.responseOwedBy(), next.number().value()).executeUpdate();
        }
        if (!next.tags().equals(currentTags)) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sr_tags WHERE sr_number = ?")) {
                Sql.bindAll(s, next.number().value()).executeUpdate();
            }
            insertTags(c, next.number().value(), next.tags());
        }
    }

    static void setUpdatedAt(Connection c, long number, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE support_requests SET updated_at = ? WHERE sr_number = ?")) {
            Sql.bindAll(s, at, number).executeUpdate();
        }
    }

    static void appendTimeline(Connection c, long number, List<TimelineEntry> entries) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO timeline_entries (sr_number, occurred_at,"
                + " actor_id, actor_name, kind, summary, details, internal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (TimelineEntry e : entries) {
                Sql.bindAll(s, number, e.at(), e.actor().id(), e.actor().name(), e.kind(), e.summary(),
                        DetailsJson.write(e.details()), e.internal()).addBatch();
            }
            s.executeBatch();
        }
    }

    static void insertAttachment(Connection c, long number, AttachmentInfo a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO attachments (sr_number, id, name, size_bytes,"
                + " sha256, content_type, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bindAll(s, number, a.id(), a.name(), a.size(), a.sha256(), a.contentType(), a.uploadedAt(),
                    a.uploadedBy()).executeUpdate();
        }
    }

    private static void insertTags(Connection c, long number, List<String> tags) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO sr_tags (sr_number, list_index, tag) VALUES (?, ?, ?)")) {
            int i = 0;
            for (String tag : tags) {
                Sql.bindAll(s, number, i++, tag).addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Runs a query that selects {@link #COLUMNS} and returns the SRs' headers in the query's order: one
     * more query for their tags, whatever the count; no attachments, no timelines.
     */
    static List<SupportRequest> headers(Connection c, String query, List<Object> params) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(query)) {
            try (ResultSet rs = Sql.bindAll(s, params.toArray()).executeQuery()) {
                while (rs.next()) {
                    rows.add(Row.read(rs));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Object[] numbers = rows.stream().map(r -> (Object) r.number()).toArray();
        String in = " IN (" + String.join(", ", rows.stream().map(r -> "?").toList()) + ")";
        Map<Long, List<String>> tags = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT sr_number, tag FROM sr_tags WHERE sr_number" + in
                + " ORDER BY sr_number, list_index")) {
            try (ResultSet rs = Sql.bindAll(s, numbers).executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return rows.stream().map(r -> r.toSupportRequest(tags.getOrDefault(r.number(), List.of()))).toList();
    }

    /** One SR's header. */
    static Optional<SupportRequest> header(Connection c, long number) throws SQLException {
        return headers(c, COLUMNS + " WHERE sr.sr_number = ?", List.of(number)).stream().findFirst();
    }

    /** An SR's header with its attachments and timeline, oldest first. */
    static SupportRequestDetails details(Connection c, SupportRequest sr) throws SQLException {
        long number = sr.number().value();
        List<AttachmentInfo> attachments = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, size_bytes, sha256, content_type,"
                + " uploaded_at, uploaded_by FROM attachments WHERE sr_number = ? ORDER BY uploaded_at, id")) {
            try (ResultSet rs = Sql.bindAll(s, number).executeQuery()) {
                while (rs.next()) {
                    attachments.add(new AttachmentInfo(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getString(4), rs.getString(5), Sql.instant(rs, "uploaded_at"), rs.getString(7)));
                }
            }
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT occurred_at, actor_id, actor_name, kind, summary,"
                + " details, internal FROM timeline_entries WHERE sr_number = ? ORDER BY id")) {
            try (ResultSet rs = Sql.bindAll(s, number).executeQuery()) {
                while (rs.next()) {
                    timeline.add(new TimelineEntry(Sql.instant(rs, "occurred_at"),
                            new Actor(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5),
                            DetailsJson.read(rs.getString(6)), rs.getBoolean(7)));
                }
            }
        }
        return new SupportRequestDetails(sr, attachments, timeline);
    }

    /** The scalar columns of an SR. */
    private record Row(long number, String account, String product, String category, Severity severity,
            SrStatus status, String subject, String description, ContactMethod contactMethod, Optional<String> phone,
            String contact, IntakeChannel channel, Optional<String> assignee, Instant createdAt, Instant updatedAt,
            Instant confirmationDueAt, Optional<Instant> firstResponseDueAt, Optional<Instant> firstRespondedAt,
            Optional<Instant> nextUpdateDueAt, boolean suggestionsShown, long version, Optional<String> queue) {

        static Row read(ResultSet rs) throws SQLException {
            return new Row(rs.getLong("sr_number"), rs.getString("account_number"), rs.getString("product_id"),
                    rs.getString("category_id"), Severity.of(rs.getInt("severity")),
                    SrStatus.valueOf(rs.getString("status")), rs.getString("subject"), rs.getString("description"),
                    ContactMethod.valueOf(rs.getString("contact_method")), Sql.optionalString(rs, "phone"),
                    rs.getString("contact_login"), IntakeChannel.valueOf(rs.getString("intake_channel")),
                    Sql.optionalString(rs, "assignee"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                    Sql.instant(rs, "confirmation_due_at"), Sql.optionalInstant(rs, "first_response_due_at"),
                    Sql.optionalInstant(rs, "first_responded_at"), Sql.optionalInstant(rs, "next_update_due_at"),
                    rs.getBoolean("suggestions_shown"), rs.getLong("version"), Sql.optionalString(rs, "queue_id"));
        }

        SupportRequest toSupportRequest(List<String> tags) {
            return new SupportRequest(new SrNumber(number), account, product, category, severity, status, subject,
                    description, tags, contactMethod, phone, contact, channel, assignee, createdAt, updatedAt,
                    new ResponseTargets(confirmationDueAt, firstResponseDueAt, firstRespondedAt, nextUpdateDueAt),
                    suggestionsShown, version, queue);
        }
    }
}
