package org.srplatform.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.sql.Connection;
import java.sql.SQLException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.ResponseTargets;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.api.request.SupportRequestForm;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.TransactionWork;
import org.srplatform.spi.store.Transactions;

class EntitledIntakeServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T17:00:00Z"); // Wednesday 09:00 in Los Angeles
    private final Product datacenter = new Product("datacenter", "Datacenter", SupportHours.twentyFourSeven(),
            List.of(new ProblemCategory("performance", "Performance", "Slow things")));
    private final Product workstation = new Product("workstation", "Workstation", SupportHours.twentyFourSeven(),
            List.of(new ProblemCategory("graphics", "Graphics", "3D")));
    private final LocalDate from = LocalDate.of(2026, 1, 1);
    private final LocalDate until = LocalDate.of(2027, 12, 31);
    private final Account acme = new Account("1001", "Acme Corp", "C1001", "APJ", List.of(
            new SupportContract("datacenter", "production", ContractType.SUBSCRIPTION, from, until, 0)));
    private final Account globex = new Account("2002", "Globex Ltd", "C2002", "EMEA", List.of(
            new SupportContract("workstation", "basic", ContractType.SUBSCRIPTION, from, until, 0),
            new SupportContract("datacenter", "production", ContractType.PER_INCIDENT, from, until, 2)));
    private final User customer1 = new User("customer1", "Casey", Set.of(Role.CUSTOMER), Optional.of("c1@acme.example"),
            Optional.empty(), Set.of("1001"), false);
    private final User engineer = new User("engineer1", "Erin", Set.of(Role.SUPPORT_ENGINEER), Optional.empty(),
            Optional.empty(), Set.of(), false);
    private final FakeRequests requests = new FakeRequests();
    private final EntitledIntakeService intake = new EntitledIntakeService(new FakeCatalog(), new FakeAccounts(), requests,
            null /* read only for idempotency keys: IdempotentIntakeTest */, Clock.fixed(NOW, ZoneOffset.UTC));

    private SupportRequestForm form(String account, String product, String category, Integer severity, String description,
            List<String> tags, String method, String phone) {
        return new SupportRequestForm(account, product, category, Optional.ofNullable(severity), "Datastore latency",
                description, tags, method, Optional.ofNullable(phone), Optional.empty(), true);
    }

    @Test
    void anEntitledCustomerGetsAnSrWithItsTargetsAndAConfirmationInTheSameWrite() {
        SupportRequest sr = intake.open(form("1001", "datacenter", "performance", 1, "slow since upgrade", List.of("upgrade"),
                "EMAIL", null), customer1, IntakeChannel.WEB).request();
        assertEquals(NOW.plus(Duration.ofHours(1)), sr.targets().confirmationDueAt());
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(30))), sr.targets().firstResponseDueAt());
        assertEquals(1, requests.messages.size());
        OutboundMessage confirmation = requests.messages.get(0);
        assertEquals("c1@acme.example", confirmation.destination());
        assertEquals(NOW.plus(Duration.ofHours(1)), confirmation.dueAt());
        assertEquals("CREATED", requests.entries.get(0).kind());
        assertTrue(sr.suggestionsShown());
    }

    @Test
    void aDeactivatedProductCategoryOrOfferingTakesNoNewSrAndTheAnswerSaysSo() {
        deactivated.add("datacenter");
        ValidationException product = assertThrows(ValidationException.class, () -> intake.open(form("1001", "datacenter",
                "performance", 2, "x", List.of(), "EMAIL", null), customer1, IntakeChannel.WEB));
        assertEquals(List.of(FieldError.of("product", "'datacenter' is deactivated: it takes no new SRs;"
                + " GET /api/v1/products lists the products")), product.errors());

        deactivated.clear();
        deactivated.add("datacenter/performance");
        ValidationException category = assertThrows(ValidationException.class, () -> intake.open(form("1001", "datacenter",
                "performance", 2, "x", List.of(), "EMAIL", null), customer1, IntakeChannel.WEB));
        assertEquals(List.of(FieldError.of("category", "'performance' of datacenter is deactivated: it takes no new SRs;"
                + " its categories: ")), category.errors());

        deactivated.clear();
        deactivated.add("offering:production");
        org.srplatform.api.common.ConflictException offering = assertThrows(org.srplatform.api.common.ConflictException.class,
                () -> intake.open(form("1001", "datacenter", "performance", 2, "x", List.of(), "EMAIL", null), customer1,
                        IntakeChannel.WEB));
        assertTrue(offering.getMessage().contains("support offering 'production', which is deactivated"), offering.getMessage());
        assertEquals(List.of(), requests.drafts, "nothing stored");

        deactivated.clear();
        assertEquals("datacenter", intake.open(form("1001", "datacenter", "performance", 2, "x", List.of(), "EMAIL", null),
                customer1, IntakeChannel.WEB).request().product(), "activated again");
    }

    @Test
    void theConfirmationPayloadIsJsonNamingTheContact() {
        intake.open(form("1001", "datacenter", "performance", 2, "x", List.of(), "EMAIL", null), customer1, IntakeChannel.WEB);
        assertEquals("{\"kind\":\"CONFIRMATION\",\"contact\":\"customer1\"}", requests.messages.get(0).payload());
    }

    @Test
    void theConfirmationPayloadStaysJsonWhateverTheLoginsCharacters() throws Exception {
        String login = "客户 \"Q\" back\\slash\ttab\u0001";
        User odd = new User(login, "Kè Hù", Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty(), Set.of("1001"), false);
        intake.open(form("1001", "datacenter", "performance", 2, "x", List.of(), "EMAIL", null), odd, IntakeChannel.WEB);
        JsonNode payload = new ObjectMapper().readTree(requests.messages.get(0).payload());
        assertEquals(Set.of("kind", "contact"), Set.copyOf(payload.properties().stream().map(Map.Entry::getKey).toList()));
        assertEquals("CONFIRMATION", payload.get("kind").textValue());
        assertEquals(login, payload.get("contact").textValue());
        assertEquals(login, requests.messages.get(0).destination()); // no e-mail address: the login
    }

    @Test
    void everyWrongFieldIsNamedAndNothingIsStored() {
        ValidationException e = assertThrows(ValidationException.class, () -> intake.open(
                form("1001", "nosuch", "performance", 5, "", List.of(), "FAX", null), customer1, IntakeChannel.WEB));
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("product", "severity", "description", "contactMethod"), fields);
        assertTrue(requests.messages.isEmpty());
    }

    @Test
    void aCategoryOfAnotherProductIsRefused() {
        ValidationException e = assertThrows(ValidationException.class, () -> intake.open(
                form("1001", "datacenter", "graphics", 2, "x", List.of(), "EMAIL", null), customer1, IntakeChannel.WEB));
        assertEquals("category", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("performance"));
    }

    @Test
    void phoneOrBothNeedAPhoneNumber() {
        ValidationException e = assertThrows(ValidationException.class, () -> intake.open(
                form("1001", "datacenter", "performance", 2, "x", List.of(), "BOTH", null), customer1, IntakeChannel.WEB));
        assertEquals(List.of("phone"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void anotherCustomersAccountIsRefusedNamingTheAccountField() {
        NotAllowedException e = assertThrows(NotAllowedException.class, () -> intake.open(
                form("2002", "workstation", "graphics", 3, "x", List.of(), "EMAIL", null), customer1, IntakeChannel.WEB));
        assertEquals("account", e.errors().get(0).field());
        assertTrue(requests.messages.isEmpty());
    }

    @Test
    void anAccountWithoutAContractForTheProductIsRefusedNamingBoth() {
        NotAllowedException e = assertThrows(NotAllowedException.class, () -> intake.open(
                form("1001", "workstation", "graphics", 3, "x", List.of(), "EMAIL", null), customer1, IntakeChannel.WEB));
        assertTrue(e.getMessage().contains("1001") && e.getMessage().contains("workstation"), e.getMessage());
        assertTrue(requests.messages.isEmpty());
    }

    @Test
    void onThePhoneTheCustomerNumberFindsTheAccountAndAWrongOneIsRefused() {
        SupportRequestForm byNumber = new SupportRequestForm(null, "workstation", "graphics", Optional.of(3), "3D off", "x",
                List.of(), "PHONE", Optional.of("+44 20 7946 0200"), Optional.of("C2002"), false);
        SupportRequest sr = intake.open(byNumber, engineer, IntakeChannel.PHONE).request();
        assertEquals("2002", sr.account());
        assertEquals(IntakeChannel.PHONE, sr.channel());

        SupportRequestForm wrong = new SupportRequestForm(null, "workstation", "graphics", Optional.of(3), "3D off", "x",
                List.of(), "EMAIL", Optional.empty(), Optional.of("C9999"), false);
        ValidationException e = assertThrows(ValidationException.class, () -> intake.open(wrong, engineer, IntakeChannel.PHONE));
        assertEquals("customerNumber", e.errors().get(0).field());
    }

    /** What an administrator deactivated: "product", "product/category" or "offering:id". */
    private final Set<String> deactivated = new java.util.HashSet<>();

    private final class FakeCatalog implements CatalogRepository {
        @Override public boolean productActive(String product) { return !deactivated.contains(product); }
        @Override public boolean categoryActive(String product, String category) { return !deactivated.contains(product + "/" + category); }
        @Override public boolean offeringActive(String offering) { return !deactivated.contains("offering:" + offering); }
        @Override public List<Product> products() { return List.of(datacenter, workstation); }
        @Override public Optional<Product> product(String id) { return products().stream().filter(p -> p.id().equals(id)).findFirst(); }
        @Override public void saveProduct(Product product) { throw new UnsupportedOperationException(); }
        @Override public List<KnowledgeArticle> articles(String product) { return List.of(); }
        @Override public Optional<KnowledgeArticle> article(String id) { return Optional.empty(); }
        @Override public void saveArticle(KnowledgeArticle article) { throw new UnsupportedOperationException(); }
    }

    private final class FakeAccounts implements AccountRepository {
        @Override public Optional<Account> account(String number) { return List.of(acme, globex).stream().filter(a -> a.number().equals(number)).findFirst(); }
        @Override public Optional<Account> byCustomerNumber(String c) { return List.of(acme, globex).stream().filter(a -> a.customerNumber().equals(c)).findFirst(); }
        @Override public Page<Account> accounts(PageRequest page) { return Page.last(List.of(acme, globex)); }
        @Override public void saveAccount(Account account) { throw new UnsupportedOperationException(); }
        @Override public Optional<SupportOffering> offering(String id) {
            return Optional.of(new SupportOffering(id, id, Map.of(
                    Severity.S1, new FirstResponseTarget(Duration.ofMinutes(30), ResponseClock.AROUND_THE_CLOCK),
                    Severity.S2, new FirstResponseTarget(Duration.ofHours(4), ResponseClock.SUPPORT_HOURS),
                    Severity.S3, new FirstResponseTarget(Duration.ZERO, ResponseClock.NEXT_BUSINESS_DAY))));
        }
        @Override public List<SupportOffering> offerings() { return List.of(); }
        @Override public void saveOffering(SupportOffering offering) { throw new UnsupportedOperationException(); }
        @Override public List<Contact> contacts(String account) { return List.of(); }
        @Override public List<Contact> contactsOf(String login) {
            return login.equals("customer1") ? List.of(new Contact("customer1", "1001", "Casey", "c1@acme.example", Optional.empty(), ContactMethod.EMAIL)) : List.of();
        }
        @Override public void saveContact(Contact contact) { throw new UnsupportedOperationException(); }
        @Override public boolean useIncident(Transaction tx, String account, String contractId) {
            throw new UnsupportedOperationException("per-incident contracts are tested on the store: PerIncidentIntakeTest");
        }
    }

    /** Records what intake writes; a per-incident contract (SQL on the connection) is tested on Derby elsewhere. */
    private static final class FakeRequests implements Transactions {
        final List<OutboundMessage> messages = new ArrayList<>();
        final List<TimelineEntry> entries = new ArrayList<>();
        final List<SupportRequestDraft> drafts = new ArrayList<>();
        private long sequence;

        @Override
        public <T> T inTransaction(TransactionWork<T> work) {
            try {
                return work.run(new Transaction() {
                    @Override public Connection connection() { throw new UnsupportedOperationException("no SQL here"); }
                    @Override public Dialect dialect() { throw new UnsupportedOperationException(); }
                    @Override public SupportRequest createRequest(SupportRequestDraft d, TimelineEntry created) {
                        SrNumber number = SrNumber.of(2026, ++sequence);
                        drafts.add(d);
                        entries.add(created);
                        return new SupportRequest(number, d.account(), d.product(), d.category(), d.severity(), SrStatus.NEW,
                                d.subject(), d.description(), d.tags(), d.contactMethod(), d.phone(), d.contact(), d.channel(),
                                Optional.empty(), d.createdAt(), d.createdAt(), new ResponseTargets(d.confirmationDueAt(),
                                        d.firstResponseDueAt(), Optional.empty(), Optional.empty()),
                                d.suggestionsShown(), 1);
                    }
                    @Override public SupportRequest lockRequest(SrNumber number) { throw new UnsupportedOperationException(); }
                    @Override public SupportRequest updateRequest(SupportRequest next) { throw new UnsupportedOperationException(); }
                    @Override public boolean markSent(long outboxId, java.time.Instant at) { throw new UnsupportedOperationException(); }
                    @Override public void appendTimeline(SrNumber number, List<TimelineEntry> e) { entries.addAll(e); }
                    @Override public void enqueue(List<OutboundMessage> out) { messages.addAll(out); }
                    @Override public void afterCommit(Runnable action) { action.run(); }
                });
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public <T> T read(TransactionWork<T> work) {
            return inTransaction(work);
        }
    }
}
