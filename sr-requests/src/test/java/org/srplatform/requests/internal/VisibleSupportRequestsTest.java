package org.srplatform.requests.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.srplatform.api.account.Account;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.ResponseTargets;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.spi.request.SupportRequestChange;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.request.SupportRequestUpdate;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;

class VisibleSupportRequestsTest {
    private static final Instant OPENED = Instant.parse("2026-11-25T10:00:00Z");
    private final User customer1 = user("customer1", Role.CUSTOMER, Set.of("1001"));
    private final User customer2 = user("customer2", Role.CUSTOMER, Set.of("2002"));
    private final User engineer = user("engineer1", Role.SUPPORT_ENGINEER, Set.of());
    private final InMemoryRequests store = new InMemoryRequests();
    private final VisibleSupportRequests requests = new VisibleSupportRequests(store, new Catalog(), new Accounts(),
            Clock.fixed(OPENED.plusSeconds(600), ZoneOffset.UTC));
    private final SrNumber number = SrNumber.of(2026, 1);

    VisibleSupportRequestsTest() {
        store.put(new SupportRequestDetails(new SupportRequest(number, "1001", "datacenter", "performance", Severity.S3,
                SrStatus.NEW, "Slow", "slow", List.of(), ContactMethod.EMAIL, Optional.empty(), "customer1", IntakeChannel.WEB,
                Optional.empty(), OPENED, OPENED, new ResponseTargets(OPENED.plusSeconds(3600),
                        Optional.of(OPENED.plus(Duration.ofHours(8))), Optional.empty(), Optional.empty()), false, 1),
                List.of(), List.of(
                        TimelineEntry.of(OPENED, new Actor("customer1", "C"), "CREATED", "opened", Map.of()),
                        new TimelineEntry(OPENED, new Actor("engineer1", "E"), "COMMENT", "customer sounds angry", Map.of(), true))));
    }

    private static User user(String login, Role role, Set<String> accounts) {
        return new User(login, login, Set.of(role), Optional.empty(), Optional.empty(), accounts, false);
    }

    @Test
    void anotherCustomersSrIsNotFoundNotForbidden() {
        assertTrue(requests.find(number, customer2).isEmpty());
        assertThrows(NotFoundException.class, () -> requests.changeSeverity(number, Severity.S1, "down", customer2));
        assertTrue(requests.search(SupportRequestQuery.all(), PageRequest.first(), customer2).items().isEmpty());
    }

    @Test
    void customersNeverSeeInternalEntriesStaffDo() {
        assertEquals(1, requests.find(number, customer1).orElseThrow().timeline().size());
        assertEquals(2, requests.find(number, engineer).orElseThrow().timeline().size());
    }

    @Test
    void raisingTheSeverityRecomputesTheTargetFromTheOpeningAndKeepsTheReason() {
        SupportRequest raised = requests.changeSeverity(number, Severity.S1, "production is down", customer1).request();
        assertEquals(Severity.S1, raised.severity());
        assertEquals(Optional.of(OPENED.plus(Duration.ofMinutes(30))), raised.targets().firstResponseDueAt());
        TimelineEntry last = store.get(number).timeline().get(store.get(number).timeline().size() - 1);
        assertEquals("SEVERITY_CHANGED", last.kind());
        assertEquals("production is down", last.details().get("reason"));
    }

    @Test
    void aSeverityChangeNeedsAReasonAndAChange() {
        assertThrows(ValidationException.class, () -> requests.changeSeverity(number, Severity.S1, " ", customer1));
        assertThrows(ConflictException.class, () -> requests.changeSeverity(number, Severity.S3, "same", customer1));
    }

    @Test
    void aTransitionNotAllowedNowIsAConflictAndCustomersMayOnlyCloseOrReopen() {
        assertThrows(ConflictException.class, () -> requests.changeStatus(number, SrStatus.WAITING_ON_CUSTOMER, "x", engineer));
        assertThrows(NotAllowedException.class, () -> requests.changeStatus(number, SrStatus.ASSIGNED, "x", customer1));
        assertEquals(SrStatus.ASSIGNED, requests.changeStatus(number, SrStatus.ASSIGNED, "taking it", engineer).request().status());
    }

    @Test
    void aCustomerCannotMoveTheirSrIntoWorkOrCloseItBeforeItIsResolved() {
        // 403: customers never move an SR to these states; 409: they do (reopen, confirm closure), but not from NEW.
        for (SrStatus target : List.of(SrStatus.RESOLVED, SrStatus.ASSIGNED, SrStatus.WAITING_ON_VENDOR)) {
            assertThrows(NotAllowedException.class, () -> requests.changeStatus(number, target, "x", customer1), target.name());
        }
        for (SrStatus target : List.of(SrStatus.IN_PROGRESS, SrStatus.CLOSED)) {
            assertThrows(ConflictException.class, () -> requests.changeStatus(number, target, "x", customer1), target.name());
        }
        requests.changeStatus(number, SrStatus.ASSIGNED, "taking it", engineer);
        requests.changeStatus(number, SrStatus.WAITING_ON_VENDOR, "asked the vendor", engineer);
        assertThrows(ConflictException.class, () -> requests.changeStatus(number, SrStatus.IN_PROGRESS, "x", customer1));
        assertEquals(SrStatus.WAITING_ON_VENDOR, store.get(number).request().status());
    }

