package org.srplatform.escalation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.escalation.ActionPlanRevision;
import org.srplatform.api.escalation.CommunicationChannel;
import org.srplatform.api.escalation.CommunicationPlan;
import org.srplatform.api.escalation.CustomerAgreement;
import org.srplatform.api.escalation.Escalation;
import org.srplatform.api.escalation.EscalationDue;
import org.srplatform.api.escalation.EscalationQuery;
import org.srplatform.api.escalation.EscalationReason;
import org.srplatform.api.escalation.EscalationRequest;
import org.srplatform.api.escalation.EscalationState;
import org.srplatform.api.escalation.EscalationStep;
import org.srplatform.api.escalation.EscalationUpdate;
import org.srplatform.api.escalation.Milestone;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.Sql;

/**
 * Escalation's tables ({@code schema/V1__escalation.sql}): one row per escalation with what it owes next, and
 * its action plan revisions, updates and history beside it. Every method runs on the caller's transaction.
 */
final class EscalationRows {

    /** An escalation as stored: the model and what only the store needs. */
    record Stored(Escalation escalation, int planRevision, Optional<Instant> watchAt) {
        long id() {
            return Long.parseLong(escalation.id());
        }
    }

    // The current plan as a scalar subquery, not a LEFT JOIN: with the join Derby read and sorted every row of a
    // review's range (1-2 s a page at 100,000 open escalations); with the subquery it reads a page from the index.
    private static final String COLUMNS = "SELECT e.*, (SELECT p.text FROM escalation_action_plans p"
            + " WHERE p.escalation_id = e.id AND p.revision = e.action_plan_revision) AS plan_text FROM escalations e";

    private final ObjectMapper json = new ObjectMapper();

