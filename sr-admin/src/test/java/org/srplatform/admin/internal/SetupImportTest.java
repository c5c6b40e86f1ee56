package org.srplatform.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.Severity;
import org.srplatform.api.security.Role;
import org.srplatform.spi.admin.ImportResult;
import org.srplatform.spi.audit.AuditEntry;
import org.srplatform.spi.audit.AuditQuery;
import org.srplatform.spi.security.NewUser;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.SchemaMigrations;
import org.srplatform.store.internal.db.StoreSettings;
import org.srplatform.store.internal.request.StoreTransactions;
import org.srplatform.store.internal.security.JdbcUserDirectory;

/** The import on the real store (Derby): checks before writing, idempotency, merging, the audit of each change. */
class SetupImportTest {
    @TempDir
    Path dir;
    private DerbyDatabase db;
    private Transactions transactions;
    private JdbcCatalogRepository catalog;
    private JdbcAccountRepository accounts;
    private JdbcUserDirectory users;
    private JdbcAuditTrail audit;
    private SetupImport setup;

    static final String CATALOG = """
            {"format": "sr-platform-setup/1",
             "regions": [{"id": "EMEA", "name": "Europe"}, {"id": "APJ", "name": "Asia Pacific"}],
             "products": [{"id": "server", "name": "Server", "supportHours": {"aroundTheClock": true},
                           "categories": [{"id": "performance", "name": "Performance", "description": "Slow things"}]},
                          {"id": "desktop", "name": "Desktop", "supportHours": {"zone": "Europe/Berlin",
                             "windows": [{"day": "MONDAY", "from": "08:00", "to": "17:00"}], "holidays": ["2026-12-25"]},
                           "categories": [{"id": "install", "name": "Installation", "description": "Installing"}]}],
             "offerings": [{"id": "gold", "name": "Gold", "targets": {"S1": {"within": "PT1H", "clock": "AROUND_THE_CLOCK"},
                            "S2": {"within": "PT4H", "clock": "SUPPORT_HOURS"}, "S3": {"clock": "NEXT_BUSINESS_DAY"}}}],
             "accounts": [%s],
             "contacts": [{"login": "pat", "account": "5001", "name": "Pat", "email": "pat@example.com", "language": "de"}],
             "users": [{"login": "pat", "displayName": "Pat Customer", "roles": ["CUSTOMER"], "accounts": ["5001"]}]}
            """;
    static final String ACCOUNT_5001 = """
            {"number": "5001", "name": "Initech", "customerNumber": "C5001", "region": "EMEA",
             "contracts": [{"id": "K-1", "product": "server", "offering": "gold", "validFrom": "2026-01-01", "validUntil": "2027-12-31"}]}""";

