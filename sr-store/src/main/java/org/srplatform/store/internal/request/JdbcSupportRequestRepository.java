package org.srplatform.store.internal.request;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.srplatform.api.event.SupportRequestEvents;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.outbox.OutboundMessage;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestChange;
import org.srplatform.api.request.SupportRequestDraft;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.SupportRequestRepository;
import org.srplatform.api.request.SupportRequestUpdate;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.db.PageCursor;
import org.srplatform.store.internal.db.StoreException;
import org.srplatform.store.internal.outbox.OutboxTable;

/**
 * SRs in SQL tables. Each write is one short transaction holding the SR row, its timeline entries and
 * its outbox messages (the transactional outbox), so a message goes out if and only if its change
 * committed. Changes serialise on the SR's row lock; SR numbers come from a database sequence.
 */
@Component
public final class JdbcSupportRequestRepository implements SupportRequestRepository {

    private static final String NUMBER_SEQUENCE = "sr_number_seq";
    private static final char LIKE_ESCAPE = '!';

    private final Database db;
    private final Clock clock;

    /** Told after each committed change (SupportRequestEvents); capabilities react without polling. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    @Activate
    public JdbcSupportRequestRepository(@Reference Database db) {
        this(db, Clock.systemUTC());
    }

    public JdbcSupportRequestRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public SupportRequest create(SupportRequestDraft d, TimelineEntry created, List<OutboundMessage> messages) {
        SrNumber number = SrNumber.of(d.createdAt().atZone(ZoneOffset.UTC).getYear(),
                db.read(c -> db.dialect().nextValue(c, NUMBER_SEQUENCE))); // a rolled back SR leaves a gap
        SupportRequest stored = db.inTransaction(c -> {
            SupportRequest sr = new SupportRequest(number, d.account(), d.product(), d.category(), d.severity(),
                    SrStatus.NEW, d.subject(), d.description(), d.tags(), d.contactMethod(), d.phone(), d.contact(),
                    d.channel(), Optional.empty(), List.of(), d.createdAt(), d.createdAt(), d.confirmationDueAt(),
                    d.firstResponseDueAt(), Optional.empty(), Optional.empty(), d.suggestionsShown(),
                    List.of(created), 1);
            if (d.perIncidentContract().isPresent()) {
                useIncident(c, d.account(), d.perIncidentContract().getAsInt());
            }
            SupportRequestTables.insert(c, sr);
            SupportRequestTables.appendTimeline(c, number.value(), List.of(created));
            OutboxTable.insertAll(c, messages.stream().map(m -> m.forRequest(number)).toList(), clock.instant());
            return sr;
        });
        announce(SupportRequestEvents.CREATED, number, created);
        return stored;
    }

    /** Uses one incident of a per-incident purchase, in the SR's transaction: refused when none is left. */
    private static void useIncident(java.sql.Connection c, String account, int contract) throws java.sql.SQLException {
        try (var s = c.prepareStatement("UPDATE support_contracts SET incidents_remaining = incidents_remaining - 1"
                + " WHERE account_number = ? AND list_index = ? AND contract_type = 'PER_INCIDENT'"
                + " AND incidents_remaining > 0")) {
            s.setString(1, account);
            s.setInt(2, contract);
            if (s.executeUpdate() != 1) {
                throw new org.srplatform.api.common.NotAllowedException("Account " + account
                        + " has no unused per-incident support left; buy more or renew the contract.",
                        List.of(org.srplatform.api.common.FieldError.of("account", "no unused per-incident support left")));
            }
        }
    }

