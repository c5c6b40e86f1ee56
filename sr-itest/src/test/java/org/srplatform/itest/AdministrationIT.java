package org.srplatform.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 as an operator meets it: the distribution started without demo mode (its own process, as DistributionIT),
 * filled by the first administrator from a setup file, a customer given a one-time password who sets their own and
 * opens an SR with the right first-response target; an import with a wrong row writes nothing and names the row; the
 * same file twice changes nothing; an ended contract and a deactivated user; two imports at once; products, categories
 * and offerings deactivated, and an offering's update cadence as casework applies it.
 */
class AdministrationIT {
    private static final Duration START = Duration.ofSeconds(90);
    private static final String ADMIN_PASSWORD = "the operator's own passphrase";

    /** A catalog and accounts: a 24x7 product whose gold offering promises a first response to S1 within an hour. */
    static final String SETUP = """
            {"format": "sr-platform-setup/1",
             "regions": [{"id": "EMEA", "name": "Europe, Middle East and Africa"}, {"id": "AMER", "name": "Americas"}],
             "products": [{"id": "server", "name": "Server", "supportHours": {"aroundTheClock": true},
                 "categories": [{"id": "performance", "name": "Performance", "description": "Slow responses, latency"}]}],
             "offerings": [{"id": "gold", "name": "Gold", "targets": {
                 "S1": {"within": "PT1H", "clock": "AROUND_THE_CLOCK"}, "S2": {"within": "PT4H", "clock": "SUPPORT_HOURS"},
                 "S3": {"within": "PT8H", "clock": "SUPPORT_HOURS"}, "S4": {"clock": "NEXT_BUSINESS_DAY"}}}],
             "accounts": [%s],
             "contacts": [{"login": "jane", "account": "7001", "name": "Jane Customer", "email": "jane@initech.example",
                 "preferred": "EMAIL", "language": "en"}]}
            """;
    static final String INITECH = """
            {"number": "7001", "name": "Initech", "customerNumber": "C7001", "region": "EMEA", "contracts": [
                {"id": "K-1", "product": "server", "offering": "gold", "validFrom": "2026-01-01", "validUntil": "2099-12-31"}]}""";