    @BeforeEach
    void open() throws IOException {
        db = new DerbyDatabase(StoreSettings.in(dir));
        SchemaMigrations.Script schema = script("V1__administration.sql");
        db.read(c -> new SchemaMigrations(db.dialect()).migrate(c, "org.srplatform.admin", "test", List.of(schema)));
        transactions = new StoreTransactions(db, Clock.systemUTC(), () -> null);
        catalog = new JdbcCatalogRepository(db);
        accounts = new JdbcAccountRepository(db);
        users = new JdbcUserDirectory(db, 1_000, Clock.systemUTC());
        audit = new JdbcAuditTrail(transactions);
        setup = new SetupImport(transactions, catalog, accounts, users, audit);
        users.create(new NewUser("admin", "Administrator", Set.of(Role.ADMINISTRATOR), Optional.empty(), Optional.empty(),
                Set.of(), false), "a good password".toCharArray());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static SchemaMigrations.Script script(String name) throws IOException {
        try (InputStream in = SetupImportTest.class.getResourceAsStream("/schema/" + name)) {
            return SchemaMigrations.Script.of(name, in.readAllBytes());
        }
    }

    private ImportResult importing(String json) {
        return setup.importSetup(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "admin");
    }

    private List<AuditEntry> auditEntries() {
        return audit.entries(AuditQuery.all(), new PageRequest(500, Optional.empty())).items();
    }

    @Test
    void aCatalogAndAccountsImportWithOneAuditEntryPerEntity() {
        ImportResult r = importing(CATALOG.formatted(ACCOUNT_5001));
        assertEquals(Map.of("regions", 2, "products", 2, "offerings", 1, "accounts", 1, "contacts", 1, "users", 1,
                "queues", 0, "routingRules", 0),
                r.created());
        Account stored = accounts.account("5001").orElseThrow();
        assertEquals("EMEA", stored.region());
        assertEquals(List.of("K-1"), stored.contracts().stream().map(SupportContract::id).toList());
        assertEquals(Optional.of("de"), accounts.contacts("5001").stream().map(c -> c.language()).findFirst());
        assertEquals(3, accounts.offering("gold").orElseThrow().targets().size());
        assertTrue(accounts.offering("gold").orElseThrow().target(Severity.S4).isEmpty());
        assertFalse(catalog.product("desktop").orElseThrow().supportHours().aroundTheClock());
        assertTrue(users.stored("pat").orElseThrow().user().mustChangePassword(), "no password until one is given");
        List<AuditEntry> entries = auditEntries();
        assertEquals(8, entries.size());
        assertTrue(entries.stream().allMatch(e -> e.change().actor().equals("admin")));
        assertTrue(entries.stream().anyMatch(e -> e.change().action().equals("account.created")
                && e.change().target().equals("account:5001") && e.change().before().isEmpty()
                && e.change().after().orElseThrow().contains("\"customerNumber\":\"C5001\"")));
        assertTrue(entries.stream().noneMatch(e -> e.change().after().orElse("").contains("password")));
    }

    @Test
    void theSameFileTwiceChangesNothingAndWritesNoAuditEntry() {
        String file = CATALOG.formatted(ACCOUNT_5001);
        importing(file);
        int entries = auditEntries().size();
        ImportResult second = importing(file);
        assertFalse(second.wroteAnything(), second.toString());
        assertEquals(Map.of("regions", 2, "products", 2, "offerings", 1, "accounts", 1, "contacts", 1, "users", 1,
                "queues", 0, "routingRules", 0),
                second.unchanged());
        assertEquals(entries, auditEntries().size());
    }

    @Test
    void oneWrongRowWritesNothingAndEveryWrongRowIsNamedByItsPlace() {
        String wrongRegion = ACCOUNT_5001.replace("\"5001\"", "\"5002\"").replace("C5001", "C5002").replace("EMEA", "MARS");
        String wrongProduct = ACCOUNT_5001.replace("\"5001\"", "\"5003\"").replace("C5001", "C5003")
                .replace("\"server\"", "\"toaster\"");
        ValidationException e = assertThrows(ValidationException.class,
                () -> importing(CATALOG.formatted(ACCOUNT_5001 + "," + wrongRegion + "," + wrongProduct)));
        assertEquals(List.of(FieldError.of("accounts[1].region", "is no region of the store or this document: MARS"),
                FieldError.of("accounts[2].contracts[0].product", "is no product of the store or this document: toaster")),
                e.errors());
        assertTrue(catalog.products().isEmpty(), "nothing written");
        assertTrue(accounts.account("5001").isEmpty());
        assertTrue(users.stored("pat").isEmpty());
        assertEquals(List.of(), auditEntries());
    }

    @Test
    void malformedValuesAreNamedWithTheirPlaceToo() {
        String doc = """
                {"regions": [{"id": "EMEA"}],
                 "accounts": [{"number": "1", "name": "A", "customerNumber": "C1", "region": "EMEA", "contracts": [
                     {"product": "p", "offering": "o", "validFrom": "2026-02-30", "validUntil": "2026-01-01"}]},
                   {"number": "2", "name": "B", "customerNumber": "C1", "region": "EMEA", "colour": "red"}],
                 "users": [{"login": "x", "displayName": "X", "roles": ["WIZARD"]},
                           {"login": "y", "displayName": "Y", "roles": ["REGIONAL_ESCALATION_MANAGER"]}],
                 "contacts": [{"login": "c", "account": "1", "name": "C", "email": "nope", "preferred": "PHONE"}]}
                """;
        ValidationException e = assertThrows(ValidationException.class, () -> importing(doc));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("accounts[0].contracts[0].validFrom", "accounts[1].colour", "contacts[0].email",
                "contacts[0].phone", "users[0].roles[0]", "users[1].region"), fields.stream().sorted().toList(), e.errors().toString());
    }

