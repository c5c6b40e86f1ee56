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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 as an operator meets it: the distribution started without demo mode (its own process, as DistributionIT),
 * filled by the first administrator from a setup file, a customer given a one-time password who sets their own and
 * opens an SR with the right first-response target; an import with a wrong row writes nothing and names the row; the
 * same file twice changes nothing; an ended contract and a deactivated user.
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
