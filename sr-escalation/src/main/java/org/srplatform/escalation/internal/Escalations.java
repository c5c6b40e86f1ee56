package org.srplatform.escalation.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.account.Account;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.escalation.Acceptance;
import org.srplatform.api.escalation.ActionPlanRevision;
import org.srplatform.api.escalation.CommunicationChannel;
import org.srplatform.api.escalation.CommunicationPlan;
import org.srplatform.api.escalation.DeEscalation;
import org.srplatform.api.escalation.Escalation;
import org.srplatform.api.escalation.EscalationDetails;
import org.srplatform.api.escalation.EscalationDue;
import org.srplatform.api.escalation.EscalationQuery;
import org.srplatform.api.escalation.EscalationRequest;
import org.srplatform.api.escalation.EscalationService;
import org.srplatform.api.escalation.EscalationState;
import org.srplatform.api.escalation.EscalationStep;
import org.srplatform.api.escalation.EscalationUpdate;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.Transactions;

/**
 * The escalation lifecycle of section 4 of the support process. Each step is one transaction with the SR
 * locked (so steps of one escalation, and the overdue watch, serialise): the escalation's row, its own
 * history, the SR's timeline and the outbox messages together or not at all. Who may take each step is
 * checked against the locked escalation, so a refusal writes nothing.
 */
@Component(service = {EscalationService.class, Escalations.class}, configurationPid = EscalationConfig.PID,
        property = {"sr.feature=escalation",
                "sr.feature.requires=requests", // who sees which SR is the requests feature's SupportRequestService
                "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=escalation)))"})
@Header(name = Transactions.SCHEMA_HEADER, value = "schema")
public final class Escalations implements EscalationService {
    static final int TEXT_MAX = 32_000;
    static final int LINE_MAX = 4_000;
    static final int MAX_HOURS = 24 * 7;

    private final Transactions transactions;
    private final SupportRequestService requests;
    private final AccountRepository accounts;
    private final UserDirectory users;
    private final EscalationRows rows = new EscalationRows();
    private final EscalationMessages messages;
    private final Duration acceptance;
    private final Duration plans;
    private final Clock clock;

