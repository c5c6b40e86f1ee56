package org.srplatform.collaboration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.srplatform.api.partner.CollaborationRequest;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.ConnectorState;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerConnector;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerEvent;
import org.srplatform.api.partner.PartnerNote;
import org.srplatform.api.partner.PartnerPush;
import org.srplatform.api.partner.PushRejectedException;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.outbox.OutboxState;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.SchemaMigrations;
import org.srplatform.store.internal.db.StoreSettings;
import org.srplatform.store.internal.outbox.JdbcOutbox;
import org.srplatform.store.internal.request.JdbcSupportRequestRepository;
import org.srplatform.store.internal.request.StoreTransactions;

/** Collaborations on the real store (Derby) with a scripted partner: calls through the outbox, retries, follow-up. */
class CollaborationsTest {
    private static final Instant START = Instant.parse("2026-11-30T02:00:00Z");

    @TempDir
    Path dir;
    private DerbyDatabase db;
    private Transactions transactions;
    private JdbcSupportRequestRepository repository;
    private JdbcOutbox outbox;
    private Collaborations collaborations;
    private PartnerDispatcher dispatcher;
    private final Connectors connectors = new Connectors();
    private final ScriptedPartner partner = new ScriptedPartner();
    private final MovingClock clock = new MovingClock(START);
    private final User escalationEngineer = new User("escalation1", "Sam", Set.of(Role.ESCALATION_ENGINEER),
            Optional.empty(), Optional.empty(), Set.of(), false);
    private final User engineer = new User("engineer1", "Eve", Set.of(Role.SUPPORT_ENGINEER), Optional.empty(),
            Optional.empty(), Set.of(), false);