    long insert(Connection c, Dialect dialect, Escalation e) throws SQLException {
        try (PreparedStatement s = dialect.prepareInsertReturningId(c, "INSERT INTO escalations (sr_number, open_sr,"
                + " region, state, reason, problem_statement_confirmed, business_impact_confirmed,"
                + " workaround_unacceptable, milestones, detail, requested_by, requested_at, resources,"
                + " process_corrections, action_plan_revision, due_kind, due_at, watch_at, conference_call_due,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 0, ?, ?, ?, FALSE, ?)")) {
            EscalationRequest asked = e.asked();
            EscalationDue due = e.due().orElseThrow();
            Sql.bindAll(s, e.request().value(), e.request().value(), e.region(), e.state(), asked.reason(),
                    asked.problemStatementConfirmed(), asked.businessImpactConfirmed(), asked.workaroundUnacceptable(),
                    milestones(asked.milestones()), asked.detail(), e.requestedBy(), e.requestedAt(), due.kind(),
                    due.at(), due.at(), e.updatedAt()).executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Writes everything that changes after the request; {@code watchAt} is when the overdue watch looks next. */
    void update(Connection c, Stored stored) throws SQLException {
        Escalation e = stored.escalation();
        Optional<CommunicationPlan> plan = e.communicationPlan();
        Optional<CustomerAgreement> agreement = e.agreement();
        try (PreparedStatement s = c.prepareStatement("UPDATE escalations SET open_sr = ?, state = ?,"
                + " escalation_engineer = ?, resources = ?, process_corrections = ?, action_plan_revision = ?,"
                + " comm_channels = ?, comm_every_hours = ?, comm_participants = ?, last_update_at = ?, due_kind = ?,"
                + " due_at = ?, watch_at = ?, conference_call_due = ?, too_slow_at = ?, agreement_name = ?,"
                + " agreement_at = ?, agreement_note = ?, de_escalated_at = ?, updated_at = ? WHERE id = ?")) {
            Sql.bindAll(s, e.isOpen() ? e.request().value() : null, e.state(), e.escalationEngineer(), e.resources(),
                    e.processCorrections(), stored.planRevision(),
                    plan.map(p -> p.channels().stream().map(Enum::name).sorted().collect(Collectors.joining(","))),
                    plan.map(CommunicationPlan::everyHours), plan.map(p -> write(p.participants())),
                    e.lastUpdateAt(), e.due().map(EscalationDue::kind), e.due().map(EscalationDue::at),
                    stored.watchAt(), e.conferenceCallDue(), e.tooSlowAt(), agreement.map(CustomerAgreement::name),
                    agreement.map(CustomerAgreement::at), agreement.map(CustomerAgreement::note), e.deEscalatedAt(),
                    e.updatedAt(), stored.id()).executeUpdate();
        }
    }

    Optional<Stored> find(Connection c, long id) throws SQLException {
        return list(c, COLUMNS + " WHERE e.id = ?", id).stream().findFirst();
    }

    /** The SR's open escalation, if any. */
    Optional<Stored> openOf(Connection c, SrNumber sr) throws SQLException {
        return list(c, COLUMNS + " WHERE e.open_sr = ?", sr.value()).stream().findFirst();
    }

    List<Stored> ofRequest(Connection c, SrNumber sr) throws SQLException {
        return list(c, COLUMNS + " WHERE e.sr_number = ? ORDER BY e.id DESC", sr.value());
    }

    /**
     * A page of the daily review: open escalations (only they owe something, so only they have a due), what is
     * owed soonest first, then by id. A lower bound on due_at in every query makes it one range of an index.
     */
    Page<Escalation> review(Connection c, Dialect dialect, EscalationQuery query, Optional<String> cursor, int limit)
            throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        query.region().ifPresent(r -> {
            where.add("e.region = ?");
            params.add(r);
        });
        query.state().ifPresent(s -> {
            where.add("e.state = ?");
            params.add(s);
        });
        Instant from = Instant.EPOCH;
        long afterId = Long.MIN_VALUE;
        if (cursor.isPresent()) {
            long[] at = decode(cursor.get());
            from = Instant.ofEpochMilli(at[0]);
            afterId = at[1];
        }
        where.add("e.due_at >= ?");
        params.add(from);
        where.add("NOT (e.due_at = ? AND e.id <= ?)");
        params.add(from);
        params.add(afterId);
        params.add(limit + 1);
        List<Stored> rows = list(c, dialect.limit(COLUMNS + " WHERE " + String.join(" AND ", where)
                + " ORDER BY e.due_at, e.id"), params.toArray());
        List<Escalation> items = rows.stream().map(Stored::escalation).limit(limit).toList();
        if (rows.size() <= limit) {
            return Page.last(items);
        }
        Escalation last = items.get(items.size() - 1);
        return new Page<>(items, Optional.of(encode(last.due().orElseThrow().at().toEpochMilli(),
                Long.parseLong(last.id()))));
    }

    /** Escalations whose due the overdue watch has not looked at and which is behind {@code now}. */
    List<Stored> watchDue(Connection c, Dialect dialect, Instant now, int max) throws SQLException {
        return list(c, dialect.limit(COLUMNS + " WHERE e.watch_at <= ? ORDER BY e.watch_at"), now, max);
    }

    void addPlan(Connection c, long id, ActionPlanRevision plan) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO escalation_action_plans (escalation_id, revision,"
                + " text, written_by, written_by_name, written_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            Sql.bindAll(s, id, plan.revision(), plan.text(), plan.by().id(), plan.by().name(), plan.at())
                    .executeUpdate();
        }
    }

