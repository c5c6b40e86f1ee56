package org.srplatform.collaboration.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerConnector;
import org.srplatform.api.partner.PartnerEvent;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerPush;
import org.srplatform.api.partner.PartnerNote;
import org.srplatform.api.partner.PartnerPriority;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.Transactions;

/**
 * Collaborations with other vendors: asked for by an escalation engineer or a regional escalation manager,
 * written with the SR's timeline entry and the outbox call in one transaction, so nothing reaches a partner
 * unless it is recorded, and nothing recorded is lost if the partner is down. What partners answer is applied
 * here, once: a state change or a note seen twice changes nothing the second time.
 */
@Component(service = Collaborations.class, configurationPid = CollaborationConfig.PID, property = {
        "sr.feature=collaborations",
        "sr.feature.requires=requests", // who sees which SR is the requests feature's SupportRequestService
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=collaborations)))"})
@Header(name = Transactions.SCHEMA_HEADER, value = "schema")
// Read by the notification capability; the placeholders are the values these messages carry besides the SR's.
@Header(name = "SR-Templates", value = "templates;placeholders=\"collaboration,partner,connector,respondBy,caseNumber\"")
public final class Collaborations {
    /** Outbox type prefix of partner calls: {@code partner:<connector id>}. */
    public static final String TYPE_PREFIX = "partner:";
    static final Actor PARTNER_WATCH = new Actor("system", "Partner connector");
    /** The notification capability's outbox type, and the kind (template) of the missed-deadline message. */
    static final String NOTIFICATION = "notification";
    static final String OVERDUE_MESSAGE = "COLLABORATION_OVERDUE";

    /** A call to a partner, as the outbox carries it. */
    public enum Call { OPEN, NOTE, ANSWER, CLOSE }

    /** The form of a new collaboration. */
    public record Request(String connector, String partner, String summary, String detail, String priority,
            Boolean consent, Map<String, String> fields) {
    }

    private final Transactions transactions;
    private final SupportRequestService requests;
    private final Connectors connectors;
    private final CollaborationRows rows = new CollaborationRows();
    private final Duration follow;
    private final Clock clock;