    @BeforeEach
    void open() {
        db = new DerbyDatabase(StoreSettings.in(dir));
        db.read(c -> new SchemaMigrations(db.dialect()).migrate(c, "org.srplatform.collaboration", "test",
                List.of(script("V1__collaborations.sql"), script("V2__partner_pushes.sql"))));
        transactions = new StoreTransactions(db, clock, () -> null);
        repository = new JdbcSupportRequestRepository(db, clock);
        outbox = new JdbcOutbox(db, clock);
        new JdbcCatalogRepository(db).saveProduct(new Product("datacenter", "Datacenter",
                SupportHours.twentyFourSeven(), List.of(new ProblemCategory("performance", "Performance", "Slow"))));
        JdbcAccountRepository accounts = new JdbcAccountRepository(db);
        accounts.saveOffering(new SupportOffering("production", "Production", Map.of(Severity.S2,
                new FirstResponseTarget(Duration.ofHours(4), ResponseClock.AROUND_THE_CLOCK))));
        accounts.saveAccount(new Account("1001", "Acme Corp", "C1001", "APJ", List.of(new SupportContract("datacenter",
                "production", ContractType.SUBSCRIPTION, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), 0))));
        connectors.add(partner);
        collaborations = new Collaborations(transactions, new Visible(repository), connectors, CONFIG, clock);
        dispatcher = new PartnerDispatcher(outbox, connectors, collaborations, CONFIG, clock, false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCollaborationIsRecordedWithItsCallAndOpenedAtThePartnerByTheDispatcherNotInTheRequest() throws Exception {
        SrNumber sr = openSr();
        Collaboration asked = collaborations.request(sr, form("[accept]"), escalationEngineer);

        assertEquals(CollaborationState.REQUESTED, asked.state());
        assertEquals(0, partner.opened.size(), "no partner call inside the user's request");
        assertEquals(1, dispatcher.dispatchOnce());
        Collaboration open = only(sr);
        assertEquals(CollaborationState.OPEN, open.state());
        assertEquals(Optional.of("P-1"), open.externalId());
        assertEquals(List.of("C" + asked.id()), partner.opened);
        assertTrue(timelineKinds(sr).containsAll(List.of("COLLABORATION_REQUESTED", "COLLABORATION_OPEN")));
    }

    @Test
    void aPartnerThatIsDownIsRetriedWithBackOffAndOpenedOnceWhenItIsBack() throws Exception {
        SrNumber sr = openSr();
        collaborations.request(sr, form("x"), escalationEngineer);
        partner.failures = 2;

        assertEquals(1, dispatcher.dispatchOnce());
        assertEquals(0, dispatcher.dispatchOnce(), "not due again before its back-off");
        assertEquals(CollaborationState.REQUESTED, only(sr).state());
        assertTrue(only(sr).lastError().orElseThrow().contains("partner down"));
        clock.move(Duration.ofSeconds(40));
        assertEquals(1, dispatcher.dispatchOnce());
        clock.move(Duration.ofSeconds(80));
        assertEquals(1, dispatcher.dispatchOnce());

        assertEquals(CollaborationState.OPEN, only(sr).state());
        assertEquals(Optional.empty(), only(sr).lastError());
        assertEquals(1, partner.cases.size(), "one case at the partner whatever the retries");
        assertEquals(1, outbox.list(OutboxState.SENT, 10).size());
    }

    @Test
    void aCallThePartnerRefusesIsNotRetriedAndTheCollaborationFails() throws Exception {
        SrNumber sr = openSr();
        collaborations.request(sr, form("[refuse]"), escalationEngineer);

        dispatcher.dispatchOnce();

        Collaboration failed = only(sr);
        assertEquals(CollaborationState.FAILED, failed.state());
        assertTrue(failed.lastError().orElseThrow().contains("required field"), failed.lastError().toString());
        assertEquals(1, outbox.list(OutboxState.FAILED, 10).size());
        assertTrue(timelineKinds(sr).contains("COLLABORATION_CALL_FAILED"));
    }

    @Test
    void followingAppliesThePartnersAnswerAndEachNoteOnceAndTheInformationAskedForIsAnswered() throws Exception {
        SrNumber sr = openSr();
        Collaboration c = collaborations.request(sr, form("[info]"), escalationEngineer);
        dispatcher.dispatchOnce();
        partner.state = CollaborationState.INFORMATION_REQUESTED;
        partner.notes.add(new PartnerNote(START, "Partner engineer", "Which firmware?"));
        clock.move(Duration.ofSeconds(61));

        assertEquals(1, dispatcher.followOnce());
        clock.move(Duration.ofSeconds(61));
        assertEquals(1, dispatcher.followOnce());

        Collaboration asked = only(sr);
        assertEquals(CollaborationState.INFORMATION_REQUESTED, asked.state());
        assertEquals(1, asked.notes().size(), "a note seen twice is kept once");
        assertEquals(1, timelineKinds(sr).stream().filter("COLLABORATION_NOTE"::equals).count());
        collaborations.answer(sr, c.id(), "Firmware 2.1", escalationEngineer);
        partner.state = CollaborationState.ACCEPTED;
        dispatcher.dispatchOnce();
        assertEquals(List.of("Firmware 2.1"), partner.answers);
        assertEquals(List.of("C" + c.id() + "-A2"), partner.answerIds, "numbered after the partner's note");
        assertTrue(only(sr).notes().stream().anyMatch(n -> n.direction().equals("OUT") && n.sent()
                && n.text().equals("Firmware 2.1")));
        assertEquals(CollaborationState.ACCEPTED, only(sr).state());
        assertThrows(ConflictException.class, () -> collaborations.answer(sr, c.id(), "again", escalationEngineer));
    }

    @Test
    void callsOfAConnectorThatIsNotInstalledWaitUntilItIsBack() throws Exception {
        SrNumber sr = openSr();
        collaborations.request(sr, form("x"), escalationEngineer);
        connectors.remove(partner);

        assertEquals(0, dispatcher.dispatchOnce());
        assertEquals(1, outbox.list(OutboxState.PENDING, 10).size());
        connectors.add(partner);
        assertEquals(1, dispatcher.dispatchOnce());
        assertEquals(CollaborationState.OPEN, only(sr).state());
    }

    @Test
    void onlyEscalationStaffEngagePartnersWithTheCustomersConsentThroughAnInstalledConnector() throws Exception {
        SrNumber sr = openSr();
        assertThrows(NotAllowedException.class, () -> collaborations.request(sr, form("x"), engineer));
        ValidationException refused = assertThrows(ValidationException.class, () -> collaborations.request(sr,
                new Collaborations.Request("nope", "Globex", "Disk errors", "", "HIGH", false, Map.of()),
                escalationEngineer));
        assertEquals(List.of("connector", "consent"), refused.errors().stream().map(f -> f.field()).toList());
        assertEquals(0, outbox.list(OutboxState.PENDING, 10).size());
        assertEquals(List.of(), collaborations.ofRequest(sr, escalationEngineer));
    }

    @Test
    void aPartnerThatCannotBeFollowedIsNotAskedAgainAndItsAnswerIsEnteredByHand() throws Exception {
        SrNumber sr = openSr();
        Collaboration c = collaborations.request(sr, form("x"), escalationEngineer);
        dispatcher.dispatchOnce();
        partner.followable = false;
        clock.move(Duration.ofSeconds(61));
        assertEquals(1, dispatcher.followOnce());
        clock.move(Duration.ofSeconds(61));
        assertEquals(0, dispatcher.followOnce(), "not asked again");

        Collaboration answered = collaborations.recordPartnerCase(sr, c.id(), new Collaborations.PartnerAnswer("VX-9",
                null, "accepted", "Val Vendor", "Firmware fix next week"), escalationEngineer);

        assertEquals(CollaborationState.ACCEPTED, answered.state());
        assertEquals(Optional.of("VX-9"), answered.caseNumber());
        assertEquals(Optional.of("P-1"), answered.externalId(), "the connector's handle stays");
        assertEquals(Optional.of("Val Vendor"), answered.engineer());
        TimelineEntry accepted = repository.find(sr).orElseThrow().timeline().stream()
                .filter(e -> e.kind().equals("COLLABORATION_ACCEPTED")).findFirst().orElseThrow();
        assertEquals("escalation1", accepted.actor().id());
        assertThrows(ValidationException.class, () -> collaborations.recordPartnerCase(sr, c.id(),
                new Collaborations.PartnerAnswer("VX-9", null, "FAILED", null, null), escalationEngineer));
    }

    @Test
    void aPushIsAuthenticatedByItsConnectorAndAppliedOnceWhenSentTwice() throws Exception {
        SrNumber sr = openSr();
        Collaboration c = collaborations.request(sr, form("x"), escalationEngineer);
        dispatcher.dispatchOnce();
        String body = "P-1|ACCEPTED|CASE-77";

        Collaborations.PushOutcome first = collaborations.receive("scripted", partner.signed("evt-1", body));
        Collaborations.PushOutcome again = collaborations.receive("scripted", partner.signed("evt-1", body));

        assertEquals(new Collaborations.PushOutcome("evt-1", Optional.of(c.id()), true, false), first);
        assertEquals(new Collaborations.PushOutcome("evt-1", Optional.of(c.id()), false, true), again);
        Collaboration now = only(sr);
        assertEquals(CollaborationState.ACCEPTED, now.state());
        assertEquals(Optional.of("CASE-77"), now.caseNumber());
        assertEquals(1, timelineKinds(sr).stream().filter("COLLABORATION_ACCEPTED"::equals).count());
        assertEquals(1, count("SELECT COUNT(*) FROM partner_events"));
    }

    @Test
    void aPushThatIsNotAuthenticOrAboutNoCaseOfOursChangesNothing() throws Exception {
        SrNumber sr = openSr();
        collaborations.request(sr, form("x"), escalationEngineer);
        dispatcher.dispatchOnce();
        PushRejectedException forged = assertThrows(PushRejectedException.class, () -> collaborations.receive(
                "scripted", new PartnerPush(Map.of("signature", List.of("forged")), "P-1|REJECTED|".getBytes())));
        assertEquals(PushRejectedException.Reason.NOT_AUTHENTIC, forged.reason());
        assertThrows(org.srplatform.api.common.NotFoundException.class,
                () -> collaborations.receive("nobody", partner.signed("evt-1", "P-1|REJECTED|")));

        Collaborations.PushOutcome other = collaborations.receive("scripted", partner.signed("evt-2", "P-9|CLOSED|"));

        assertEquals(new Collaborations.PushOutcome("evt-2", Optional.empty(), false, false), other);
        assertEquals(CollaborationState.OPEN, only(sr).state());
        assertEquals(0, count("SELECT COUNT(*) FROM partner_events"));
    }

    @Test
    void aMissedResponseDeadlineIsToldOnceToWhoAskedAndNotOnceAnswered() throws Exception {
        SrNumber sr = openSr();
        partner.respondBy = Optional.of(START.plus(Duration.ofHours(2)));
        collaborations.request(sr, form("x"), escalationEngineer);
        dispatcher.dispatchOnce();
        assertEquals(0, collaborations.warnPastRespondBy(clock.instant()), "not yet due");

        clock.move(Duration.ofHours(3));
        assertEquals(1, collaborations.warnPastRespondBy(clock.instant()));
        assertEquals(0, collaborations.warnPastRespondBy(clock.instant()), "told once");
        assertTrue(timelineKinds(sr).contains("COLLABORATION_RESPONSE_OVERDUE"), timelineKinds(sr).toString());
        assertEquals(1, count("SELECT COUNT(*) FROM outbox WHERE message_type = 'notification'"
                + " AND destination = 'escalation1' AND subject = 'COLLABORATION_OVERDUE'"));

        // A new deadline is watched afresh; an answer ends the watch.
        partner.respondBy = Optional.of(clock.instant().plus(Duration.ofHours(1)));
        clock.move(Duration.ofSeconds(61));
        dispatcher.followOnce();
        partner.state = CollaborationState.ACCEPTED;
        clock.move(Duration.ofHours(2));
        dispatcher.followOnce();
        assertEquals(0, collaborations.warnPastRespondBy(clock.instant()), "answered: nothing owed");
    }

    private long count(String sql) throws Exception {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    // ---------------------------------------------------------------- fixtures

    private static Collaborations.Request form(String summary) {
        return new Collaborations.Request("scripted", "Globex Storage", summary, "Disk errors since the upgrade",
                "HIGH", true, Map.of("serial", "X1"));
    }

    private Collaboration only(SrNumber sr) {
        List<Collaboration> all = collaborations.ofRequest(sr, escalationEngineer);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private SrNumber openSr() {
        Instant at = clock.instant();
        return transactions.inTransaction(tx -> tx.createRequest(new SupportRequestDraft("1001", "datacenter",
                "performance", Severity.S2, "Slow", "Since the upgrade", List.of(), ContactMethod.EMAIL,
                Optional.empty(), "customer1", IntakeChannel.WEB, at, at.plus(Duration.ofHours(1)),
                Optional.of(at.plus(Duration.ofHours(4))), false),
                TimelineEntry.of(at, new Actor("customer1", "Casey"), "CREATED", "Opened", Map.of())).number());
    }

    private List<String> timelineKinds(SrNumber sr) {
        return repository.find(sr).orElseThrow().timeline().stream().map(TimelineEntry::kind).toList();
    }

    private static SchemaMigrations.Script script(String name) {
        try (InputStream in = CollaborationsTest.class.getResourceAsStream("/schema/" + name)) {
            return SchemaMigrations.Script.of(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A partner that answers as scripted: fails while {@code failures} > 0, refuses "[refuse]", keeps cases. */
    static final class ScriptedPartner implements PartnerConnector {
        final List<String> opened = new ArrayList<>();
        final Map<String, String> cases = new java.util.LinkedHashMap<>();
        final List<PartnerNote> notes = new ArrayList<>();
        final List<String> answers = new ArrayList<>();
        final List<String> answerIds = new ArrayList<>();
        int failures;
        boolean followable = true;
        CollaborationState state = CollaborationState.OPEN;
        Optional<Instant> respondBy = Optional.empty();

        /** A push as this partner signs it: its body is {@code externalId|STATE|caseNumber}. */
        PartnerPush signed(String eventId, String body) {
            return new PartnerPush(Map.of("event", List.of(eventId), "signature", List.of("ok:" + body)),
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public PartnerEvent receive(PartnerPush push) throws PartnerException {
            String body = new String(push.body(), java.nio.charset.StandardCharsets.UTF_8);
            if (!push.header("signature").equals(Optional.of("ok:" + body))) {
                throw new PushRejectedException(PushRejectedException.Reason.NOT_AUTHENTIC, "bad signature");
            }
            String[] parts = body.split("\\|", -1);
            return new PartnerEvent(push.header("event").orElseThrow(), new PartnerCase(parts[0],
                    CollaborationState.valueOf(parts[1]), Optional.empty(), List.of(), Optional.empty(),
                    Optional.empty(), Optional.of(parts[2])));
        }

        @Override public String id() { return "scripted"; }
        @Override public String name() { return "Scripted partner"; }
        @Override public ConnectorState state() { return ConnectorState.READY; }

        @Override
        public PartnerCase open(String correlationId, CollaborationRequest request) throws PartnerException {
            if (failures > 0) {
                failures--;
                throw new PartnerException("partner down (503)", true, null);
            }
            if (request.summary().contains("[refuse]")) {
                throw new PartnerException("required field 'contract' is missing", false, null);
            }
            opened.add(correlationId);
            String external = cases.computeIfAbsent(correlationId, k -> "P-" + (cases.size() + 1));
            return current(external);
        }

        @Override
        public PartnerCase follow(String externalId) throws PartnerException {
            if (!followable) {
                throw new PartnerException("followed by hand", false, null);
            }
            return current(externalId);
        }

        @Override
        public PartnerCase answer(String externalId, String correlationId, String information) {
            answers.add(information);
            answerIds.add(correlationId);
            return current(externalId);
        }

        private PartnerCase current(String external) {
            return new PartnerCase(external, state, Optional.of("Pat Partner"), notes, respondBy,
                    Optional.of("scripted"));
        }
    }

    private static final CollaborationConfig CONFIG = new CollaborationConfig() {
        @Override public Class<? extends Annotation> annotationType() { return CollaborationConfig.class; }
        @Override public int dispatch_poll_millis() { return 1000; }
        @Override public int follow_seconds() { return 60; }
        @Override public int retry_first_seconds() { return 30; }
        @Override public int retry_max_seconds() { return 3600; }
        @Override public double give_up_hours() { return 24; }
        @Override public int lease_seconds() { return 120; }
    };

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
}