    private void announce(String topic, SrNumber number, TimelineEntry entry) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(topic, Map.of(SupportRequestEvents.NUMBER, number.toString(),
                    SupportRequestEvents.ACTOR, entry.actor().id(), SupportRequestEvents.KIND, entry.kind())));
        }
    }

    @Override
    public Optional<SupportRequest> find(SrNumber number) {
        return db.read(c -> load(c, number));
    }

    @Override
    public Page<SupportRequest> search(SupportRequestQuery query, PageRequest page) {
        Optional<Long> before = PageCursor.decodeLong(page.cursor());
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        query.status().ifPresent(s -> condition(where, params, "sr.status = ?", s));
        query.product().ifPresent(p -> condition(where, params, "sr.product_id = ?", p));
        query.severity().ifPresent(s -> condition(where, params, "sr.severity = ?", s.level()));
        if (!query.accounts().isEmpty()) {
            where.add("sr.account_number IN (" + String.join(", ", query.accounts().stream().map(a -> "?").toList())
                    + ")");
            params.addAll(query.accounts().stream().sorted().toList());
        }
        query.text().ifPresent(text -> {
            // Every word must occur in the subject, the description or a tag, in any case.
            for (String word : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                String like = "LIKE ? ESCAPE '" + LIKE_ESCAPE + "'";
                where.add("(LOWER(sr.subject) " + like + " OR LOWER(sr.description) " + like
                        + " OR EXISTS (SELECT 1 FROM sr_tags t WHERE t.sr_number = sr.sr_number AND LOWER(t.tag) "
                        + like + "))");
                String pattern = "%" + escapeLike(word) + "%";
                params.addAll(List.of(pattern, pattern, pattern));
            }
        });
        before.ifPresent(n -> condition(where, params, "sr.sr_number < ?", n)); // newest first: numbers grow
        String sql = db.dialect().limit(SupportRequestTables.COLUMNS
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY sr.sr_number DESC");
        params.add(page.limit() + 1); // one more tells whether there is a next page
        List<SupportRequest> found = db.read(c -> SupportRequestTables.query(c, sql, params));
        if (found.size() <= page.limit()) {
            return Page.last(found);
        }
        List<SupportRequest> items = found.subList(0, page.limit());
        return new Page<>(items, Optional.of(PageCursor.encode(items.get(items.size() - 1).number().toString())));
    }

    @Override
    public SupportRequest update(SrNumber number, SupportRequestChange change) {
        SupportRequest updated = db.inTransaction(c -> {
            SupportRequest locked = lock(c, number);
            // What is stored, as the change must see it: the lock already counted the next version.
            SupportRequest current = withHistory(locked, locked.attachments(), locked.timeline(),
                    locked.version() - 1);
            SupportRequestUpdate result = change.apply(current);
            SupportRequest next = result.next();
            if (!next.number().equals(number)) {
                throw new IllegalArgumentException("a change of SR " + number + " returned SR " + next.number());
            }
            SupportRequestTables.update(c, next, current.tags());
            SupportRequestTables.appendTimeline(c, number.value(), result.entries());
            OutboxTable.insertAll(c, result.messages().stream()
                    .map(m -> m.request().isPresent() ? m : m.forRequest(number)).toList(), clock.instant());
            List<TimelineEntry> timeline = new ArrayList<>(current.timeline());
            timeline.addAll(result.entries());
            return withHistory(next, current.attachments(), timeline, locked.version());
        });
        announce(SupportRequestEvents.UPDATED, number, updated.timeline().get(updated.timeline().size() - 1));
        return updated;
    }

    @Override
    public SupportRequest addAttachment(SrNumber number, AttachmentInfo attachment, TimelineEntry entry) {
        try {
            SupportRequest updated = db.inTransaction(c -> {
                SupportRequest locked = lock(c, number);
                SupportRequestTables.insertAttachment(c, number.value(), attachment);
                SupportRequestTables.appendTimeline(c, number.value(), List.of(entry));
                SupportRequestTables.setUpdatedAt(c, number.value(), entry.at());
                List<AttachmentInfo> attachments = new ArrayList<>(locked.attachments());
                attachments.add(attachment);
                List<TimelineEntry> timeline = new ArrayList<>(locked.timeline());
                timeline.add(entry);
                return withHistory(locked.withStatus(locked.status(), entry.at()), attachments, timeline,
                        locked.version());
            });
            announce(SupportRequestEvents.UPDATED, number, entry);
            return updated;
        } catch (StoreException e) {
            if (e.sqlCause().filter(db.dialect()::isUniqueViolation).isPresent()) {
                throw new ConflictException("SR " + number + " already has an attachment with id " + attachment.id());
            }
            throw e;
        }
    }

    /** Locks the SR row (its version goes up) and reads the SR. */
    private static SupportRequest lock(Connection c, SrNumber number) throws SQLException {
        if (!SupportRequestTables.lock(c, number.value())) {
            throw new NotFoundException("no SR " + number);
        }
        return load(c, number).orElseThrow();
    }

    private static Optional<SupportRequest> load(Connection c, SrNumber number) throws SQLException {
        return SupportRequestTables.query(c, SupportRequestTables.COLUMNS + " WHERE sr.sr_number = ?",
                List.of(number.value())).stream().findFirst();
    }

    private static SupportRequest withHistory(SupportRequest sr, List<AttachmentInfo> attachments,
            List<TimelineEntry> timeline, long version) {
        return new SupportRequest(sr.number(), sr.account(), sr.product(), sr.category(), sr.severity(), sr.status(),
                sr.subject(), sr.description(), sr.tags(), sr.contactMethod(), sr.phone(), sr.contact(), sr.channel(),
                sr.assignee(), attachments, sr.createdAt(), sr.updatedAt(), sr.confirmationDueAt(),
                sr.firstResponseDueAt(), sr.firstRespondedAt(), sr.nextUpdateDueAt(), sr.suggestionsShown(), timeline,
                version);
    }

    private static void condition(List<String> where, List<Object> params, String sql, Object value) {
        where.add(sql);
        params.add(value);
    }

    private static String escapeLike(String word) {
        StringBuilder out = new StringBuilder();
        for (char ch : word.toCharArray()) {
            if (ch == LIKE_ESCAPE || ch == '%' || ch == '_') {
                out.append(LIKE_ESCAPE);
            }
            out.append(ch);
        }
        return out.toString();
    }
}