    @Test
    void aCustomerMayReopenAResolvedSrAndConfirmItsClosureButNotReopenAClosedOne() {
        requests.changeStatus(number, SrStatus.RESOLVED, "fixed", engineer);
        assertEquals(SrStatus.IN_PROGRESS, requests.changeStatus(number, SrStatus.IN_PROGRESS, "still slow", customer1)
                .request().status());
        requests.changeStatus(number, SrStatus.RESOLVED, "fixed now", engineer);
        assertEquals(SrStatus.CLOSED, requests.changeStatus(number, SrStatus.CLOSED, "thanks", customer1).request().status());
        assertThrows(ConflictException.class, () -> requests.changeStatus(number, SrStatus.IN_PROGRESS, "again", customer1));
    }

    @Test
    void aCustomersReplyBringsAnSrThatWaitsOnThemBackIntoWorkAStaffCommentDoesNot() {
        requests.changeStatus(number, SrStatus.ASSIGNED, "taking it", engineer);
        requests.changeStatus(number, SrStatus.WAITING_ON_CUSTOMER, "need logs", engineer);
        requests.comment(number, "Any news?", false, engineer);
        assertEquals(SrStatus.WAITING_ON_CUSTOMER, store.get(number).request().status());
        ConflictException told = assertThrows(ConflictException.class,
                () -> requests.changeStatus(number, SrStatus.IN_PROGRESS, "x", customer1));
        assertTrue(told.getMessage().contains("/comments"), told.getMessage());

        SupportRequestDetails replied = requests.comment(number, "Here are the logs", false, customer1);
        assertEquals(SrStatus.IN_PROGRESS, replied.request().status());
        List<String> kinds = replied.timeline().stream().map(TimelineEntry::kind).toList();
        assertEquals(List.of("COMMENT", "STATUS_CHANGED"), kinds.subList(kinds.size() - 2, kinds.size()));
        requests.comment(number, "and one more", false, customer1);
        assertEquals(SrStatus.IN_PROGRESS, store.get(number).request().status());
    }

    @Test
    void onlyStaffWriteInternalComments() {
        assertThrows(NotAllowedException.class, () -> requests.comment(number, "psst", true, customer1));
        requests.comment(number, "Here are the logs", false, customer1);
        assertEquals("COMMENT", store.get(number).timeline().get(2).kind());
    }

    private static final class InMemoryRequests implements SupportRequestRepository {
        private final Map<SrNumber, SupportRequestDetails> rows = new HashMap<>();

        void put(SupportRequestDetails sr) { rows.put(sr.number(), sr); }
        SupportRequestDetails get(SrNumber n) { return rows.get(n); }

        @Override public SupportRequestDetails create(SupportRequestDraft d, TimelineEntry c, List<OutboundMessage> m) { throw new UnsupportedOperationException(); }
        @Override public Optional<SupportRequestDetails> find(SrNumber n) { return Optional.ofNullable(rows.get(n)); }
        @Override public Page<SupportRequest> search(SupportRequestQuery q, PageRequest p) {
            return Page.last(rows.values().stream().map(SupportRequestDetails::request)
                    .filter(sr -> q.accounts().isEmpty() || q.accounts().contains(sr.account())).toList());
        }
        @Override public SupportRequestDetails update(SrNumber n, SupportRequestChange change) {
            SupportRequestDetails current = rows.get(n);
            SupportRequestUpdate u = change.apply(current.request());
            List<TimelineEntry> timeline = new ArrayList<>(current.timeline());
            timeline.addAll(u.entries());
            SupportRequestDetails next = new SupportRequestDetails(u.next().withVersion(current.request().version() + 1),
                    current.attachments(), timeline);
            rows.put(n, next);
            return next;
        }
        @Override public SupportRequestDetails addAttachment(SrNumber n, AttachmentInfo a, TimelineEntry e) { throw new UnsupportedOperationException(); }
    }

    private static final class Catalog implements CatalogRepository {
        private final Product datacenter = new Product("datacenter", "Datacenter", SupportHours.twentyFourSeven(),
                List.of(new ProblemCategory("performance", "Performance", "slow")));
        @Override public List<Product> products() { return List.of(datacenter); }
        @Override public Optional<Product> product(String id) { return id.equals("datacenter") ? Optional.of(datacenter) : Optional.empty(); }
        @Override public void saveProduct(Product p) { }
        @Override public List<KnowledgeArticle> articles(String p) { return List.of(); }
        @Override public Optional<KnowledgeArticle> article(String id) { return Optional.empty(); }
        @Override public void saveArticle(KnowledgeArticle a) { }
    }

    private static final class Accounts implements AccountRepository {
        @Override public Optional<Account> account(String n) {
            return Optional.of(new Account(n, "Acme", "C" + n, "APJ", List.of(new SupportContract("datacenter", "production",
                    ContractType.SUBSCRIPTION, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), 0))));
        }
        @Override public Optional<Account> byCustomerNumber(String c) { return Optional.empty(); }
        @Override public Page<Account> accounts(PageRequest p) { return Page.last(List.of()); }
        @Override public void saveAccount(Account a) { }
        @Override public Optional<SupportOffering> offering(String id) {
            return Optional.of(new SupportOffering(id, id, Map.of(
                    Severity.S1, new FirstResponseTarget(Duration.ofMinutes(30), ResponseClock.AROUND_THE_CLOCK),
                    Severity.S3, new FirstResponseTarget(Duration.ofHours(8), ResponseClock.SUPPORT_HOURS))));
        }
        @Override public List<SupportOffering> offerings() { return List.of(); }
        @Override public void saveOffering(SupportOffering o) { }
        @Override public List<Contact> contacts(String a) { return List.of(); }
        @Override public List<Contact> contactsOf(String l) { return List.of(); }
        @Override public void saveContact(Contact c) { }
        @Override public boolean useIncident(org.srplatform.spi.store.Transaction tx, String a, String c) { return false; }
    }
}
