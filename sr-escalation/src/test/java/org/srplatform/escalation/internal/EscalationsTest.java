package org.srplatform.escalation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.escalation.Acceptance;
import org.srplatform.api.escalation.CommunicationChannel;
import org.srplatform.api.escalation.CommunicationPlan;
import org.srplatform.api.escalation.CustomerAgreement;
import org.srplatform.api.escalation.DeEscalation;
import org.srplatform.api.escalation.Escalation;
import org.srplatform.api.escalation.EscalationDue;
import org.srplatform.api.escalation.EscalationQuery;
import org.srplatform.api.escalation.EscalationReason;
import org.srplatform.api.escalation.EscalationRequest;
import org.srplatform.api.escalation.EscalationState;
import org.srplatform.api.escalation.Milestone;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.security.NewUser;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.SchemaMigrations;
import org.srplatform.store.internal.db.StoreSettings;
import org.srplatform.store.internal.request.JdbcSupportRequestRepository;
import org.srplatform.store.internal.request.StoreTransactions;

/** The escalation lifecycle's rules, clocks, watch and digest on the real store (Derby), with a clock the test moves. */
class EscalationsTest {
    private static final Instant START = Instant.parse("2026-11-30T02:00:00Z");

    @TempDir
    Path dir;
    private DerbyDatabase db;
    private Transactions transactions;
    private JdbcSupportRequestRepository repository;
    private Escalations escalations;
    private UpdateWatch watch;
    private final MovingClock clock = new MovingClock(START);

    private final User customer = user("customer1", Role.CUSTOMER, Optional.empty(), Set.of("1001"));
    private final User engineer = user("engineer1", Role.SUPPORT_ENGINEER, Optional.empty(), Set.of());
    private final User duty = user("duty1", Role.DUTY_MANAGER, Optional.empty(), Set.of());
    private final User rem = user("rem1", Role.REGIONAL_ESCALATION_MANAGER, Optional.of("APJ"), Set.of());
    private final User remEmea = user("rem2", Role.REGIONAL_ESCALATION_MANAGER, Optional.of("EMEA"), Set.of());
    private final User escalationEngineer = user("escalation1", Role.ESCALATION_ENGINEER, Optional.empty(), Set.of());
    private final List<User> people = List.of(customer, engineer, duty, rem, remEmea, escalationEngineer);