    @TempDir
    Path data;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anAdministratorFillsAnEmptyPlatformFromAFileAndACustomerOpensAnSrWithTheRightTarget() throws Exception {
        Http http = new Http(start());
        String admin = "admin:" + ADMIN_PASSWORD;

        Http.Answer imported = http.post("admin/import", admin, SETUP.formatted(INITECH));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(1, imported.json().get("created").get("accounts").asInt());
        assertEquals(1, imported.json().get("created").get("products").asInt());

        // The customer user, then a one-time password for them (handed over by the administrator).
        Http.Answer user = http.put("admin/users/jane", admin, "{\"displayName\": \"Jane Customer\", \"roles\": [\"CUSTOMER\"],"
                + " \"email\": \"jane@initech.example\", \"accounts\": [\"7001\"]}");
        assertEquals(200, user.status(), user.body());
        assertEquals(401, http.get("me", "jane:whatever it is").status(), "no password before the administrator gives one");
        Http.Answer otp = http.post("admin/users/jane/one-time-password", admin, "{}");
        assertEquals(200, otp.status(), otp.body());
        String oneTime = otp.json().get("password").asText();
        assertTrue(oneTime.length() >= 8, oneTime);

        Http.Answer opensNothing = http.get("products", "jane:" + oneTime);
        assertEquals(403, opensNothing.status(), "a one-time password opens only the password change");
        assertEquals(204, http.put("me/password", "jane:" + oneTime,
                "{\"currentPassword\": \"" + oneTime + "\", \"newPassword\": \"jane's own passphrase\"}").status());
        String jane = "jane:jane's own passphrase";
        assertEquals(401, http.get("me", "jane:" + oneTime).status(), "the one-time password is gone");
        Http.Answer me = http.get("me", jane);
        assertEquals(200, me.status(), me.body());
        assertEquals("7001", me.json().get("accounts").get(0).asText());

        Http.Answer sr = http.post("requests", jane, "{\"account\": \"7001\", \"product\": \"server\", \"category\":"
                + " \"performance\", \"severity\": 1, \"subject\": \"Server down\", \"description\": \"All hosts down\","
                + " \"contactMethod\": \"EMAIL\"}");
        assertEquals(201, sr.status(), sr.body());
        Instant created = Instant.parse(sr.json().get("createdAt").asText());
        assertEquals(created.plus(Duration.ofHours(1)), Instant.parse(sr.json().get("firstResponseDueAt").asText()),
                "gold's S1 target, counted around the clock on a 24x7 product");
        String number = sr.json().get("number").asText();

        // Every change is in the audit trail, by whom, in the order made; never a password.
        Http.Answer audit = http.get("admin/audit?actor=admin&limit=500", admin);
        assertEquals(200, audit.status(), audit.body());
        List<String> actions = new ArrayList<>();
        audit.json().get("items").forEach(e -> actions.add(e.get("action").asText()));
        assertTrue(actions.containsAll(List.of("user.one-time-password", "user.created", "account.created", "product.created",
                "offering.created", "region.created", "contact.created")), actions.toString());
        assertFalse(audit.body().contains(oneTime), "no password in the audit");
        assertTrue(http.get("admin/audit?actor=jane", admin).body().contains("user.password-changed"));

        // A contract that ends stops new SRs under it; its SRs stay readable.
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        Http.Answer ended = http.put("admin/accounts/7001/contracts/K-1", admin, "{\"product\": \"server\", \"offering\":"
                + " \"gold\", \"validFrom\": \"2026-01-01\", \"validUntil\": \"" + yesterday + "\"}");
        assertEquals(200, ended.status(), ended.body());
        Http.Answer refused = http.post("requests", jane, "{\"account\": \"7001\", \"product\": \"server\", \"category\":"
                + " \"performance\", \"severity\": 2, \"subject\": \"Again\", \"description\": \"x\", \"contactMethod\": \"EMAIL\"}");
        assertEquals(403, refused.status(), refused.body());
        assertEquals(200, http.get("requests/" + number, jane).status(), "the SR opened under it stays readable");

        // A deactivated user never signs in again, at once (a remembered sign-in is forgotten too).
        assertEquals(200, http.put("admin/users/jane", admin, "{\"displayName\": \"Jane Customer\", \"roles\": [\"CUSTOMER\"],"
                + " \"email\": \"jane@initech.example\", \"accounts\": [\"7001\"], \"active\": false}").status());
        assertEquals(401, http.get("me", jane).status(), "deactivated");
        assertEquals(200, http.get("requests/" + number, admin).status(), "their SR is kept");
        Http.Answer failures = http.get("admin/audit?action=signin.", admin);
        assertTrue(failures.body().contains("\"actor\":\"jane\""), failures.body());

        // A feature switch is audited as the administrator who made it.
        assertEquals(200, http.put("admin/features/suggestions", admin, "{\"enabled\": false}").status());
        assertEquals(200, http.put("admin/features/suggestions", admin, "{\"enabled\": true}").status());
        Http.Answer switched = http.get("admin/audit?action=feature.", admin);
        assertEquals(2, switched.json().get("items").size(), switched.body());
        switched.json().get("items").forEach(e -> assertEquals("admin", e.get("actor").asText(), switched.body()));
    }