    @Test
    void categoriesAndContractsTheFileLeavesOutAreKept() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        String fewer = CATALOG.formatted(ACCOUNT_5001.replace("\"K-1\"", "\"K-2\""))
                .replace("\"id\": \"performance\", \"name\": \"Performance\"", "\"id\": \"latency\", \"name\": \"Latency\"");
        importing(fewer);
        assertEquals(List.of("K-2", "K-1"), accounts.account("5001").orElseThrow().contracts().stream()
                .map(SupportContract::id).toList());
        assertEquals(List.of("latency", "performance"), catalog.product("server").orElseThrow().categories().stream()
                .map(c -> c.id()).toList());
    }

    @Test
    void endingAContractIsAChangeOfItsLastDayAndIsAudited() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        importing(CATALOG.formatted(ACCOUNT_5001.replace("2027-12-31", "2026-06-30")));
        SupportContract k1 = accounts.account("5001").orElseThrow().contracts().get(0);
        assertEquals(LocalDate.of(2026, 6, 30), k1.validUntil());
        assertFalse(k1.entitles("server", LocalDate.of(2026, 7, 1)));
        AuditEntry last = auditEntries().get(0);
        assertEquals("account.changed", last.change().action());
        assertTrue(last.change().before().orElseThrow().contains("2027-12-31"));
        assertTrue(last.change().after().orElseThrow().contains("2026-06-30"));
    }

    @Test
    void deactivatingAUserIsAuditedAndTheLastAdministratorCannotBeDeactivated() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        importing("{\"users\": [{\"login\": \"pat\", \"displayName\": \"Pat Customer\", \"roles\": [\"CUSTOMER\"],"
                + " \"accounts\": [\"5001\"], \"active\": false}]}");
        assertFalse(users.stored("pat").orElseThrow().active());
        assertEquals("user.deactivated", auditEntries().get(0).change().action());
        ValidationException e = assertThrows(ValidationException.class, () -> importing(
                "{\"users\": [{\"login\": \"admin\", \"displayName\": \"Administrator\", \"roles\": [\"ADMINISTRATOR\"],"
                        + " \"active\": false}]}"));
        assertEquals(List.of(FieldError.of("users[0].active", "would leave no active administrator")), e.errors());
    }

    @Test
    void aCustomerNumberOfAnotherAccountIsRefused() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        ValidationException e = assertThrows(ValidationException.class, () -> importing("{\"accounts\": ["
                + ACCOUNT_5001.replace("\"5001\"", "\"6001\"") + "]}"));
        assertEquals(List.of(FieldError.of("accounts[0].customerNumber", "is the customer number of account 5001")),
                e.errors());
    }

    @Test
    void notJsonIsOneErrorWithItsLine() {
        ValidationException e = assertThrows(ValidationException.class, () -> importing("{\n \"regions\": [}"));
        assertEquals("$", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("line 2"), e.errors().get(0).message());
    }

    @Test
    void theExportImportsBackUnchanged() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        setup.exportSetup(out);
        String exported = out.toString(StandardCharsets.UTF_8);
        assertFalse(exported.toLowerCase().contains("password"), "no passwords in an export");
        assertFalse(importing(exported).wroteAnything());
    }

    /** The demo's data is such a file (sr-demo); it imports, and a second demo start writes nothing. */
    @Test
    void theDemoSetupImportsCleanlyAndTwiceWritesNothing() throws IOException {
        String demo = Files.readString(Path.of("../sr-demo/src/main/resources/org/srplatform/demo/internal/demo-setup.json"));
        ImportResult first = importing(demo);
        assertEquals(7, first.created().get("users"));
        assertEquals(3, catalog.products().size());
        for (var p : catalog.products()) {
            assertTrue(p.categories().size() >= 3, p.id());
        }
        accounts.offerings().forEach(o -> assertEquals(4, o.targets().size(), o.id()));
        assertFalse(importing(demo).wroteAnything());
    }

    @Test
    void thePublishedSchemaNamesEverySection() throws IOException {
        String schema;
        try (InputStream in = SetupImportTest.class.getResourceAsStream("/setup.schema.json")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NullPointerException e) {
            throw new UncheckedIOException(new IOException("setup.schema.json is not on the class path"));
        }
        for (String section : SetupJson.SECTIONS) {
            assertTrue(schema.contains("\"" + section + "\": {\"type\": \"array\""), section);
        }
        assertTrue(schema.contains(Setup.FORMAT));
    }

    // ---------------------------------------------------------------- deactivation, update cadences

    @Test
    void productsCategoriesAndOfferingsAreDeactivatedNeverDeletedAndTheExportImportsBack() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        Administration admin = administration();
        admin.put("products", "id", "server", json("{\"name\": \"Server\", \"supportHours\": {\"aroundTheClock\": true},"
                + " \"active\": false}"), ADMIN);
        admin.putCategory("server", "performance", json("{\"name\": \"Performance\", \"description\": \"Slow things\","
                + " \"active\": false}"), ADMIN);
        admin.put("offerings", "id", "gold", json("{\"name\": \"Gold\", \"targets\": {\"S1\": {\"within\": \"PT1H\","
                + " \"clock\": \"AROUND_THE_CLOCK\"}}, \"active\": false}"), ADMIN);
        assertFalse(catalog.productActive("server"));
        assertFalse(catalog.categoryActive("server", "performance"));
        assertFalse(catalog.offeringActive("gold"));
        assertTrue(catalog.productActive("desktop"));
        assertEquals(List.of("performance"), catalog.product("server").orElseThrow().categories().stream()
                .map(c -> c.id()).toList(), "kept: SRs name it");
        assertTrue(accounts.offering("gold").isPresent());
        List<String> actions = auditEntries().stream().map(e -> e.change().action()).toList();
        assertEquals(List.of("offering.deactivated", "product.changed", "product.deactivated"), actions.subList(0, 3));
        assertTrue(auditEntries().get(1).change().after().orElseThrow().contains("\"active\":false"));

        // The export holds the flags and imports back unchanged, with the contract that names them.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        setup.exportSetup(out);
        String exported = out.toString(StandardCharsets.UTF_8);
        assertFalse(importing(exported).wroteAnything(), exported);
        var products = json(exported).get("products");
        assertFalse(products.get(1).get("active").asBoolean(), products.toString()); // ordered by name: Desktop, Server
        assertFalse(products.get(1).get("categories").get(0).get("active").asBoolean());
        assertFalse(json(exported).get("offerings").get(0).get("active").asBoolean());

        // Nothing new under them: a new contract naming them is refused, by name.
        ValidationException e = assertThrows(ValidationException.class, () -> importing("{\"accounts\": ["
                + ACCOUNT_5001.replace("}]}", "}, {\"id\": \"K-2\", \"product\": \"server\", \"offering\": \"gold\","
                        + " \"validFrom\": \"2026-01-01\", \"validUntil\": \"2027-12-31\"}]}") + "]}"));
        assertEquals(List.of(FieldError.of("accounts[0].contracts[1].product", "is a deactivated product: server"),
                FieldError.of("accounts[0].contracts[1].offering", "is a deactivated support offering: gold")), e.errors());

        // Activated again by the document (active is true unless it says otherwise).
        admin.put("products", "id", "server", json("{\"name\": \"Server\", \"supportHours\": {\"aroundTheClock\": true}}"),
                ADMIN);
        assertTrue(catalog.productActive("server"));
        assertFalse(catalog.categoryActive("server", "performance"), "a category the body leaves out keeps its state");
        assertEquals("product.activated", auditEntries().get(0).change().action());
    }

    @Test
    void anOfferingsUpdateCadenceRoundTripsAndLeftOutMeansTheDefault() {
        String withCadence = CATALOG.formatted(ACCOUNT_5001).replace("\"S3\": {\"clock\": \"NEXT_BUSINESS_DAY\"}}",
                "\"S3\": {\"clock\": \"NEXT_BUSINESS_DAY\"}}, \"updateCadence\": {\"S1\": \"PT2H\", \"S2\": \"PT6H\"}");
        assertTrue(withCadence.contains("updateCadence"));
        importing(withCadence);
        assertEquals(Optional.of(java.time.Duration.ofHours(2)), catalog.updateCadence("gold").every(Severity.S1));
        assertEquals(Optional.empty(), catalog.updateCadence("gold").every(Severity.S4), "casework's default");
        assertFalse(importing(withCadence).wroteAnything());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        setup.exportSetup(out);
        assertEquals("PT6H", json(out.toString(StandardCharsets.UTF_8)).get("offerings").get(0).get("updateCadence")
                .get("S2").asText());

        importing(CATALOG.formatted(ACCOUNT_5001));
        assertTrue(catalog.updateCadence("gold").isEmpty(), "the document's offering has none: the default again");
        assertEquals("offering.changed", auditEntries().get(0).change().action());

        ValidationException e = assertThrows(ValidationException.class, () -> importing("{\"offerings\": [{\"id\": \"x\","
                + " \"name\": \"X\", \"targets\": {\"S1\": {\"within\": \"PT1H\", \"clock\": \"AROUND_THE_CLOCK\"}},"
                + " \"updateCadence\": {\"S5\": \"PT1H\", \"S1\": \"PT0S\", \"S2\": \"soon\"}}]}"));
        assertEquals(List.of("offerings[0].updateCadence.S1", "offerings[0].updateCadence.S2",
                "offerings[0].updateCadence.S5"), e.errors().stream().map(FieldError::field).sorted().toList());
    }

    @Test
    void aDeactivatedRegionKeepsWhatItHasAndTakesNothingNew() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        importing("{\"regions\": [{\"id\": \"EMEA\", \"name\": \"Europe\", \"active\": false}]}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        setup.exportSetup(out);
        assertFalse(importing(out.toString(StandardCharsets.UTF_8)).wroteAnything(), "account 5001 stays in EMEA");
        ValidationException e = assertThrows(ValidationException.class, () -> importing("{\"accounts\": ["
                + ACCOUNT_5001.replace("\"5001\"", "\"5002\"").replace("C5001", "C5002") + "]}"));
        assertEquals(List.of(FieldError.of("accounts[0].region", "is a deactivated region: EMEA")), e.errors());
    }

    // ---------------------------------------------------------------- queues and routing rules (casework's)

    /** Casework's queues and rules as its SPI keeps them, in memory: the general queue and a rule for everything. */
    private static final class MemoryQueues implements org.srplatform.spi.admin.QueueSetup {
        final Map<String, Queue> queues = new java.util.TreeMap<>(Map.of("general", new Queue("general", "General", true)));
        List<RoutingRule> rules = List.of(new RoutingRule(Optional.empty(), Optional.empty(), Optional.empty(), "general"));

        @Override
        public List<Queue> queues() {
            return List.copyOf(queues.values());
        }

        @Override
        public List<RoutingRule> routingRules() {
            return rules;
        }

        @Override
        public List<FieldError> check(List<Queue> given, Optional<List<RoutingRule>> replacing) {
            Map<String, Queue> after = new java.util.HashMap<>(queues);
            given.forEach(q -> after.put(q.id(), q));
            List<FieldError> errors = new java.util.ArrayList<>();
            List<RoutingRule> list = replacing.orElse(List.of());
            for (int i = 0; i < list.size(); i++) {
                Queue q = after.get(list.get(i).queue());
                if (q == null || !q.active()) {
                    errors.add(FieldError.of("routingRules[" + i + "].queue", "names no active queue"));
                }
            }
            return errors;
        }

        @Override
        public void save(org.srplatform.spi.store.Transaction tx, List<Queue> given, Optional<List<RoutingRule>> replacing) {
            given.forEach(q -> queues.put(q.id(), q));
            replacing.ifPresent(r -> rules = List.copyOf(r));
        }
    }

    private static final String QUEUES = """
            {"queues": [{"id": "storage", "name": "Storage"}, {"id": "general", "name": "General", "active": true}],
             "routingRules": [{"product": "server", "severity": 1, "region": "EMEA", "queue": "storage"},
                              {"queue": "general"}]}""";

    @Test
    void queuesAndRoutingRulesImportThroughCaseworkAndTheExportHoldsThem() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        MemoryQueues casework = new MemoryQueues();
        setup.queues(casework);
        ImportResult r = importing(QUEUES);
        assertEquals(1, r.created().get("queues"), r.toString());
        assertEquals(1, r.unchanged().get("queues"), r.toString());
        assertEquals(1, r.changed().get("routingRules"), r.toString());
        assertEquals("storage", casework.rules.get(0).queue());
        assertEquals(Optional.of(1), casework.rules.get(0).severity());
        assertEquals(List.of("routing-rules.changed", "queue.created"), auditEntries().subList(0, 2).stream()
                .map(e -> e.change().action()).toList());
        assertFalse(importing(QUEUES).wroteAnything());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        setup.exportSetup(out);
        var exported = json(out.toString(StandardCharsets.UTF_8));
        assertEquals(2, exported.get("queues").size());
        assertEquals("EMEA", exported.get("routingRules").get(0).get("region").asText());
        assertFalse(importing(out.toString(StandardCharsets.UTF_8)).wroteAnything());
        importing("{\"queues\": [{\"id\": \"storage\", \"name\": \"Storage\", \"active\": false}], \"routingRules\": []}");
        assertFalse(casework.queues.get("storage").active());
        assertEquals(List.of(), casework.rules, "an empty section removes every rule");
        assertEquals("queue.deactivated", auditEntries().get(1).change().action());
    }

    @Test
    void queueErrorsNameTheirPlaceAndWithoutCaseworkTheDocumentCannotNameQueues() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        ValidationException none = assertThrows(ValidationException.class, () -> importing(QUEUES));
        assertEquals(List.of("queues"), none.errors().stream().map(FieldError::field).toList(), none.errors().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        setup.exportSetup(out);
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("routingRules"), "without casework, no queues");

        setup.queues(new MemoryQueues());
        ValidationException e = assertThrows(ValidationException.class, () -> importing("""
                {"queues": [{"id": "storage"}, {"id": "x", "name": "X"}, {"id": "x", "name": "X again"}],
                 "routingRules": [{"queue": "general", "severity": 7}, {"product": "toaster", "queue": "nowhere"}]}"""));
        assertEquals(List.of(
                FieldError.of("queues[0].name", "is required"),
                FieldError.of("queues[2].id", "names another entry of queues too: x"),
                FieldError.of("routingRules[0].severity", "must be 1, 2, 3 or 4"),
                FieldError.of("routingRules[1].product", "is no product of the store or this document: toaster"),
                FieldError.of("routingRules[1].queue", "names no active queue")),
                e.errors().stream().sorted(java.util.Comparator.comparing(FieldError::field)).toList());
    }

    // ---------------------------------------------------------------- one entry at a time, one-time passwords

    private static final org.srplatform.api.security.User ADMIN = new org.srplatform.api.security.User("admin",
            "Administrator", Set.of(Role.ADMINISTRATOR), Optional.empty(), Optional.empty(), Set.of(), false);

    private Administration administration() {
        return new Administration(setup, transactions, users, catalog, accounts, audit);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return SetupJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anEntryPutAloneIsCheckedAndItsErrorsNameItsOwnFields() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        Administration admin = administration();
        ValidationException e = assertThrows(ValidationException.class, () -> admin.put("accounts", "number", "5002",
                json("{\"name\": \"Hooli\", \"customerNumber\": \"C5002\", \"region\": \"MARS\"}"), ADMIN));
        assertEquals(List.of(FieldError.of("region", "is no region of the store or this document: MARS")), e.errors());
        assertThrows(ValidationException.class, () -> admin.put("accounts", "number", "5002",
                json("{\"number\": \"9999\"}"), ADMIN), "the key is the path's");
        admin.put("accounts", "number", "5002", json("{\"name\": \"Hooli\", \"customerNumber\": \"C5002\","
                + " \"region\": \"APJ\"}"), ADMIN);
        assertEquals("APJ", accounts.account("5002").orElseThrow().region());
    }

    @Test
    void aContractIsEndedAloneAndTheOtherContractsAreKept() {
        importing(CATALOG.formatted(ACCOUNT_5001.replace("}]}", "}, {\"id\": \"K-9\", \"product\": \"desktop\","
                + " \"offering\": \"gold\", \"validFrom\": \"2026-01-01\", \"validUntil\": \"2027-12-31\"}]}")));
        administration().putContract("5001", "K-1", json("{\"product\": \"server\", \"offering\": \"gold\","
                + " \"validFrom\": \"2026-01-01\", \"validUntil\": \"2026-03-31\"}"), ADMIN);
        List<SupportContract> contracts = accounts.account("5001").orElseThrow().contracts();
        assertEquals(List.of("K-1", "K-9"), contracts.stream().map(SupportContract::id).toList());
        assertEquals(LocalDate.of(2026, 3, 31), contracts.get(0).validUntil());
        assertEquals(LocalDate.of(2027, 12, 31), contracts.get(1).validUntil());
    }

    @Test
    void aOneTimePasswordOpensOnlyItsChangeAndIsAuditedWithoutThePassword() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        String password = administration().oneTimePassword("pat", Optional.empty(), ADMIN);
        assertTrue(password.length() >= 20, password);
        assertTrue(users.authenticate("pat", password.toCharArray()).orElseThrow().mustChangePassword());
        AuditEntry entry = auditEntries().get(0);
        assertEquals("user.one-time-password", entry.change().action());
        assertEquals("user:pat", entry.change().target());
        assertFalse(entry.toString().contains(password));
        assertThrows(ValidationException.class, () -> administration().oneTimePassword("pat", Optional.of("short"), ADMIN),
                "the password rule holds");
        assertThrows(org.srplatform.api.common.NotFoundException.class,
                () -> administration().oneTimePassword("nobody", Optional.empty(), ADMIN));
    }

    @Test
    void theAuditTrailIsFilteredByActorActionAndTime() {
        importing(CATALOG.formatted(ACCOUNT_5001));
        audit.record(org.srplatform.spi.audit.AuditChange.of("jane", "signin.failed", "user:jane", null, "{}"));
        var page = new PageRequest(500, Optional.empty());
        assertEquals(1, audit.entries(new AuditQuery(Optional.of("jane"), Optional.empty(), Optional.empty(),
                Optional.empty()), page).items().size());
        assertEquals(1, audit.entries(new AuditQuery(Optional.empty(), Optional.of("account."), Optional.empty(),
                Optional.empty()), page).items().size());
        assertEquals(0, audit.entries(new AuditQuery(Optional.empty(), Optional.empty(),
                Optional.of(java.time.Instant.now().plusSeconds(60)), Optional.empty()), page).items().size());
        var first = audit.entries(AuditQuery.all(), new PageRequest(5, Optional.empty()));
        var second = audit.entries(AuditQuery.all(), new PageRequest(5, first.next()));
        assertEquals(9, first.items().size() + second.items().size());
        assertTrue(first.items().get(4).id() > second.items().get(0).id(), "newest first, across pages");
    }
}
