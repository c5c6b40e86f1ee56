package org.srplatform.casework.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.casework.internal.ClockTable.StoredClock;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.Transactions;

/**
 * Working an SR: who has it, the responses that reach the customer on the channel they chose, and what its
 * clocks say. Each operation is one transaction with the SR locked: its header, timeline entries, outbox
 * messages and casework's rows together or not at all.
 */
@Component(service = Casework.class, configurationPid = CaseworkConfig.PID, property = {
        "sr.feature=casework",
        "sr.feature.requires=requests", // its SupportRequestService comes from the requests feature
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=casework)))" })
public final class Casework {
    static final int TEXT_MAX = 32_000;

    public enum Channel { EMAIL, PHONE }

    public enum CallOutcome { REACHED, VOICEMAIL, NO_ANSWER }

    /** One clock as staff see it; durations in ISO-8601 ({@code PT2H30M}). */
    public record ClockView(String clock, String counting, Instant startedAt, Instant dueAt, Instant atRiskAt,
            boolean paused, Instant pausedSince, String pausedTotal, Instant stoppedAt, Boolean met,
            boolean breached) {
    }

    public record PauseView(Instant pausedAt, Instant resumedAt, String status, String reason) {
    }

    public record AlertView(String clock, String kind, Instant targetStartedAt, Instant dueAt, Instant raisedAt) {
    }

    public record Clocks(String number, List<ClockView> clocks, List<PauseView> pauses, List<AlertView> alerts) {
    }

    private final Transactions transactions;
    private final SupportRequestService requests;
    private final UserDirectory users;
    private final org.srplatform.casework.internal.Clocks clocks;
    private final CustomerMessages messages;
    private final ServiceTerms terms;
    private final Clock clock;