    @Test
    void anImportWithOneWrongRowWritesNothingAndNamesTheRowAndTheSameFileTwiceChangesNothing() throws Exception {
        Http http = new Http(start());
        String admin = "admin:" + ADMIN_PASSWORD;
        int auditBefore = auditEntries(http, admin);

        String wrong = INITECH.replace("7001", "7002").replace("EMEA", "APJ"); // APJ is no region of the store or file
        Http.Answer refused = http.post("admin/import", admin, SETUP.formatted(INITECH + ", " + wrong));
        assertEquals(400, refused.status(), refused.body());
        JsonNode errors = refused.json().get("errors");
        assertEquals(1, errors.size(), refused.body());
        assertEquals("accounts[1].region", errors.get(0).get("field").asText());
        assertEquals(404, http.get("admin/accounts/7001", admin).status(), "the right rows were not written either");
        assertEquals(0, http.get("admin/products", admin).json().size());
        assertEquals(auditBefore, auditEntries(http, admin), "nothing written, nothing audited");

        String file = SETUP.formatted(INITECH);
        assertEquals(200, http.post("admin/import", admin, file).status());
        int afterFirst = auditEntries(http, admin);
        Http.Answer export = http.get("admin/export", admin);
        Http.Answer again = http.post("admin/import", admin, file);
        assertEquals(200, again.status(), again.body());
        again.json().get("created").forEach(n -> assertEquals(0, n.asInt(), again.body()));
        again.json().get("changed").forEach(n -> assertEquals(0, n.asInt(), again.body()));
        assertEquals(afterFirst, auditEntries(http, admin), "the second import wrote no audit entry");
        assertEquals(export.body(), http.get("admin/export", admin).body(), "the same state");
        // The export is itself such a file.
        Http.Answer roundTrip = http.post("admin/import", admin, export.body());
        assertEquals(200, roundTrip.status(), roundTrip.body());
        assertEquals(afterFirst, auditEntries(http, admin));
    }

    @Test
    void twoImportsAtOnceBothSucceedAndTheCatalogIsDeactivatedNotDeletedAndTheOfferingsCadenceCounts() throws Exception {
        Http http = new Http(start());
        String admin = "admin:" + ADMIN_PASSWORD;

        // Gold promises an update every 2 hours at severity 1 (casework's configured default is 4); casework's queues
        // and routing rules come with the document: severity 1 of the server goes to the storage queue.
        String catalog = SETUP.formatted(INITECH).replace("\"S4\": {\"clock\": \"NEXT_BUSINESS_DAY\"}}",
                "\"S4\": {\"clock\": \"NEXT_BUSINESS_DAY\"}}, \"updateCadence\": {\"S1\": \"PT2H\"}");
        String file = catalog.substring(0, catalog.lastIndexOf('}')) + ", \"queues\": [{\"id\": \"storage\", \"name\":"
                + " \"Storage\"}], \"routingRules\": [{\"product\": \"server\", \"severity\": 1, \"queue\": \"storage\"},"
                + " {\"queue\": \"general\"}]}";
        assertTrue(file.contains("updateCadence"), file);
        // The same file twice at once: one waits for the other, both succeed, and each entry is written once.
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Http.Answer> a = two.submit(() -> http.post("admin/import", admin, file));
            Future<Http.Answer> b = two.submit(() -> http.post("admin/import", admin, file));
            Http.Answer first = a.get(120, TimeUnit.SECONDS);
            Http.Answer second = b.get(120, TimeUnit.SECONDS);
            assertEquals(200, first.status(), first.body());
            assertEquals(200, second.status(), second.body());
            for (String section : List.of("regions", "products", "offerings", "accounts", "contacts", "queues")) {
                int created = first.json().get("created").get(section).asInt() + second.json().get("created").get(section).asInt();
                int changed = first.json().get("changed").get(section).asInt() + second.json().get("changed").get(section).asInt();
                assertEquals(section.equals("regions") ? 2 : 1, created, section);
                assertEquals(0, changed, section);
            }
            assertEquals(1, first.json().get("changed").get("routingRules").asInt()
                    + second.json().get("changed").get("routingRules").asInt(), "the rules replaced once");
        } finally {
            two.shutdownNow();
        }
        String exported = http.get("admin/export", admin).body();
        assertEquals("PT2H", http.get("admin/offerings", admin).json().get(0).get("updateCadence")
                .get("S1").asText());