    @Activate
    public Escalations(@Reference Transactions transactions, @Reference SupportRequestService requests,
            @Reference AccountRepository accounts, @Reference UserDirectory users, EscalationConfig config) {
        this(transactions, requests, accounts, users, config,
                Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)) /* API times in milliseconds */);
    }

    Escalations(Transactions transactions, SupportRequestService requests, AccountRepository accounts,
            UserDirectory users, EscalationConfig config, Clock clock) {
        this.transactions = transactions;
        this.requests = requests;
        this.accounts = accounts;
        this.users = users;
        this.messages = new EscalationMessages(accounts);
        this.acceptance = hours(config.acceptance_hours());
        this.plans = hours(config.plans_hours());
        this.clock = clock;
    }

    EscalationRows rows() {
        return rows;
    }

    EscalationMessages messages() {
        return messages;
    }

    // ---------------------------------------------------------------- request

    @Override
    public Escalation request(SrNumber number, EscalationRequest asked, User caller) {
        List<FieldError> errors = new ArrayList<>();
        if (!asked.problemStatementConfirmed()) {
            errors.add(FieldError.of("problemStatementConfirmed", "must be true: check that the SR's problem"
                    + " statement is right (edit it with a comment if not) before escalating"));
        }
        if (!asked.businessImpactConfirmed()) {
            errors.add(FieldError.of("businessImpactConfirmed", "must be true: check that the business impact is"
                    + " stated accurately; if it changed, raise the SR's severity instead"));
        }
        if (!asked.workaroundUnacceptable()) {
            errors.add(FieldError.of("workaroundUnacceptable", "must be true: an escalation is for when any"
                    + " workaround is unworkable or unsuitable"));
        }
        if (asked.milestones().isEmpty()) {
            errors.add(FieldError.of("milestones", "must name at least one critical date:"
                    + " [{\"name\": \"Go-live\", \"date\": \"2026-12-01\"}]"));
        }
        asked.milestones().forEach(m -> {
            if (m.name().isBlank() || m.name().length() > 200) {
                errors.add(FieldError.of("milestones", "each needs a name of 1 to 200 characters"));
            }
        });
        if (asked.milestones().size() > 20) {
            errors.add(FieldError.of("milestones", "at most 20"));
        }
        if (asked.detail().length() > TEXT_MAX) {
            errors.add(FieldError.of("detail", "is longer than " + TEXT_MAX + " characters; attach it to the SR"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        SupportRequest seen = visible(number, caller);
        boolean allowed = !caller.isStaff() || caller.has(Role.DUTY_MANAGER)
                || caller.has(Role.REGIONAL_ESCALATION_MANAGER)
                || caller.has(Role.SUPPORT_ENGINEER) && seen.assignee().filter(caller.login()::equals).isPresent();
        if (!allowed) {
            throw new NotAllowedException("An escalation is asked for by the customer, or on their behalf by the engineer"
                    + " assigned to the SR" + seen.assignee().map(a -> " (" + a + ")").orElse("")
                    + ", a duty manager or a regional escalation manager.");
        }
        String region = accounts.account(seen.account()).map(Account::region)
                .orElseThrow(() -> new NotFoundException("No account " + seen.account() + "."));
        Instant now = clock.instant();
        return transactions.inTransaction(tx -> {
            SupportRequest sr = tx.lockRequest(number);
            if (!sr.status().isOpen()) {
                throw new ConflictException("SR " + number + " is " + sr.status() + "; reopen it before escalating it.");
            }
            Optional<EscalationRows.Stored> open = rows.openOf(tx.connection(), number);
            if (open.isPresent()) {
                throw new ConflictException("SR " + number + " already has an open escalation: "
                        + open.get().escalation().id() + " (" + open.get().escalation().state()
                        + ", GET /api/v1/escalations/" + open.get().escalation().id() + ").");
            }
            EscalationDue due = new EscalationDue(EscalationDue.Kind.ACCEPTANCE, now.plus(acceptance));
            Escalation draft = new Escalation("0", number, region, EscalationState.REQUESTED, asked, caller.login(),
                    now, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), now, "", "",
                    Optional.empty(), Optional.of(due), false, Optional.empty(), Optional.empty());
            long id = rows.insert(tx.connection(), tx.dialect(), draft);
            Escalation e = rows.find(tx.connection(), id).orElseThrow().escalation();
            List<User> managers = regionalManagers(region);
            String told = managers.isEmpty() ? "no regional escalation manager covers " + region
                    + "; the duty managers are told" : "told: " + logins(managers);
            step(tx, e, now, caller, "REQUESTED", "Escalation requested (" + asked.reason() + "); " + told, false);
            tx.appendTimeline(number, List.of(new TimelineEntry(now, actor(caller), "ESCALATION_REQUESTED",
                    "Escalation " + id + " requested: " + asked.reason(), Map.of("escalation", e.id(),
                            "reason", asked.reason().name(), "region", region), false)));
            tx.enqueue(messages.toStaff(e, managers.isEmpty() ? users.withRole(Role.DUTY_MANAGER) : managers,
                    "ESCALATION_REQUESTED", Map.of("by", caller.displayName(), "detail", asked.detail(),
                            "dueAt", due.at().toString()), now));
            return e;
        });
    }

    // ---------------------------------------------------------------- the team's steps

    @Override
    public Escalation accept(String id, Acceptance acceptance, User caller) {
        String login = acceptance.escalationEngineer().strip();
        User engineer = users.find(login).filter(u -> u.has(Role.ESCALATION_ENGINEER))
                .orElseThrow(() -> new ValidationException(FieldError.of("escalationEngineer",
                        "'" + login + "' is not an escalation engineer")));
        checkLength("resources", acceptance.resources(), TEXT_MAX);
        checkLength("processCorrections", acceptance.processCorrections(), TEXT_MAX);
        return change(id, caller, (s, sr, d, now) -> {
            regionalManagerOf(s.escalation(), caller, "accepts it");
            requireState(s.escalation(), "accepted", EscalationState.REQUESTED);
            d.state = EscalationState.ACCEPTED;
            d.escalationEngineer = Optional.of(login);
            d.resources = acceptance.resources().strip();
            d.processCorrections = acceptance.processCorrections().strip();
            d.owe(EscalationDue.Kind.PLANS, now.plus(plans));
            Escalation e = d.build(now).escalation();
            s.step("ACCEPTED", "Accepted; " + engineer.displayName() + " (" + login + ") is the escalation engineer",
                    false);
            s.timeline("ESCALATION_ACCEPTED", "Escalation " + e.id() + " accepted: " + engineer.displayName()
                    + " is your escalation engineer and main contact", Map.of("escalation", e.id(),
                    "escalationEngineer", login), false);
            if (!d.resources.isEmpty() || !d.processCorrections.isEmpty()) {
                s.step("RESOURCES", "Resources: " + d.resources + "; process corrections: " + d.processCorrections,
                        true);
                s.timeline("ESCALATION_RESOURCES", "Escalation resources and process corrections decided",
                        Map.of("escalation", e.id(), "resources", d.resources,
                                "processCorrections", d.processCorrections), true);
            }
            Map<String, String> fields = Map.of("escalationEngineer", engineer.displayName());
            messages.toCustomer(sr, e, "ESCALATION_ACCEPTED", fields, now).ifPresent(s::send);
            messages.toStaff(e, List.of(engineer), "ESCALATION_ACCEPTED", fields, now).forEach(s::send);
        });
    }

    @Override
    public Escalation presentActionPlan(String id, String text, User caller) {
        String plan = required("text", text, TEXT_MAX, "the action plan");
        return change(id, caller, (s, sr, d, now) -> {
            owner(s.escalation(), caller, "writes the action plan");
            requireOpen(s.escalation());
            d.planRevision++;
            d.actionPlan = Optional.of(plan);
            rows.addPlan(s.tx.connection(), s.id(), new ActionPlanRevision(d.planRevision, plan, actor(caller), now));
            activateIfPlanned(d, now);
            s.step("ACTION_PLAN", "Action plan revision " + d.planRevision, false);
            s.timeline("ESCALATION_ACTION_PLAN", "Action plan, revision " + d.planRevision,
                    Map.of("escalation", s.escalation().id(), "revision", Integer.toString(d.planRevision),
                            "text", plan), false);
        });
    }

    @Override
    public Escalation agreeCommunicationPlan(String id, CommunicationPlan plan, User caller) {
        if (plan.everyHours() > MAX_HOURS) {
            throw new ValidationException(FieldError.of("everyHours", "must be 1 to " + MAX_HOURS));
        }
        if (plan.participants().size() > 50 || plan.participants().stream().anyMatch(p -> p.isBlank() || p.length() > 200)) {
            throw new ValidationException(FieldError.of("participants", "at most 50, each 1 to 200 characters"));
        }
        return change(id, caller, (s, sr, d, now) -> {
            owner(s.escalation(), caller, "agrees the communication plan with the customer");
            requireOpen(s.escalation());
            d.communicationPlan = Optional.of(plan);
            if (!activateIfPlanned(d, now) && d.due.filter(x -> x.kind() == EscalationDue.Kind.UPDATE).isPresent()) {
                // A new cadence counts from the last update given (or from now, if none was given yet).
                d.owe(EscalationDue.Kind.UPDATE, d.lastUpdateAt.orElse(now).plus(Duration.ofHours(plan.everyHours())));
            }
            String summary = "Communication plan: " + plan.channels().stream().sorted().map(Enum::name).toList()
                    + " every " + plan.everyHours() + " h with " + String.join(", ", plan.participants());
            s.step("COMMUNICATION_PLAN", summary, false);
            s.timeline("ESCALATION_COMMUNICATION_PLAN", summary, Map.of("escalation", s.escalation().id(),
                    "everyHours", Integer.toString(plan.everyHours())), false);
        });
    }

    /** Both plans in place: the escalation is active and owes its first update by the plan's cadence. */
    private static boolean activateIfPlanned(EscalationDraft d, Instant now) {
        if (d.state == EscalationState.ACCEPTED && d.actionPlan.isPresent() && d.communicationPlan.isPresent()) {
            d.state = EscalationState.ACTIVE;
            d.owe(EscalationDue.Kind.UPDATE, now.plus(Duration.ofHours(d.communicationPlan.get().everyHours())));
            return true;
        }
        return false;
    }

    @Override
    public Escalation recordUpdate(String id, CommunicationChannel channel, String text, User caller) {
        String said = required("text", text, TEXT_MAX, "what the customer was told");
        return change(id, caller, (s, sr, d, now) -> {
            owner(s.escalation(), caller, "records the updates of the communication plan");
            requireOpen(s.escalation());
            CommunicationPlan plan = d.communicationPlan.orElseThrow(() -> new ConflictException("Escalation "
                    + s.escalation().id() + " has no communication plan yet; agree one (PUT /api/v1/escalations/"
                    + s.escalation().id() + "/communication-plan) before recording updates."));
            if (!plan.channels().contains(channel)) {
                throw new ValidationException(FieldError.of("channel", "is not in the communication plan: "
                        + plan.channels().stream().sorted().map(Enum::name).toList()));
            }
            Optional<Instant> dueAt = d.due.filter(x -> x.kind() == EscalationDue.Kind.UPDATE)
                    .map(EscalationDue::at);
            boolean late = dueAt.filter(now::isAfter).isPresent();
            rows.addUpdate(s.tx.connection(), s.id(), new EscalationUpdate(now, actor(caller), channel, said, dueAt,
                    late));
            d.lastUpdateAt = Optional.of(now);
            if (channel == CommunicationChannel.CONFERENCE_CALL && d.conferenceCallDue) {
                d.conferenceCallDue = false;
                d.state = d.actionPlan.isPresent() ? EscalationState.ACTIVE : EscalationState.ACCEPTED;
            }
            if (d.state == EscalationState.ACTIVE || d.state == EscalationState.TOO_SLOW) {
                d.owe(EscalationDue.Kind.UPDATE, now.plus(Duration.ofHours(plan.everyHours())));
            }
            s.step("UPDATE", "Update by " + channel + (late ? " (late: due " + dueAt.get() + ")" : ""), false);
            s.timeline("ESCALATION_UPDATE", "Escalation update (" + channel + ")", Map.of("escalation",
                    s.escalation().id(), "channel", channel.name(), "text", said, "late", Boolean.toString(late)),
                    false);
            if (channel == CommunicationChannel.EMAIL) {
                messages.toCustomer(sr, d.build(now).escalation(), "ESCALATION_UPDATE", Map.of("text", said,
                        "by", caller.displayName()), now).ifPresent(s::send);
            }
        });
    }

    @Override
    public Escalation tooSlow(String id, String reason, User caller) {
        String why = required("reason", reason, LINE_MAX, "what is too slow");
        return change(id, caller, (s, sr, d, now) -> {
            Escalation e = s.escalation();
            boolean allowed = !caller.isStaff() || caller.has(Role.DUTY_MANAGER)
                    || caller.has(Role.REGIONAL_ESCALATION_MANAGER)
                    || e.escalationEngineer().filter(caller.login()::equals).isPresent();
            if (!allowed) {
                throw new NotAllowedException("\"Too slow\" is said by the customer, or recorded for them by the"
                        + " escalation engineer, a duty manager or a regional escalation manager.");
            }
            requireOpen(e);
            if (e.state() == EscalationState.REQUESTED) {
                throw new ConflictException("Escalation " + e.id() + " is still waiting for the regional escalation"
                        + " managers of " + e.region() + " (due " + e.due().map(x -> x.at().toString()).orElse("-")
                        + "); they have been told.");
            }
            d.state = EscalationState.TOO_SLOW;
            d.conferenceCallDue = true;
            d.tooSlowAt = Optional.of(now);
            s.step("TOO_SLOW", "Too slow: " + why + "; management told, a conference call of all parties is due",
                    false);
            s.timeline("ESCALATION_TOO_SLOW", "Escalation " + e.id() + " is too slow: " + why,
                    Map.of("escalation", e.id(), "reason", why), false);
            List<User> told = new ArrayList<>(regionalManagers(e.region()));
            told.addAll(users.withRole(Role.DUTY_MANAGER));
            e.escalationEngineer().flatMap(users::find).ifPresent(told::add);
            messages.toStaff(d.build(now).escalation(), told, "ESCALATION_TOO_SLOW", Map.of("text", why,
                    "by", caller.displayName()), now).forEach(s::send);
        });
    }

    @Override
    public Escalation addResources(String id, String resources, User caller) {
        String more = required("resources", resources, LINE_MAX, "the resources added");
        return change(id, caller, (s, sr, d, now) -> {
            regionalManagerOf(s.escalation(), caller, "adds resources");
            requireOpen(s.escalation());
            d.resources = d.resources.isEmpty() ? more : d.resources + "\n" + more;
            if (d.resources.length() > TEXT_MAX) {
                throw new ValidationException(FieldError.of("resources", "the escalation's resources would exceed "
                        + TEXT_MAX + " characters"));
            }
            s.step("RESOURCES", "Resources added: " + more, true);
            s.timeline("ESCALATION_RESOURCES", "Escalation resources added", Map.of("escalation",
                    s.escalation().id(), "resources", more), true);
        });
    }

    @Override
    public Escalation deEscalate(String id, DeEscalation check, User caller) {
        return change(id, caller, (s, sr, d, now) -> {
            Escalation e = s.escalation();
            owner(e, caller, "de-escalates it");
            requireOpen(e);
            List<String> missing = new ArrayList<>();
            if (d.actionPlan.isEmpty()) {
                missing.add("actionPlan (none presented: PUT /api/v1/escalations/" + e.id() + "/action-plan)");
            }
            if (!check.actionPlanAccepted()) {
                missing.add("actionPlanAccepted (the customer accepts the action plan)");
            }
            if (!check.rootCauseConfirmed()) {
                missing.add("rootCauseConfirmed (the troubleshooting or root-cause analysis is accurate)");
            }
            if (check.customerAgreement().name().isBlank()) {
                missing.add("customerAgreement (who agreed, when and how)");
            }
            if (!missing.isEmpty()) {
                throw new ConflictException("Escalation " + e.id() + " cannot be de-escalated yet; missing: "
                        + String.join("; ", missing) + ".");
            }
            if (check.customerAgreement().at().isAfter(now.plus(Duration.ofMinutes(5)))) {
                throw new ValidationException(FieldError.of("customerAgreement.at", "is in the future; when did the"
                        + " customer agree?"));
            }
            d.state = EscalationState.DE_ESCALATED;
            d.agreement = Optional.of(check.customerAgreement());
            d.deEscalatedAt = Optional.of(now);
            d.conferenceCallDue = false;
            d.oweNothing();
            String agreed = check.customerAgreement().name() + " agreed at " + check.customerAgreement().at()
                    + (check.customerAgreement().note().isBlank() ? "" : " (" + check.customerAgreement().note() + ")");
            s.step("DE_ESCALATED", "De-escalated: action plan accepted, root cause confirmed; " + agreed, false);
            s.timeline("ESCALATION_DE_ESCALATED", "Escalation " + e.id() + " de-escalated; " + agreed,
                    Map.of("escalation", e.id(), "agreedBy", check.customerAgreement().name(),
                            "agreedAt", check.customerAgreement().at().toString(),
                            "note", check.customerAgreement().note()), false);
            messages.toCustomer(sr, d.build(now).escalation(), "ESCALATION_DE_ESCALATED",
                    Map.of("agreement", agreed), now).ifPresent(s::send);
        });
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Optional<Escalation> find(String id, User caller) {
        return details(id, caller).map(EscalationDetails::escalation);
    }

    @Override
    public Optional<EscalationDetails> details(String id, User caller) {
        Optional<Long> key = parseId(id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<EscalationDetails> found = transactions.read(tx -> {
            Connection c = tx.connection();
            Optional<EscalationRows.Stored> s = rows.find(c, key.get());
            if (s.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new EscalationDetails(s.get().escalation(), rows.plans(c, key.get()),
                    rows.updates(c, key.get()), rows.history(c, key.get())));
        });
        return found.filter(d -> seesRequest(d.escalation().request(), caller)).map(d -> caller.isStaff() ? d
                : forCustomer(d));
    }

    /** What a customer sees: no resources or process corrections, no staff-only steps. */
    private static EscalationDetails forCustomer(EscalationDetails d) {
        Escalation e = d.escalation();
        Escalation shown = new Escalation(e.id(), e.request(), e.region(), e.state(), e.asked(), e.requestedBy(),
                e.requestedAt(), e.escalationEngineer(), e.actionPlan(), e.communicationPlan(), e.agreement(),
                e.updatedAt(), "", "", e.lastUpdateAt(), e.due(), e.conferenceCallDue(), e.tooSlowAt(),
                e.deEscalatedAt());
        return new EscalationDetails(shown, d.actionPlans(), d.updates(),
                d.history().stream().filter(s -> !s.internal()).toList());
    }

    @Override
    public List<Escalation> escalationsOf(SrNumber number, User caller) {
        visible(number, caller);
        List<Escalation> found = transactions.read(tx -> rows.ofRequest(tx.connection(), number)).stream()
                .map(EscalationRows.Stored::escalation).toList();
        return caller.isStaff() ? found : found.stream().map(e -> forCustomer(new EscalationDetails(e, List.of(),
                List.of(), List.of())).escalation()).toList();
    }

    @Override
    public Page<Escalation> review(EscalationQuery query, PageRequest page, User caller) {
        if (!caller.isStaff()) {
            throw new NotAllowedException("The daily review of escalations is for staff.");
        }
        return transactions.read(tx -> rows.review(tx.connection(), tx.dialect(), query, page.cursor(), page.limit()));
    }

    @Override
    public List<Escalation> review(Optional<EscalationState> state, Optional<String> region, User caller) {
        List<Escalation> all = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Escalation> p = review(new EscalationQuery(state, region), page, caller);
            all.addAll(p.items());
            if (p.next().isEmpty()) {
                return all;
            }
            page = new PageRequest(PageRequest.MAX_LIMIT, p.next());
        }
    }

    // ---------------------------------------------------------------- the shape of every step

    /** What one step does to the locked escalation: refuse by throwing, or change the draft and say so. */
    @FunctionalInterface
    interface Step {
        void apply(StepContext step, SupportRequest sr, EscalationDraft draft, Instant now) throws SQLException;
    }

    /** The step's transaction, the escalation as locked, and what the step adds to history, timeline and outbox. */
    final class StepContext {
        final Transaction tx;
        private final EscalationRows.Stored stored;
        private final User caller;
        private final Instant now;
        private final List<EscalationStep> steps = new ArrayList<>();
        private final List<TimelineEntry> entries = new ArrayList<>();
        private final List<OutboundMessage> outgoing = new ArrayList<>();

        StepContext(Transaction tx, EscalationRows.Stored stored, User caller, Instant now) {
            this.tx = tx;
            this.stored = stored;
            this.caller = caller;
            this.now = now;
        }

        Escalation escalation() {
            return stored.escalation();
        }

        long id() {
            return stored.id();
        }

        void step(String kind, String summary, boolean internal) {
            steps.add(new EscalationStep(now, actor(caller), kind, summary, internal));
        }

        void timeline(String kind, String summary, Map<String, String> details, boolean internal) {
            entries.add(new TimelineEntry(now, actor(caller), kind, EscalationRows.clip(summary, 500), details,
                    internal));
        }

        void send(OutboundMessage message) {
            outgoing.add(message);
        }
    }

    private Escalation change(String id, User caller, Step work) {
        long key = parseId(id).orElseThrow(() -> new NotFoundException("No escalation " + id + "."));
        Instant now = clock.instant();
        return transactions.inTransaction(tx -> {
            Connection c = tx.connection();
            EscalationRows.Stored unlocked = rows.find(c, key)
                    .orElseThrow(() -> new NotFoundException("No escalation " + id + "."));
            SrNumber number = unlocked.escalation().request();
            if (!seesRequest(number, caller)) {
                throw new NotFoundException("No escalation " + id + ".");
            }
            SupportRequest sr = tx.lockRequest(number);
            EscalationRows.Stored stored = rows.find(c, key).orElseThrow(); // as it is now that its SR is locked
            EscalationDraft draft = new EscalationDraft(stored);
            StepContext step = new StepContext(tx, stored, caller, now);
            work.apply(step, sr, draft, now);
            EscalationRows.Stored next = draft.build(now);
            rows.update(c, next);
            for (EscalationStep s : step.steps) {
                rows.addStep(c, key, s);
            }
            if (!step.entries.isEmpty()) {
                tx.appendTimeline(number, step.entries);
            }
            tx.enqueue(step.outgoing);
            return next.escalation();
        });
    }

    void step(Transaction tx, Escalation e, Instant now, User caller, String kind, String summary, boolean internal)
            throws SQLException {
        rows.addStep(tx.connection(), Long.parseLong(e.id()), new EscalationStep(now, actor(caller), kind, summary,
                internal));
    }

    // ---------------------------------------------------------------- who may

    private static void owner(Escalation e, User caller, String what) {
        if (e.escalationEngineer().filter(caller.login()::equals).isEmpty() || !caller.has(Role.ESCALATION_ENGINEER)) {
            throw new NotAllowedException("Only the escalation engineer of escalation " + e.id()
                    + e.escalationEngineer().map(x -> " (" + x + ")").orElse(", once one is named,") + " " + what + ".");
        }
    }

    private static void regionalManagerOf(Escalation e, User caller, String what) {
        if (!caller.has(Role.REGIONAL_ESCALATION_MANAGER) || caller.region().filter(e.region()::equals).isEmpty()) {
            throw new NotAllowedException("Only a regional escalation manager of " + e.region() + " " + what + ".");
        }
    }

    private static void requireOpen(Escalation e) {
        if (!e.isOpen()) {
            throw new ConflictException("Escalation " + e.id() + " was de-escalated; ask for a new one if needed.");
        }
    }

    private static void requireState(Escalation e, String what, EscalationState expected) {
        if (e.state() != expected) {
            throw new ConflictException("Escalation " + e.id() + " is " + e.state() + "; only a " + expected
                    + " escalation is " + what + ".");
        }
    }

    List<User> regionalManagers(String region) {
        return users.withRole(Role.REGIONAL_ESCALATION_MANAGER).stream()
                .filter(u -> u.region().filter(region::equals).isPresent()).toList();
    }

    private SupportRequest visible(SrNumber number, User caller) {
        return requests.find(number, caller).map(d -> d.request())
                .orElseThrow(() -> new NotFoundException("No SR " + number + " is visible to you."));
    }

    private boolean seesRequest(SrNumber number, User caller) {
        return caller.isStaff() || requests.find(number, caller).isPresent();
    }

    // ---------------------------------------------------------------- small things

    static Actor actor(User caller) {
        return new Actor(caller.login(), caller.displayName());
    }

    private static String logins(Collection<User> people) {
        return String.join(", ", people.stream().map(User::login).toList());
    }

    private static String required(String field, String text, int max, String what) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(FieldError.of(field, "is required: " + what));
        }
        checkLength(field, text, max);
        return text.strip();
    }

    private static void checkLength(String field, String text, int max) {
        if (text != null && text.length() > max) {
            throw new ValidationException(FieldError.of(field, "is longer than " + max + " characters"));
        }
    }

    static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration hours(double hours) {
        return Duration.ofMillis(Math.max(1_000L, Math.round(hours * 3_600_000d)));
    }
}