    @BeforeEach
    void open() {
        db = new DerbyDatabase(StoreSettings.in(dir));
        db.read(c -> new SchemaMigrations(db.dialect()).migrate(c, "org.srplatform.escalation", "test",
                List.of(script("V1__escalation.sql"))));
        transactions = new StoreTransactions(db, clock, () -> null);
        repository = new JdbcSupportRequestRepository(db, clock);
        JdbcCatalogRepository catalog = new JdbcCatalogRepository(db);
        catalog.saveProduct(new Product("datacenter", "Datacenter", SupportHours.twentyFourSeven(),
                List.of(new ProblemCategory("performance", "Performance", "Slow things"))));
        JdbcAccountRepository accounts = new JdbcAccountRepository(db);
        accounts.saveOffering(new SupportOffering("production", "Production", Map.of(Severity.S2,
                new FirstResponseTarget(Duration.ofHours(4), ResponseClock.AROUND_THE_CLOCK))));
        SupportContract contract = new SupportContract("datacenter", "production", ContractType.SUBSCRIPTION,
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), 0);
        accounts.saveAccount(new Account("1001", "Acme Corp", "C1001", "APJ", List.of(contract)));
        accounts.saveAccount(new Account("2002", "Globex Ltd", "C2002", "EMEA", List.of(contract)));
        accounts.saveContact(new Contact("customer1", "1001", "Casey", "customer1@acme.example", Optional.empty(),
                ContactMethod.EMAIL, "en"));
        escalations = new Escalations(transactions, new Visible(repository), accounts, new People(people), CONFIG,
                clock);
        watch = new UpdateWatch(transactions, escalations, new People(people), CONFIG, clock, false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aRequestWithEveryPreCheckOpensOneEscalationRoutedToTheAccountsRegionAndOwesAcceptance() throws Exception {
        SrNumber sr = openSr("1001", Optional.of("engineer1"));

        Escalation e = escalations.request(sr, asked(true, true, true), customer);

        assertEquals(EscalationState.REQUESTED, e.state());
        assertEquals("APJ", e.region());
        assertEquals(new EscalationDue(EscalationDue.Kind.ACCEPTANCE, START.plus(Duration.ofHours(2))), e.due().get());
        assertEquals(List.of("ESCALATION_REQUESTED:rem1@vendor.example"), outbox(), "the APJ managers only");
        assertEquals(List.of("CREATED", "ESCALATION_REQUESTED"), timelineKinds(sr));
        ConflictException second = assertThrows(ConflictException.class,
                () -> escalations.request(sr, asked(true, true, true), duty));
        assertTrue(second.getMessage().contains(e.id()), second.getMessage());
    }

    @Test
    void anUnconfirmedPreCheckIsRefusedNamingItAndStoresNothing() throws Exception {
        SrNumber sr = openSr("1001", Optional.empty());

        ValidationException refused = assertThrows(ValidationException.class,
                () -> escalations.request(sr, asked(true, false, false), customer));

        assertEquals(List.of("businessImpactConfirmed", "workaroundUnacceptable"),
                refused.errors().stream().map(f -> f.field()).toList());
        assertEquals(0, count("escalations"));
        assertEquals(List.of(), outbox());
    }

    @Test
    void onlyTheAssignedEngineerOrAManagerAsksOnTheCustomersBehalf() throws Exception {
        SrNumber sr = openSr("1001", Optional.of("someone-else"));
        assertThrows(NotAllowedException.class, () -> escalations.request(sr, asked(true, true, true), engineer));
        assertThrows(NotAllowedException.class,
                () -> escalations.request(sr, asked(true, true, true), escalationEngineer));
        assertEquals(0, count("escalations"));
        assertEquals(EscalationState.REQUESTED, escalations.request(sr, asked(true, true, true), rem).state());
    }

    @Test
    void eachDueIsToldOnceWhenItPassesAndANewDueIsWatchedAgain() throws Exception {
        SrNumber sr = openSr("1001", Optional.empty());
        Escalation e = escalations.request(sr, asked(true, true, true), customer);
        clock.move(Duration.ofHours(2).minusSeconds(1));
        assertEquals(0, watch.alertOverdue(), "due in a second");

        clock.move(Duration.ofSeconds(2));
        assertEquals(1, watch.alertOverdue());
        assertEquals(0, watch.alertOverdue(), "once per due");
        assertEquals(List.of("ESCALATION_REQUESTED:rem1@vendor.example", "ESCALATION_OVERDUE:rem1@vendor.example"),
                outbox());
        assertEquals(List.of("ACCEPTANCE"), escalations.find(e.id(), duty).get().overdueAt(clock.instant()));

        escalations.accept(e.id(), new Acceptance("escalation1", "two more engineers", "daily call"), rem);
        clock.move(Duration.ofHours(8).plusSeconds(1));
        assertEquals(1, watch.alertOverdue(), "the plans, now owed, are overdue in their turn");
        assertTrue(outbox().contains("ESCALATION_OVERDUE:escalation1@vendor.example"), outbox().toString());
    }

    @Test
    void updatesFollowTheCommunicationPlansCadenceAndALateOneIsMarked() throws Exception {
        Escalation e = accepted();
        escalations.presentActionPlan(e.id(), "Patch, then verify", escalationEngineer);
        Escalation active = escalations.agreeCommunicationPlan(e.id(), new CommunicationPlan(
                Set.of(CommunicationChannel.EMAIL, CommunicationChannel.CONFERENCE_CALL), 4, List.of("GEPM")),
                escalationEngineer);
        assertEquals(EscalationState.ACTIVE, active.state());
        assertEquals(clock.instant().plus(Duration.ofHours(4)), active.due().get().at());

        clock.move(Duration.ofHours(5));
        Escalation updated = escalations.recordUpdate(e.id(), CommunicationChannel.EMAIL, "Patch applied",
                escalationEngineer);

        assertEquals(clock.instant().plus(Duration.ofHours(4)), updated.due().get().at());
        assertTrue(escalations.details(e.id(), duty).get().updates().get(0).late());
        assertThrows(ValidationException.class, () -> escalations.recordUpdate(e.id(), CommunicationChannel.PHONE,
                "not in the plan", escalationEngineer));
    }

    @Test
    void tooSlowCallsAConferenceCallThatAConferenceCallUpdateHolds() throws Exception {
        Escalation e = accepted();
        escalations.presentActionPlan(e.id(), "Plan", escalationEngineer);
        escalations.agreeCommunicationPlan(e.id(), new CommunicationPlan(Set.of(CommunicationChannel.CONFERENCE_CALL),
                2, List.of()), escalationEngineer);

        Escalation slow = escalations.tooSlow(e.id(), "Nothing for a day", customer);
        assertEquals(EscalationState.TOO_SLOW, slow.state());
        assertEquals(List.of("CONFERENCE_CALL"), slow.overdueAt(clock.instant()));
        assertTrue(outbox().containsAll(List.of("ESCALATION_TOO_SLOW:rem1@vendor.example",
                "ESCALATION_TOO_SLOW:duty1@vendor.example", "ESCALATION_TOO_SLOW:escalation1@vendor.example")));

        Escalation held = escalations.recordUpdate(e.id(), CommunicationChannel.CONFERENCE_CALL, "All parties met",
                escalationEngineer);
        assertEquals(EscalationState.ACTIVE, held.state());
        assertFalse(held.conferenceCallDue());
    }

    @Test
    void deEscalationNeedsEveryCheckAndTheCustomersAgreementAndChangesNothingOtherwise() throws Exception {
        Escalation e = accepted();
        CustomerAgreement agreed = new CustomerAgreement("Jane Customer", clock.instant(), "on the call");
        ConflictException noPlan = assertThrows(ConflictException.class, () -> escalations.deEscalate(e.id(),
                new DeEscalation(true, false, new CustomerAgreement("", Instant.EPOCH, "")), escalationEngineer));
        assertTrue(noPlan.getMessage().contains("actionPlan (none presented"), noPlan.getMessage());
        assertTrue(noPlan.getMessage().contains("rootCauseConfirmed"), noPlan.getMessage());
        assertTrue(noPlan.getMessage().contains("customerAgreement"), noPlan.getMessage());
        assertEquals(EscalationState.ACCEPTED, escalations.find(e.id(), duty).get().state());

        escalations.presentActionPlan(e.id(), "Plan", escalationEngineer);
        assertThrows(NotAllowedException.class, () -> escalations.deEscalate(e.id(), new DeEscalation(true, true,
                agreed), rem));
        Escalation done = escalations.deEscalate(e.id(), new DeEscalation(true, true, agreed), escalationEngineer);

        assertEquals(EscalationState.DE_ESCALATED, done.state());
        assertEquals(Optional.empty(), done.due());
        assertEquals(Optional.of(agreed), done.agreement());
        assertEquals(EscalationState.REQUESTED, escalations.request(done.request(), asked(true, true, true), customer)
                .state(), "a de-escalated SR may be escalated again");
    }

    @Test
    void onlyAManagerOfTheEscalationsRegionAcceptsItAndNamesAnEscalationEngineer() throws Exception {
        SrNumber sr = openSr("1001", Optional.empty());
        Escalation e = escalations.request(sr, asked(true, true, true), customer);
        assertThrows(NotAllowedException.class, () -> escalations.accept(e.id(),
                new Acceptance("escalation1", "", ""), remEmea));
        assertThrows(ValidationException.class, () -> escalations.accept(e.id(),
                new Acceptance("engineer1", "", ""), rem));
        assertEquals(EscalationState.REQUESTED, escalations.find(e.id(), duty).get().state());
    }

    @Test
    void theCustomerSeesNeitherResourcesNorStaffOnlyStepsAndNoOtherAccountsEscalation() throws Exception {
        Escalation e = accepted();
        escalations.addResources(e.id(), "a database expert", rem);

        var forCustomer = escalations.details(e.id(), customer).orElseThrow();
        assertEquals("", forCustomer.escalation().resources());
        assertTrue(forCustomer.history().stream().noneMatch(s -> s.internal()));
        assertTrue(escalations.details(e.id(), duty).orElseThrow().escalation().resources()
                .contains("a database expert"));
        User other = user("customer2", Role.CUSTOMER, Optional.empty(), Set.of("2002"));
        assertEquals(Optional.empty(), escalations.details(e.id(), other));
    }

    @Test
    void theReviewListsOpenEscalationsOwedSoonestFirstPageByPageWithFilters() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            SrNumber sr = openSr(i % 2 == 0 ? "1001" : "2002", Optional.empty());
            Escalation e = escalations.request(sr, asked(true, true, true), duty);
            if (i % 2 == 0) {
                expected.add(e.id());
            }
            clock.move(Duration.ofMinutes(1));
        }
        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Escalation> p = escalations.review(new EscalationQuery(Optional.empty(), Optional.of("APJ")), page,
                    duty);
            p.items().forEach(x -> seen.add(x.id()));
            if (p.next().isEmpty()) {
                break;
            }
            page = new PageRequest(2, p.next());
        }
        assertEquals(expected, seen);
        assertEquals(7, escalations.review(Optional.of(EscalationState.REQUESTED), Optional.empty(), duty).size());
        assertThrows(NotAllowedException.class, () -> escalations.review(EscalationQuery.all(), PageRequest.first(),
                customer));
    }

    @Test
    void eachRegionsDigestGoesOutOnceADayOverdueFirst() throws Exception {
        Escalation early = escalations.request(openSr("1001", Optional.empty()), asked(true, true, true), duty);
        clock.move(Duration.ofHours(3));
        escalations.request(openSr("1001", Optional.empty()), asked(true, true, true), duty);
        clock.move(Duration.ofHours(3)); // 08:00 UTC: past digest.hour 7

        assertEquals(1, watch.sendDigests(), "APJ; EMEA has no open escalation");
        assertEquals(0, watch.sendDigests(), "once a day");
        String digest = payload("ESCALATION_DIGEST");
        assertTrue(digest.contains("\"total\":\"2\""), digest);
        assertTrue(digest.contains("\"overdue\":\"2\""), digest);
        assertTrue(digest.indexOf("- " + early.id() + " ") < digest.indexOf("- " + (Long.parseLong(early.id()) + 1)
                + " "), digest);
    }

    // ---------------------------------------------------------------- fixtures

    private Escalation accepted() throws Exception {
        SrNumber sr = openSr("1001", Optional.empty());
        Escalation e = escalations.request(sr, asked(true, true, true), customer);
        return escalations.accept(e.id(), new Acceptance("escalation1", "", ""), rem);
    }

    private static EscalationRequest asked(boolean statement, boolean impact, boolean workaround) {
        return new EscalationRequest(EscalationReason.CRITICAL_BUSINESS_IMPACT, statement, impact, workaround,
                List.of(new Milestone("Go-live", LocalDate.of(2026, 12, 1))), "Quarter close at risk");
    }

    private SrNumber openSr(String account, Optional<String> assignee) {
        Instant at = clock.instant();
        return transactions.inTransaction(tx -> {
            SupportRequest sr = tx.createRequest(new SupportRequestDraft(account, "datacenter", "performance",
                    Severity.S2, "Slow queries", "Since the upgrade", List.of(), ContactMethod.EMAIL, Optional.empty(),
                    "customer1", IntakeChannel.WEB, at, at.plus(Duration.ofHours(1)),
                    Optional.of(at.plus(Duration.ofHours(4))), false),
                    TimelineEntry.of(at, new Actor("customer1", "Casey"), "CREATED", "Opened", Map.of()));
            if (assignee.isPresent()) {
                tx.updateRequest(sr.withAssignee(assignee, at));
            }
            return sr.number();
        });
    }

    private List<String> outbox() throws Exception {
        return db.read(c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT subject, destination FROM outbox ORDER BY id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + ":" + rs.getString(2));
                }
            }
            return found;
        });
    }

    private String payload(String subject) throws Exception {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT payload FROM outbox WHERE subject = ?")) {
                s.setString(1, subject);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private int count(String table) throws Exception {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private List<String> timelineKinds(SrNumber sr) {
        return repository.find(sr).orElseThrow().timeline().stream().map(TimelineEntry::kind).toList();
    }

    private static User user(String login, Role role, Optional<String> region, Set<String> accounts) {
        return new User(login, login, Set.of(role), Optional.of(login + "@" + (role == Role.CUSTOMER ? "acme.example"
                : "vendor.example")), region, accounts, false);
    }

    private static org.srplatform.store.internal.db.SchemaMigrations.Script script(String name) {
        try (InputStream in = EscalationsTest.class.getResourceAsStream("/schema/" + name)) {
            return SchemaMigrations.Script.of(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final EscalationConfig CONFIG = new EscalationConfig() {
        @Override public Class<? extends Annotation> annotationType() { return EscalationConfig.class; }
        @Override public double acceptance_hours() { return 2; }
        @Override public double plans_hours() { return 8; }
        @Override public int watch_interval_seconds() { return 60; }
        @Override public int digest_hour() { return 7; }
        @Override public String digest_zone() { return "UTC"; }
        @Override public int digest_lines() { return 200; }
    };

    /** A clock the test moves forward. */
    static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** Who sees which SR, as the requests feature decides it: staff all, customers their accounts'. */
    record Visible(JdbcSupportRequestRepository repository) implements SupportRequestService {
        @Override
        public Optional<SupportRequestDetails> find(SrNumber number, User caller) {
            return repository.find(number).filter(d -> caller.canSee(d.request().account()));
        }

        @Override
        public Page<SupportRequest> search(SupportRequestQuery query, PageRequest page, User caller) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SupportRequestDetails changeSeverity(SrNumber number, Severity severity, String reason, User caller) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SupportRequestDetails changeStatus(SrNumber number, SrStatus status, String reason, User caller) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SupportRequestDetails comment(SrNumber number, String text, boolean internal, User caller) {
            throw new UnsupportedOperationException();
        }
    }

    record People(List<User> all) implements UserDirectory {
        @Override public Optional<User> authenticate(String login, char[] password) { return Optional.empty(); }
        @Override public Optional<User> find(String login) {
            return all.stream().filter(u -> u.login().equals(login)).findFirst();
        }
        @Override public List<User> withRole(Role role) { return all.stream().filter(u -> u.has(role)).toList(); }
        @Override public User create(NewUser user, char[] password) { throw new UnsupportedOperationException(); }
        @Override public void changePassword(String login, char[] newPassword) { throw new UnsupportedOperationException(); }
        @Override public long count() { return all.size(); }
    }
}