        // The cadence reaches casework: an engineer's first response owes the next update within gold's 2 hours.
        String jane = person(http, admin, "jane", "{\"displayName\": \"Jane Customer\", \"roles\": [\"CUSTOMER\"],"
                + " \"accounts\": [\"7001\"]}");
        String erin = person(http, admin, "erin", "{\"displayName\": \"Erin Engineer\", \"roles\": [\"SUPPORT_ENGINEER\"]}");
        Http.Answer sr = http.post("requests", jane, "{\"account\": \"7001\", \"product\": \"server\", \"category\":"
                + " \"performance\", \"severity\": 1, \"subject\": \"Server down\", \"description\": \"All hosts down\","
                + " \"contactMethod\": \"EMAIL\"}");
        assertEquals(201, sr.status(), sr.body());
        String number = sr.json().get("number").asText();
        assertEquals("storage", http.get("requests/" + number, erin).json().get("queue").asText(), "routed by the imported rule");
        Http.Answer taken = http.post("requests/" + number + "/assignment", erin, "{\"engineer\": \"erin\"}");
        assertEquals(200, taken.status(), taken.body());
        Http.Answer answered = http.post("requests/" + number + "/responses", erin, "{\"channel\": \"EMAIL\","
                + " \"text\": \"We are on it.\"}");
        assertEquals(201, answered.status(), answered.body());
        assertEquals(Duration.ofHours(2), Duration.between(Instant.parse(answered.json().get("firstRespondedAt").asText()),
                Instant.parse(answered.json().get("nextUpdateDueAt").asText())), answered.body());

        // Deactivated, never deleted: by PUT with "active": false, as users are.
        Http.Answer product = http.put("admin/products/server", admin, "{\"name\": \"Server\", \"supportHours\":"
                + " {\"aroundTheClock\": true}, \"active\": false}");
        assertEquals(200, product.status(), product.body());
        assertEquals(200, http.put("admin/products/server/categories/performance", admin, "{\"name\": \"Performance\","
                + " \"description\": \"Slow responses, latency\", \"active\": false}").status());
        Http.Answer offering = http.put("admin/offerings/gold", admin, "{\"name\": \"Gold\", \"targets\": {\"S1\":"
                + " {\"within\": \"PT1H\", \"clock\": \"AROUND_THE_CLOCK\"}}, \"updateCadence\": {\"S1\": \"PT2H\"},"
                + " \"active\": false}");
        assertEquals(200, offering.status(), offering.body());
        JsonNode server = http.get("admin/products", admin).json().get(0);
        assertFalse(server.get("active").asBoolean(), server.toString());
        assertFalse(server.get("categories").get(0).get("active").asBoolean(), server.toString());
        assertFalse(http.get("admin/offerings", admin).json().get(0).get("active").asBoolean());
        List<String> actions = new ArrayList<>();
        http.get("admin/audit?action=offering.", admin).json().get("items").forEach(e -> actions.add(e.get("action").asText()));
        http.get("admin/audit?action=product.", admin).json().get("items").forEach(e -> actions.add(e.get("action").asText()));
        assertTrue(actions.containsAll(List.of("offering.deactivated", "product.deactivated")), actions.toString());