    List<ActionPlanRevision> plans(Connection c, long id) throws SQLException {
        List<ActionPlanRevision> plans = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM escalation_action_plans WHERE escalation_id = ?"
                + " ORDER BY revision")) {
            try (ResultSet rs = Sql.bindAll(s, id).executeQuery()) {
                while (rs.next()) {
                    plans.add(new ActionPlanRevision(rs.getInt("revision"), rs.getString("text"),
                            new Actor(rs.getString("written_by"), rs.getString("written_by_name")),
                            Sql.instant(rs, "written_at")));
                }
            }
        }
        return plans;
    }

    void addUpdate(Connection c, long id, EscalationUpdate update) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO escalation_updates (escalation_id, seq, given_at,"
                + " given_by, given_by_name, channel, text, due_at, late) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1"
                + " FROM escalation_updates WHERE escalation_id = ?), ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bindAll(s, id, id, update.at(), update.by().id(), update.by().name(), update.channel(),
                    update.text(), update.dueAt(), update.late()).executeUpdate();
        }
    }

    List<EscalationUpdate> updates(Connection c, long id) throws SQLException {
        List<EscalationUpdate> updates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM escalation_updates WHERE escalation_id = ?"
                + " ORDER BY seq")) {
            try (ResultSet rs = Sql.bindAll(s, id).executeQuery()) {
                while (rs.next()) {
                    updates.add(new EscalationUpdate(Sql.instant(rs, "given_at"),
                            new Actor(rs.getString("given_by"), rs.getString("given_by_name")),
                            CommunicationChannel.valueOf(rs.getString("channel")), rs.getString("text"),
                            Sql.optionalInstant(rs, "due_at"), rs.getBoolean("late")));
                }
            }
        }
        return updates;
    }

    void addStep(Connection c, long id, EscalationStep step) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO escalation_history (escalation_id, seq, happened_at, actor,"
                + " actor_name, kind, summary, internal) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1"
                + " FROM escalation_history WHERE escalation_id = ?), ?, ?, ?, ?, ?, ?)")) {
            Sql.bindAll(s, id, id, step.at(), step.actor().id(), step.actor().name(), step.kind(),
                    clip(step.summary(), 4000), step.internal()).executeUpdate();
        }
    }

    List<EscalationStep> history(Connection c, long id) throws SQLException {
        List<EscalationStep> steps = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM escalation_history WHERE escalation_id = ?"
                + " ORDER BY seq")) {
            try (ResultSet rs = Sql.bindAll(s, id).executeQuery()) {
                while (rs.next()) {
                    steps.add(new EscalationStep(Sql.instant(rs, "happened_at"),
                            new Actor(rs.getString("actor"), rs.getString("actor_name")), rs.getString("kind"),
                            rs.getString("summary"), rs.getBoolean("internal")));
                }
            }
        }
        return steps;
    }

    /**
     * Claims a region's digest of a day: false when an earlier pass sent it. Two nodes racing here both pass the
     * check; the primary key fails one of them, whose transaction (and its messages) rolls back.
     */
    boolean claimDigest(Connection c, String region, LocalDate day, Instant at, int count) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM escalation_digests WHERE region = ? AND digest_day = ?")) {
            try (ResultSet rs = Sql.bindAll(s, region, day).executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO escalation_digests (region, digest_day, sent_at,"
                + " escalations) VALUES (?, ?, ?, ?)")) {
            return Sql.bindAll(s, region, day, at, count).executeUpdate() == 1;
        }
    }

    /** Whether a region has an open escalation: one probe of escalations_review_region. */
    boolean hasOpen(Connection c, Dialect dialect, String region) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(dialect.limit("SELECT 1 FROM escalations WHERE region = ?"
                + " AND due_at >= ?"))) {
            try (ResultSet rs = Sql.bindAll(s, region, Instant.EPOCH, 1).executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether the region's digest of a day went out. */
    boolean digestSent(Connection c, String region, LocalDate day) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM escalation_digests WHERE region = ?"
                + " AND digest_day = ?")) {
            try (ResultSet rs = Sql.bindAll(s, region, day).executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * How many of a region's escalations are open, and how many of them are overdue at {@code now} (their due
     * passed, or a conference call is due): ranges of escalations_review_region, no row read.
     */
    int[] openAndOverdue(Connection c, String region, Instant now) throws SQLException {
        int[] counts = new int[2];
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM escalations WHERE region = ?"
                + " AND due_at >= ?")) {
            try (ResultSet rs = Sql.bindAll(s, region, Instant.EPOCH).executeQuery()) {
                rs.next();
                counts[0] = rs.getInt(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM escalations WHERE region = ?"
                + " AND due_at >= ? AND (due_at < ? OR conference_call_due = TRUE)")) {
            try (ResultSet rs = Sql.bindAll(s, region, Instant.EPOCH, now).executeQuery()) {
                rs.next();
                counts[1] = rs.getInt(1);
            }
        }
        return counts;
    }

    private List<Stored> list(Connection c, String sql, Object... params) throws SQLException {
        List<Stored> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            try (ResultSet rs = Sql.bindAll(s, params).executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
        }
        return found;
    }

    private Stored read(ResultSet rs) throws SQLException {
        EscalationRequest asked = new EscalationRequest(EscalationReason.valueOf(rs.getString("reason")),
                rs.getBoolean("problem_statement_confirmed"), rs.getBoolean("business_impact_confirmed"),
                rs.getBoolean("workaround_unacceptable"), readMilestones(rs.getString("milestones")),
                rs.getString("detail"));
        Optional<CommunicationPlan> plan = Optional.empty();
        String channels = rs.getString("comm_channels");
        if (channels != null) {
            Set<CommunicationChannel> set = EnumSet.noneOf(CommunicationChannel.class);
            Arrays.stream(channels.split(",")).map(CommunicationChannel::valueOf).forEach(set::add);
            plan = Optional.of(new CommunicationPlan(set, rs.getInt("comm_every_hours"),
                    readList(rs.getString("comm_participants"))));
        }
        Optional<CustomerAgreement> agreement = Optional.ofNullable(rs.getString("agreement_name"))
                .map(name -> new CustomerAgreement(name, instant(rs, "agreement_at"), string(rs, "agreement_note")));
        Optional<EscalationDue> due = Optional.ofNullable(rs.getString("due_kind"))
                .map(kind -> new EscalationDue(EscalationDue.Kind.valueOf(kind), instant(rs, "due_at")));
        long id = rs.getLong("id");
        Escalation e = new Escalation(Long.toString(id), new SrNumber(rs.getLong("sr_number")), rs.getString("region"),
                EscalationState.valueOf(rs.getString("state")), asked, rs.getString("requested_by"),
                Sql.instant(rs, "requested_at"), Sql.optionalString(rs, "escalation_engineer"),
                Sql.optionalString(rs, "plan_text"), plan, agreement, Sql.instant(rs, "updated_at"),
                rs.getString("resources"), rs.getString("process_corrections"), Sql.optionalInstant(rs, "last_update_at"),
                due, rs.getBoolean("conference_call_due"), Sql.optionalInstant(rs, "too_slow_at"),
                Sql.optionalInstant(rs, "de_escalated_at"));
        return new Stored(e, rs.getInt("action_plan_revision"), Sql.optionalInstant(rs, "watch_at"));
    }

    private static Instant instant(ResultSet rs, String column) {
        try {
            return Sql.instant(rs, column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String milestones(List<Milestone> milestones) {
        return write(milestones.stream().map(m -> Map.of("name", m.name(), "date", m.date().toString())).toList());
    }

    private List<Milestone> readMilestones(String text) {
        try {
            List<Map<String, String>> list = json.readValue(text, new TypeReference<List<Map<String, String>>>() { });
            return list.stream().map(m -> new Milestone(m.get("name"), LocalDate.parse(m.get("date")))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("escalations.milestones is not the JSON this bundle writes", e);
        }
    }

    private List<String> readList(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("escalations.comm_participants is not the JSON this bundle writes", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // lists and maps of strings always serialise
        }
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String encode(long dueMillis, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((dueMillis + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static long[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new ValidationException(FieldError.of("cursor", "is not a cursor this list returned"));
        }
    }
}