    @Activate
    public Collaborations(@Reference Transactions transactions, @Reference SupportRequestService requests,
            @Reference Connectors connectors, CollaborationConfig config) {
        this(transactions, requests, connectors, config, Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)));
    }

    Collaborations(Transactions transactions, SupportRequestService requests, Connectors connectors,
            CollaborationConfig config, Clock clock) {
        this.transactions = transactions;
        this.requests = requests;
        this.connectors = connectors;
        this.follow = Duration.ofSeconds(Math.max(1, config.follow_seconds()));
        this.clock = clock;
    }

    CollaborationRows rows() {
        return rows;
    }

    Transactions transactions() {
        return transactions;
    }

    /** Records a new collaboration and queues its opening at the partner; the call itself happens later. */
    public Collaboration request(SrNumber number, Request form, User caller) {
        mayEngagePartners(caller);
        List<FieldError> errors = new ArrayList<>();
        String connector = text(form.connector(), "connector", 64, errors);
        if (connector != null && connectors.find(connector).isEmpty()) {
            errors.add(FieldError.of("connector", "'" + connector + "' is not installed; installed: "
                    + connectors.ids()));
        }
        String partner = text(form.partner(), "partner", 200, errors);
        String summary = text(form.summary(), "summary", 500, errors);
        String detail = form.detail() == null ? "" : form.detail().strip();
        if (detail.length() > 32_000) {
            errors.add(FieldError.of("detail", "is longer than 32000 characters"));
        }
        PartnerPriority priority = PartnerPriority.MEDIUM;
        if (form.priority() != null && !form.priority().isBlank()) {
            try {
                priority = PartnerPriority.valueOf(form.priority().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("priority", "'" + form.priority() + "' is not one of LOW, MEDIUM, HIGH"));
            }
        }
        if (!Boolean.TRUE.equals(form.consent())) {
            errors.add(FieldError.of("consent", "must be true: the customer agreed that their details and the"
                    + " case's are shared with the partner"));
        }
        Map<String, String> fields = form.fields() == null ? Map.of() : form.fields();
        if (fields.size() > 50 || fields.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null
                || e.getKey().length() > 100 || e.getValue().length() > 4000)) {
            errors.add(FieldError.of("fields", "at most 50 form fields, each a name (≤100) and a value (≤4000)"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        visible(number, caller);
        Instant now = clock.instant();
        PartnerPriority chosen = priority;
        return transactions.inTransaction(tx -> {
            SupportRequest sr = tx.lockRequest(number);
            if (!sr.status().isOpen()) {
                throw new ConflictException("SR " + number + " is " + sr.status() + "; reopen it to engage a partner.");
            }
            long id = rows.insert(tx.connection(), tx.dialect(), number, connector, partner, summary, detail, chosen,
                    fields, true, caller.login(), now);
            tx.appendTimeline(number, List.of(new TimelineEntry(now, actor(caller), "COLLABORATION_REQUESTED",
                    "Collaboration " + id + " with " + partner + " through " + connector + " requested",
                    Map.of("collaboration", Long.toString(id), "connector", connector, "partner", partner), true)));
            tx.enqueue(List.of(call(number, connector, partner, Call.OPEN, id, 0, "", now)));
            return rows.find(tx.connection(), id).orElseThrow();
        });
    }

    /** Our note to the partner: kept now, sent through the outbox. */
    public Collaboration addNote(SrNumber number, long id, String text, User caller) {
        mayEngagePartners(caller);
        String note = required(text, "text", 5000);
        return change(number, id, caller, (tx, co, now) -> {
            open(co);
            int seq = rows.lastNoteSeq(tx.connection(), id) + 1;
            rows.addNote(tx.connection(), id, now, caller.displayName(), note, "OUT", "out:" + seq, false);
            tx.appendTimeline(number, List.of(new TimelineEntry(now, actor(caller), "COLLABORATION_NOTE",
                    "Note to " + co.partner(), Map.of("collaboration", Long.toString(id), "text", note), true)));
            tx.enqueue(List.of(call(number, co.connector(), co.partner(), Call.NOTE, id, seq, note, now)));
        });
    }

    /** Answers the partner's request for information. */
    public Collaboration answer(SrNumber number, long id, String information, User caller) {
        mayEngagePartners(caller);
        String text = required(information, "information", 5000);
        return change(number, id, caller, (tx, co, now) -> {
            if (co.state() != CollaborationState.INFORMATION_REQUESTED) {
                throw new ConflictException("Collaboration " + id + " is " + co.state()
                        + "; only a partner's request for information (INFORMATION_REQUESTED) is answered.");
            }
            // Kept with the notes and numbered like them: each answer has its own correlation id (C<id>-A<seq>).
            int seq = rows.lastNoteSeq(tx.connection(), id) + 1;
            rows.addNote(tx.connection(), id, now, caller.displayName(), text, "OUT", "answer:" + seq, false);
            tx.appendTimeline(number, List.of(new TimelineEntry(now, actor(caller), "COLLABORATION_ANSWER",
                    "Information sent to " + co.partner(), Map.of("collaboration", Long.toString(id), "text", text),
                    true)));
            tx.enqueue(List.of(call(number, co.connector(), co.partner(), Call.ANSWER, id, seq, text, now)));
        });
    }

    /** Closes the collaboration at the partner. */
    public Collaboration close(SrNumber number, long id, String reason, User caller) {
        mayEngagePartners(caller);
        String why = reason == null ? "" : reason.strip();
        return change(number, id, caller, (tx, co, now) -> {
            open(co);
            tx.appendTimeline(number, List.of(new TimelineEntry(now, actor(caller), "COLLABORATION_CLOSING",
                    "Closing the collaboration with " + co.partner(), Map.of("collaboration", Long.toString(id),
                            "reason", why), true)));
            tx.enqueue(List.of(call(number, co.connector(), co.partner(), Call.CLOSE, id, 0, why, now)));
        });
    }

    /**
     * The partner's answer as the partner gave it outside any API (by mail, on the phone), entered by staff.
     * {@code externalId} is the older name of {@code caseNumber}, still taken.
     */
    public record PartnerAnswer(String caseNumber, String externalId, String state, String engineer, String response) {
        String number() {
            return caseNumber != null && !caseNumber.isBlank() ? caseNumber : externalId;
        }
    }

    /**
     * Records what a partner answered outside the connector (a vendor reached by e-mail): its case number, state,
     * engineer and words, applied as if the connector had reported them.
     */
    public Collaboration recordPartnerCase(SrNumber sr, long id, PartnerAnswer answer, User caller) {
        mayEngagePartners(caller);
        List<FieldError> errors = new ArrayList<>();
        String number = text(answer.number(), "caseNumber", 200, errors);
        CollaborationState state = null;
        try {
            state = answer.state() == null ? null
                    : CollaborationState.valueOf(answer.state().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // named below
        }
        if (state == null || state == CollaborationState.REQUESTED || state == CollaborationState.FAILED) {
            errors.add(FieldError.of("state", "is required: OPEN, ACCEPTED, INFORMATION_REQUESTED, REJECTED or CLOSED"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        CollaborationState entered = state;
        return change(sr, id, caller, (tx, co, now) -> {
            if (co.state() == CollaborationState.FAILED || co.state() == CollaborationState.CLOSED) {
                throw new ConflictException("Collaboration " + id + " is " + co.state() + "; ask for a new one.");
            }
            // The connector's handle stays (a reply by mail still finds the case by it); the number is the partner's.
            PartnerCase pc = new PartnerCase(co.externalId().orElse(number), entered,
                    Optional.ofNullable(answer.engineer()).filter(e -> !e.isBlank()), List.of(), co.respondBy(),
                    Optional.ofNullable(answer.response()).filter(r -> !r.isBlank()), Optional.of(number));
            apply(tx, id, pc, now, actor(caller));
        });
    }

    /**
     * What became of a partner's push.
     *
     * @param collaboration the collaboration it was about, if we follow that case
     * @param applied       whether it changed the collaboration
     * @param duplicate     whether this event was applied before (the partner sent it again)
     */
    public record PushOutcome(String eventId, Optional<Long> collaboration, boolean applied, boolean duplicate) {
    }

    /**
     * Takes a push from a partner: its connector authenticates it and reads the case from it; the event is then
     * applied once, with the SR's timeline, in one transaction. A push about a case we do not follow is answered
     * and dropped (the follow-up poll is what finds a case whose opening answer we lost).
     *
     * @throws NotFoundException          if no such connector is installed
     * @throws PartnerException           ({@link org.srplatform.api.partner.PushRejectedException}) if the connector
     *                                    refuses it
     */
    public PushOutcome receive(String connectorId, PartnerPush push) throws PartnerException {
        PartnerConnector connector = connectors.find(connectorId).orElseThrow(() -> new NotFoundException(
                "No partner connector '" + connectorId + "' is installed; installed: " + connectors.ids()));
        PartnerEvent event = connector.receive(push);
        Instant now = clock.instant();
        return transactions.inTransaction(tx -> {
            Optional<Collaboration> found = rows.byExternalId(tx.connection(), connectorId,
                    event.partnerCase().externalId());
            if (found.isEmpty()) {
                return new PushOutcome(event.eventId(), Optional.empty(), false, false);
            }
            long id = found.get().id();
            tx.lockRequest(found.get().request()); // one node at a time per SR: the second sees the first's event
            if (!rows.recordEvent(tx.connection(), connectorId, event.eventId(), id, now)) {
                return new PushOutcome(event.eventId(), Optional.of(id), false, true);
            }
            return new PushOutcome(event.eventId(), Optional.of(id), apply(tx, id, event.partnerCase(), now), false);
        });
    }

    /**
     * Tells the engineer who asked, once per deadline, that a partner has not given its first answer by the time
     * the network set ({@code respondBy}): a timeline entry and a message. How many it told.
     */
    int warnPastRespondBy(Instant now) {
        List<Collaboration> due = transactions.read(tx -> rows.pastRespondBy(tx.connection(), tx.dialect(), now, 50));
        int told = 0;
        for (Collaboration seen : due) {
            boolean warned = transactions.inTransaction(tx -> {
                tx.lockRequest(seen.request());
                Collaboration co = rows.find(tx.connection(), seen.id()).orElseThrow();
                if (co.state() != CollaborationState.OPEN || co.respondBy().filter(now::isAfter).isEmpty()
                        || !co.respondBy().equals(seen.respondBy())) {
                    return false; // answered, or given a new deadline, since it was read
                }
                rows.markRespondByWarned(tx.connection(), co.id(), now);
                String by = co.respondBy().get().toString();
                Map<String, String> details = new LinkedHashMap<>();
                details.put("collaboration", Long.toString(co.id()));
                details.put("partner", co.partner());
                details.put("respondBy", by);
                tx.appendTimeline(co.request(), List.of(new TimelineEntry(now, PARTNER_WATCH,
                        "COLLABORATION_RESPONSE_OVERDUE", co.partner() + " (" + co.connector() + ") has not answered"
                        + " the collaboration request; it was due by " + by, details, true)));
                Map<String, String> payload = new LinkedHashMap<>(details);
                payload.put("kind", OVERDUE_MESSAGE);
                payload.put("connector", co.connector());
                payload.put("caseNumber", co.caseNumber().orElse(co.externalId().orElse("-")));
                payload.put("staff", co.requestedBy());
                tx.enqueue(List.of(new OutboundMessage(NOTIFICATION, Optional.of(co.request()), co.requestedBy(),
                        OVERDUE_MESSAGE, rows.write(payload), now)));
                return true;
            });
            told += warned ? 1 : 0;
        }
        return told;
    }

    public List<Collaboration> ofRequest(SrNumber number, User caller) {
        if (!caller.isStaff()) {
            throw new NotAllowedException("Collaborations with other vendors are for staff.");
        }
        visible(number, caller);
        return transactions.read(tx -> rows.ofRequest(tx.connection(), number));
    }

    // ---------------------------------------------------------------- what partners answer

    /**
     * Applies the partner's case to a collaboration, in the caller's transaction: its state, engineer, deadline
     * and answer, and each partner note not seen before, with timeline entries for what changed. Applying the
     * same case twice changes nothing the second time.
     *
     * @return whether anything changed
     */
    boolean apply(Transaction tx, long id, PartnerCase pc, Instant now) throws SQLException {
        return apply(tx, id, pc, now, PARTNER_WATCH);
    }

    private boolean apply(Transaction tx, long id, PartnerCase pc, Instant now, Actor by) throws SQLException {
        Connection c = tx.connection();
        Collaboration before = rows.find(c, id).orElseThrow();
        tx.lockRequest(before.request());
        Collaboration co = rows.find(c, id).orElseThrow(); // as it is now that its SR is locked
        List<TimelineEntry> entries = new ArrayList<>();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("collaboration", Long.toString(id));
        details.put("partner", co.partner());
        // A partner that stops saying its case number has not forgotten it.
        Optional<String> caseNumber = pc.caseNumber().or(co::caseNumber);
        boolean changed = co.externalId().filter(pc.externalId()::equals).isEmpty()
                || !co.caseNumber().equals(caseNumber) || !co.engineer().equals(pc.engineer())
                || !co.respondBy().equals(pc.respondBy()) || !co.response().equals(pc.response())
                || co.lastError().isPresent();
        // Closed stays closed; an answered case does not fall back to waiting for an answer (a vendor's mail that
        // names no case number reports OPEN, a partner that lags behind our own entry likewise).
        CollaborationState state = co.state() == CollaborationState.CLOSED || pc.state() == CollaborationState.OPEN
                && (co.state() == CollaborationState.ACCEPTED || co.state() == CollaborationState.REJECTED)
                ? co.state() : pc.state();
        if (state != co.state()) {
            changed = true;
            details.put("state", state.name());
            pc.response().ifPresent(r -> details.put("response", r));
            pc.engineer().ifPresent(e -> details.put("engineer", e));
            caseNumber.ifPresent(n -> details.put("caseNumber", n));
            entries.add(new TimelineEntry(now, by, "COLLABORATION_" + state.name(),
                    summary(co, state, pc, caseNumber), details, true));
        } else if (caseNumber.isPresent() && !caseNumber.equals(co.caseNumber())) {
            details.put("caseNumber", caseNumber.get());
            entries.add(new TimelineEntry(now, by, "COLLABORATION_CASE_NUMBER", co.partner() + " works it as case "
                    + caseNumber.get(), details, true));
        }
        for (PartnerNote note : pc.notes()) {
            String key = "in:" + note.at() + "|" + note.author() + "|" + Integer.toHexString(note.text().hashCode());
            if (rows.addNote(c, id, note.at(), note.author(), note.text(), "IN", key, true)) {
                changed = true;
                entries.add(new TimelineEntry(now, PARTNER_WATCH, "COLLABORATION_NOTE", "Note from " + note.author()
                        + " (" + co.partner() + ")", Map.of("collaboration", Long.toString(id), "text",
                        CollaborationRows.clip(note.text(), 2000)), true));
            }
        }
        if (!changed) {
            rows.update(c, co, followAt(co.state(), now));
            return false;
        }
        Collaboration next = co.withPartnerSide(state, Optional.of(pc.externalId()), caseNumber, pc.engineer(),
                pc.respondBy(), pc.response(), Optional.empty(), now);
        rows.update(c, next, followAt(state, now));
        if (!co.respondBy().equals(pc.respondBy())) {
            rows.markRespondByWarned(c, id, null); // a new deadline is watched afresh
        }
        if (!entries.isEmpty()) {
            tx.appendTimeline(co.request(), entries);
        }
        return true;
    }

    /** A call that cannot succeed (refused, or retried too long): kept on the collaboration and the timeline. */
    void failed(Transaction tx, long id, Call call, String error, boolean givenUp, Instant now) throws SQLException {
        Connection c = tx.connection();
        Collaboration before = rows.find(c, id).orElseThrow();
        tx.lockRequest(before.request());
        Collaboration co = rows.find(c, id).orElseThrow();
        CollaborationState state = call == Call.OPEN && givenUp ? CollaborationState.FAILED : co.state();
        Collaboration next = co.withPartnerSide(state, co.externalId(), co.caseNumber(), co.engineer(), co.respondBy(),
                co.response(), Optional.of(error), now);
        rows.update(c, next, followAt(state, now).filter(x -> co.externalId().isPresent()));
        if (givenUp) {
            tx.appendTimeline(co.request(), List.of(new TimelineEntry(now, PARTNER_WATCH, "COLLABORATION_CALL_FAILED",
                    call + " to " + co.partner() + " through " + co.connector() + " failed: "
                            + CollaborationRows.clip(error, 300), Map.of("collaboration", Long.toString(id),
                            "call", call.name(), "error", CollaborationRows.clip(error, 2000)), true)));
        }
    }

    /** The next time to ask the partner for news: never once nothing more can come. */
    private Optional<Instant> followAt(CollaborationState state, Instant now) {
        return switch (state) {
            case CLOSED, REJECTED, FAILED, REQUESTED -> Optional.empty();
            default -> Optional.of(now.plus(follow));
        };
    }

    private static String summary(Collaboration co, CollaborationState state, PartnerCase pc,
            Optional<String> caseNumber) {
        String who = co.partner() + " (" + co.connector() + ")";
        return switch (state) {
            case OPEN -> who + " has the collaboration request, case " + caseNumber.orElse(pc.externalId());
            case ACCEPTED -> who + " accepted" + caseNumber.map(n -> " as case " + n).orElse("")
                    + pc.engineer().map(e -> "; engineer " + e).orElse("")
                    + pc.response().map(r -> ": " + CollaborationRows.clip(r, 200)).orElse("");
            case INFORMATION_REQUESTED -> who + " asks for information"
                    + pc.response().map(r -> ": " + CollaborationRows.clip(r, 200)).orElse("");
            case REJECTED -> who + " rejected" + pc.response().map(r -> ": " + CollaborationRows.clip(r, 200)).orElse("");
            case CLOSED -> who + " closed the collaboration";
            default -> who + ": " + state;
        };
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    interface Change {
        void apply(Transaction tx, Collaboration co, Instant now) throws SQLException;
    }

    private Collaboration change(SrNumber number, long id, User caller, Change change) {
        visible(number, caller);
        Instant now = clock.instant();
        return transactions.inTransaction(tx -> {
            tx.lockRequest(number);
            Collaboration co = rows.find(tx.connection(), id).filter(x -> x.request().equals(number))
                    .orElseThrow(() -> new NotFoundException("No collaboration " + id + " on SR " + number + "."));
            change.apply(tx, co, now);
            return rows.find(tx.connection(), id).orElseThrow();
        });
    }

    private static void open(Collaboration co) {
        if (co.finished()) {
            throw new ConflictException("Collaboration " + co.id() + " is " + co.state() + "; nothing more goes to "
                    + co.partner() + ".");
        }
    }

    private static void mayEngagePartners(User caller) {
        if (!caller.has(Role.ESCALATION_ENGINEER) && !caller.has(Role.REGIONAL_ESCALATION_MANAGER)) {
            throw new NotAllowedException("Other vendors are brought in by escalation engineers and regional"
                    + " escalation managers.");
        }
    }

    private void visible(SrNumber number, User caller) {
        if (requests.find(number, caller).isEmpty()) {
            throw new NotFoundException("No SR " + number + " is visible to you.");
        }
    }

    private OutboundMessage call(SrNumber number, String connector, String partner, Call call, long id, int seq,
            String text, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("call", call.name());
        payload.put("collaboration", id);
        payload.put("seq", seq);
        payload.put("text", text);
        return new OutboundMessage(TYPE_PREFIX + connector, Optional.of(number), partner, call.name(),
                rows.write(payload), now);
    }

    static Actor actor(User caller) {
        return new Actor(caller.login(), caller.displayName());
    }

    private static String text(String value, String field, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.of(field, "is required"));
            return null;
        }
        if (value.length() > max) {
            errors.add(FieldError.of(field, "is longer than " + max + " characters"));
            return null;
        }
        return value.strip();
    }

    private static String required(String value, String field, int max) {
        List<FieldError> errors = new ArrayList<>();
        String v = text(value, field, max, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return Objects.requireNonNull(v);
    }
}