        // Nothing new under them; what names them stays readable and the export imports back unchanged.
        Http.Answer refused = http.put("admin/accounts/7001/contracts/K-2", admin, "{\"product\": \"server\","
                + " \"offering\": \"gold\", \"validFrom\": \"2026-01-01\", \"validUntil\": \"2099-12-31\"}");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("is a deactivated product: server"), refused.body());
        assertTrue(refused.body().contains("is a deactivated support offering: gold"), refused.body());
        assertEquals(200, http.get("requests/" + number, jane).status(), "the SR under them stays readable");
        assertTrue(http.get("requests?limit=50", jane).body().contains(number), "and listed");
        Http.Answer export = http.get("admin/export", admin);
        assertTrue(!export.body().equals(exported) && export.body().contains("\"active\" : false"), export.body());
        Http.Answer back = http.post("admin/import", admin, export.body());
        assertEquals(200, back.status(), back.body());
        back.json().get("created").forEach(n -> assertEquals(0, n.asInt(), back.body()));
        back.json().get("changed").forEach(n -> assertEquals(0, n.asInt(), back.body()));

        // Intake offers none of them for a new SR and says which is deactivated; the customer's catalog leaves them out.
        String another = "{\"account\": \"7001\", \"product\": \"server\", \"category\": \"performance\","
                + " \"severity\": 2, \"subject\": \"Again\", \"description\": \"x\", \"contactMethod\": \"EMAIL\"}";
        Http.Answer noProduct = http.post("requests", jane, another);
        assertEquals(400, noProduct.status(), noProduct.body());
        assertTrue(noProduct.body().contains("'server' is deactivated"), noProduct.body());
        assertEquals(0, http.get("products", jane).json().get("items").size(), "GET /products leaves it out");
        JsonNode shown = http.get("products/server", jane).json();
        assertFalse(shown.get("active").asBoolean(), shown.toString());
        assertEquals(0, shown.get("categories").size(), "its deactivated category is not offered");

        assertEquals(200, http.put("admin/products/server", admin, "{\"name\": \"Server\", \"supportHours\":"
                + " {\"aroundTheClock\": true}}").status());
        Http.Answer noCategory = http.post("requests", jane, another);
        assertEquals(400, noCategory.status(), noCategory.body());
        assertTrue(noCategory.body().contains("'performance' of server is deactivated"), noCategory.body());
        assertEquals(1, http.get("products", jane).json().get("items").size(), "listed again");

        assertEquals(200, http.put("admin/products/server/categories/performance", admin, "{\"name\": \"Performance\","
                + " \"description\": \"Slow responses, latency\"}").status());
        Http.Answer noOffering = http.post("requests", jane, another);
        assertEquals(409, noOffering.status(), noOffering.body());
        assertTrue(noOffering.body().contains("support offering 'gold', which is deactivated"), noOffering.body());

        assertEquals(200, http.put("admin/offerings/gold", admin, "{\"name\": \"Gold\", \"targets\": {\"S1\":"
                + " {\"within\": \"PT1H\", \"clock\": \"AROUND_THE_CLOCK\"}}}").status());
        Http.Answer opened = http.post("requests", jane, another);
        assertEquals(201, opened.status(), opened.body());
    }

    /** A user the administrator creates, given a one-time password they replace: their credentials. */
    private static String person(Http http, String admin, String login, String profile) {
        Http.Answer user = http.put("admin/users/" + login, admin, profile);
        assertEquals(200, user.status(), user.body());
        String oneTime = http.post("admin/users/" + login + "/one-time-password", admin, "{}").json().get("password").asText();
        String password = login + "'s own passphrase";
        assertEquals(204, http.put("me/password", login + ":" + oneTime, "{\"currentPassword\": \"" + oneTime
                + "\", \"newPassword\": \"" + password + "\"}").status());
        return login + ":" + password;
    }

    private static int auditEntries(Http http, String admin) {
        Http.Answer a = http.get("admin/audit?limit=500", admin);
        assertEquals(200, a.status(), a.body());
        return a.json().get("items").size();
    }

    /** Starts without demo mode and signs the first administrator in with a password of their own. */
    private int start() throws Exception {
        int port = TestPlatform.freePort();
        List<String> command = List.of(TestPlatform.distribution().resolve("bin/sr-platform").toString(), "--port",
                Integer.toString(port), "--data", data.toString(), "--no-console");
        Path console = data.resolveSibling(data.getFileName() + "-console.log");
        started.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start());
        Http http = new Http(port);
        assertEquals(200, http.await("health", null, 200, START).status(), log(console));
        Path passwordFile = data.resolve("admin-password.txt");
        long deadline = System.nanoTime() + START.toNanos();
        while (!Files.exists(passwordFile) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String password = Files.readString(passwordFile).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .reduce((a, b) -> b).orElseThrow().trim();
        assertEquals(401, http.await("products", "customer1", 401, START).status(), "no demo data outside demo mode");
        assertEquals(403, http.await("admin/features", "admin:" + password, 403, START).status());
        assertEquals(204, http.put("me/password", "admin:" + password,
                "{\"currentPassword\":\"" + password + "\",\"newPassword\":\"" + ADMIN_PASSWORD + "\"}").status());
        Http.Answer empty = http.await("admin/products", "admin:" + ADMIN_PASSWORD, 200, START);
        assertEquals(200, empty.status(), empty.body());
        assertEquals(0, empty.json().size(), "an empty platform");
        return port;
    }

    private static String log(Path console) throws IOException {
        return Files.exists(console) ? Files.readString(console) : "(no console output)";
    }
}