    @Activate
    public Casework(@Reference Transactions transactions, @Reference SupportRequestService requests,
            @Reference UserDirectory users, @Reference AccountRepository accounts, @Reference CatalogRepository catalog,
            @Reference QueueRouting routing /* the feature's parts come and go together */, CaseworkConfig config) {
        this(transactions, requests, users, accounts, catalog, config,
                Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)) /* API times in milliseconds */);
    }

    Casework(Transactions transactions, SupportRequestService requests, UserDirectory users, AccountRepository accounts,
            CatalogRepository catalog, CaseworkConfig config, Clock clock) {
        this.transactions = transactions;
        this.requests = requests;
        this.users = users;
        this.terms = new ServiceTerms(accounts, catalog, config);
        this.clocks = new org.srplatform.casework.internal.Clocks(terms, config.at_risk_share());
        this.messages = new CustomerMessages(accounts);
        this.clock = clock;
    }

    /**
     * Gives an SR to an engineer: a support engineer takes an unassigned SR for themself; a duty manager
     * assigns or reassigns it to any engineer. A {@code NEW} SR becomes {@code ASSIGNED}.
     */
    public SupportRequestDetails assign(SrNumber number, String engineer, User caller) {
        boolean manager = caller.has(Role.DUTY_MANAGER);
        if (!manager && !caller.has(Role.SUPPORT_ENGINEER)) {
            throw new NotAllowedException("Only a support engineer (taking it) or a duty manager assigns SRs.");
        }
        if (engineer == null || engineer.isBlank()) {
            throw new ValidationException(FieldError.of("engineer", "is required: the login of the engineer"));
        }
        String login = engineer.strip();
        if (!manager && !(caller.has(Role.SUPPORT_ENGINEER) && login.equals(caller.login()))) {
            throw new NotAllowedException(caller.has(Role.SUPPORT_ENGINEER)
                    ? "A support engineer takes an SR for themself ({\"engineer\": \"" + caller.login()
                            + "\"}); a duty manager assigns it to others."
                    : "Only a support engineer (taking it) or a duty manager assigns SRs.");
        }
        User assignee = users.find(login).filter(u -> u.has(Role.SUPPORT_ENGINEER) || u.has(Role.ESCALATION_ENGINEER))
                .orElseThrow(() -> new ValidationException(FieldError.of("engineer",
                        "'" + login + "' is not a support or escalation engineer")));
        visible(number, caller);
        Instant now = clock.instant();
        transactions.inTransaction(tx -> {
            SupportRequest sr = tx.lockRequest(number);
            if (!sr.status().isOpen()) {
                throw new ConflictException("SR " + number + " is " + sr.status() + "; reopen it before assigning it.");
            }
            Optional<String> current = sr.assignee();
            if (current.filter(login::equals).isPresent()) {
                throw new ConflictException("SR " + number + " is already assigned to " + login + ".");
            }
            if (current.isPresent() && !manager) {
                throw new ConflictException("SR " + number + " is assigned to " + current.get()
                        + "; a duty manager reassigns it.");
            }
            List<TimelineEntry> entries = new ArrayList<>();
            String summary = current.map(c -> "Reassigned from " + c + " to " + assignee.displayName())
                    .orElse("Assigned to " + assignee.displayName());
            entries.add(TimelineEntry.of(now, actor(caller), "ASSIGNED", summary,
                    Map.of("from", current.orElse(""), "to", login)));
            SupportRequest next = sr.withAssignee(Optional.of(login), now);
            if (sr.status() == SrStatus.NEW) {
                entries.add(statusEntry(now, caller, SrStatus.NEW, SrStatus.ASSIGNED, "assigned"));
                next = next.withStatus(SrStatus.ASSIGNED, now);
            }
            tx.updateRequest(next);
            tx.appendTimeline(number, entries);
            return null;
        });
        return reread(number, caller);
    }

    /**
     * Records a response by the assigned engineer on a channel the customer accepts. One that reaches the
     * customer (an e-mail, a call answered) is the first response if none came yet, and every one restarts
     * the next-update clock; e-mails go out through the outbox with this transaction.
     */
    public SupportRequestDetails respond(SrNumber number, String channel, String text, String callOutcome,
            User caller) {
        if (!caller.isStaff()) {
            throw new NotAllowedException("Responses are recorded by the assigned engineer.");
        }
        List<FieldError> errors = new ArrayList<>();
        Channel ch = parse(Channel.class, channel, "channel", "EMAIL or PHONE", errors);
        if (channel == null || channel.isBlank()) {
            errors.add(FieldError.of("channel", "is required: EMAIL or PHONE"));
        }
        CallOutcome outcome = parse(CallOutcome.class, callOutcome, "callOutcome", "REACHED, VOICEMAIL or NO_ANSWER",
                errors);
        if (ch == Channel.PHONE && outcome == null && (callOutcome == null || callOutcome.isBlank())) {
            errors.add(FieldError.of("callOutcome", "is required for a call: REACHED, VOICEMAIL or NO_ANSWER"));
        }
        if (ch == Channel.EMAIL && callOutcome != null && !callOutcome.isBlank()) {
            errors.add(FieldError.of("callOutcome", "is only for PHONE responses"));
        }
        if (text == null || text.isBlank()) {
            errors.add(FieldError.of("text", "is required: what the customer was told"));
        } else if (text.length() > TEXT_MAX) {
            errors.add(FieldError.of("text", "is longer than " + TEXT_MAX + " characters; attach it as a file"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        visible(number, caller);
        Instant now = clock.instant();
        boolean reached = ch == Channel.EMAIL || outcome == CallOutcome.REACHED;
        transactions.inTransaction(tx -> {
            SupportRequest sr = tx.lockRequest(number);
            if (sr.assignee().isEmpty()) {
                throw new ConflictException("SR " + number + " is not assigned; take it (POST /api/v1/requests/" + number
                        + "/assignment) before responding.");
            }
            if (!sr.assignee().get().equals(caller.login())) {
                throw new NotAllowedException("SR " + number + " is assigned to " + sr.assignee().get()
                        + "; only the assigned engineer records responses.");
            }
            if (!sr.status().isOpen()) {
                throw new ConflictException("SR " + number + " is " + sr.status() + "; reopen it to respond.");
            }
            if (!accepts(sr.contactMethod(), ch)) {
                throw new ConflictException("The customer chose " + sr.contactMethod() + " for SR " + number
                        + "; respond by " + (sr.contactMethod() == ContactMethod.PHONE ? "PHONE" : "EMAIL") + ".");
            }
            boolean first = reached && sr.targets().firstRespondedAt().isEmpty();
            Map<String, String> details = new TreeMap<>();
            details.put("channel", ch.name());
            if (outcome != null) {
                details.put("callOutcome", outcome.name());
            }
            details.put("reachedCustomer", Boolean.toString(reached));
            details.put("first", Boolean.toString(first));
            if (first) {
                sr.targets().firstResponseDueAt().ifPresent(due -> {
                    details.put("firstResponseDueAt", due.toString());
                    details.put("met", Boolean.toString(!now.isAfter(due)));
                });
            }
            List<TimelineEntry> entries = new ArrayList<>();
            String summary = ch == Channel.EMAIL ? "Response by e-mail"
                    : "Call " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            entries.add(new TimelineEntry(now, actor(caller), "RESPONSE", summary + ": " + text.strip(), details,
                    false));
            SupportRequest next = sr.withStatus(sr.status(), now);
            if (reached) {
                next = clocks.responded(tx.connection(), next, now);
                if (next.status() == SrStatus.NEW || next.status() == SrStatus.ASSIGNED) {
                    entries.add(statusEntry(now, caller, next.status(), SrStatus.IN_PROGRESS, "responded"));
                    next = next.withStatus(SrStatus.IN_PROGRESS, now);
                }
            }
            if (ch == Channel.EMAIL) {
                Optional<OutboundMessage> mail = messages.toCustomer(sr, "RESPONSE", text.strip(), caller.displayName(),
                        now);
                if (mail.isEmpty()) {
                    throw new ConflictException("SR " + number + "'s contact has no e-mail address on record; call them.");
                }
                tx.enqueue(List.of(mail.get()));
            }
            tx.updateRequest(next);
            tx.appendTimeline(number, entries);
            return null;
        });
        return reread(number, caller);
    }

    /** The SR's clocks, pauses and alerts, for staff. */
    public Clocks clocks(SrNumber number, User caller) {
        if (!caller.isStaff()) {
            throw new NotAllowedException("SLA clocks are for support staff.");
        }
        visible(number, caller);
        Instant now = clock.instant();
        return transactions.read(tx -> {
            Connection c = tx.connection();
            List<ClockView> views = new ArrayList<>();
            for (StoredClock s : ClockTable.of(c, number)) {
                var k = s.clock();
                views.add(new ClockView(k.kind().name(), k.counting().name(), k.startedAt(), k.dueAt(), k.atRiskAt(),
                        k.paused(), k.pausedSince().orElse(null), k.pausedTotal().toString(), k.stoppedAt().orElse(null),
                        k.met().orElse(null), k.breachedAt(now)));
            }
            List<PauseView> pauses = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT paused_at, resumed_at, status, reason"
                    + " FROM casework_pauses WHERE sr_number = ? ORDER BY paused_at")) {
                try (ResultSet rs = Sql.bindAll(s, number.value()).executeQuery()) {
                    while (rs.next()) {
                        pauses.add(new PauseView(Sql.instant(rs, "paused_at"),
                                Sql.optionalInstant(rs, "resumed_at").orElse(null), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            List<AlertView> alerts = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT clock, kind, started_at, due_at, raised_at"
                    + " FROM casework_alerts WHERE sr_number = ? ORDER BY raised_at")) {
                try (ResultSet rs = Sql.bindAll(s, number.value()).executeQuery()) {
                    while (rs.next()) {
                        alerts.add(new AlertView(rs.getString(1), rs.getString(2), Sql.instant(rs, "started_at"),
                                Sql.instant(rs, "due_at"), Sql.instant(rs, "raised_at")));
                    }
                }
            }
            return new Clocks(number.toString(), views, pauses, alerts);
        });
    }

    private static boolean accepts(ContactMethod method, Channel channel) {
        return method == ContactMethod.BOTH || (method == ContactMethod.EMAIL) == (channel == Channel.EMAIL);
    }

    private void visible(SrNumber number, User caller) {
        if (requests.find(number, caller).isEmpty()) {
            throw new NotFoundException("No SR " + number + " is visible to you.");
        }
    }

    private SupportRequestDetails reread(SrNumber number, User caller) {
        return requests.find(number, caller).orElseThrow(() -> new NotFoundException("No SR " + number + "."));
    }

    private static TimelineEntry statusEntry(Instant at, User caller, SrStatus from, SrStatus to, String reason) {
        return TimelineEntry.of(at, actor(caller), "STATUS_CHANGED", from + " → " + to,
                Map.of("from", from.name(), "to", to.name(), "reason", reason));
    }

    static Actor actor(User caller) {
        return new Actor(caller.login(), caller.displayName());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String allowed,
            List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(field, "has an unknown value '" + value + "': use " + allowed));
            return null;
        }
    }
}
