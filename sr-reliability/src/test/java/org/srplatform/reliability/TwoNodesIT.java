package org.srplatform.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Two platform nodes on one PostgreSQL database, as behind a load balancer: two copies of the distribution on their
 * own ports and data folders, sharing nothing but the database, the attachments' folder and the mail server (a
 * GreenMail SMTP server both send to, which counts what really leaves).
 * <ul>
 * <li>SRs opened on both nodes at once get unique numbers, each readable whole through the other node;</li>
 * <li>each confirmation reaches the mail server exactly once (the outbox's claims with a lease);</li>
 * <li>node A, which holds the scheduled jobs' leases, is killed with SIGKILL under intake load: every SR either node
 * acknowledged is there, whole, through node B; the POSTs the kill cut off, sent again to B with their
 * {@code Idempotency-Key}, give one SR each; every confirmation arrives (a message A sent but could not record may
 * be sent again by B, with the same Message-ID); the jobs' leases run out and B takes them: an SR whose
 * first-response target passes after the kill gets its at-risk and missed-target entries from B's SLA watch.</li>
 * </ul>
 * PostgreSQL is the test one of {@code .ci/run} ({@link FreshPostgres}); without it the test is skipped and says why.
 */
class TwoNodesIT {
    private static final List<String> JOBS = List.of("casework.target-watch", "escalation.watch");
    /** The SLA watches' interval on both nodes: their leases last 30 s (at least), renewed every pass. */
    private static final int WATCH_SECONDS = 2;
    /** The first-response target of the SR opened just before the kill: it passes after it. */
    private static final Duration FAST_TARGET = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void twoNodesShareTheWorkAndTheSurvivorTakesOverWhenOneIsKilled() throws Exception {
        long start = System.nanoTime();
        Random random = new Random(Settings.seed());
        int clients = Math.max(1, Settings.clients() / 2); // per node
        long loadMillis = Math.max(1500, Math.round(Settings.loadSeconds() * 1000));
        Path shared = Files.createTempDirectory("sr-reliability-two-nodes-attachments-");
        int smtpPort = Platform.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (FreshPostgres pg = postgres();
                Platform a = node("node-a", pg, smtpPort, shared);
                Platform b = node("node-b", pg, smtpPort, shared)) {
            smtp.start();
            a.start();
            step(start, "a started");
            // A alone on the database: it takes both jobs.
            Map<String, String> before = awaitHolders(pg, h -> h.keySet().containsAll(JOBS));
            String nodeA = before.get(JOBS.get(0));
            assertEquals(nodeA, before.get(JOBS.get(1)), "node A holds every job: " + before);
            // An offering whose first-response target is seconds, for the SR opened before the kill. Set up before B
            // starts: each node caches reference data and is not told of another's changes.
            Api.Answer setup = a.api().send("POST", "admin/import", "admin1", "application/json", FAST_SETUP.getBytes(
                    StandardCharsets.UTF_8), null);
            assertEquals(200, setup.status(), "the fast offering imported: " + setup);
            b.start();
            step(start, "b started");

            // 1. Both nodes take intake at once.
            IntakeLoad onA = new IntakeLoad(a.api(), clients, random.nextLong(), "two-a", true).start();
            IntakeLoad onB = new IntakeLoad(b.api(), clients, random.nextLong(), "two-b", true).start();
            Platform.sleep(loadMillis);
            onA.stop();
            onB.stop();
            Problems.none(onA.wrong(), "intake on node A while B takes intake too");
            Problems.none(onB.wrong(), "intake on node B while A takes intake too");
            assertTrue(!onA.sent().isEmpty() && !onB.sent().isEmpty(), "both nodes made SRs: " + onA.sent().size()
                    + " on A, " + onB.sent().size() + " on B");
            Problems.none(duplicateNumbers(List.of(onA.sent(), onB.sent())), "SR numbers given by both nodes at once");
            // Each node reads the other's SRs whole (files in the shared folder), and their confirmations are handled.
            Ledger.Result readOnB = new Ledger(b.api()).check(onA.sent(), List.of(), WAIT);
            Problems.none(readOnB.problems(), "node A's SRs read through node B");
            Ledger.Result readOnA = new Ledger(a.api()).check(onB.sent(), List.of(), WAIT);
            Problems.none(readOnA.problems(), "node B's SRs read through node A");
            step(start, "phase 1 ledgers");
            Set<String> phase1 = numbers(onA.sent(), onB.sent());
            Map<String, Set<String>> mail = awaitConfirmations(smtp, b.api(), phase1);
            List<String> twice = new ArrayList<>();
            Map<String, Integer> copies = confirmationCopies(smtp);
            for (String n : phase1) {
                if (copies.getOrDefault(n, 0) != 1) {
                    twice.add("SR " + n + ": its confirmation reached the mail server " + copies.getOrDefault(n, 0)
                            + " times (Message-IDs " + mail.get(n) + ")");
                }
            }
            Problems.none(twice, "each confirmation sent exactly once while both nodes run");
            step(start, "phase 1 mail");
            Map<String, String> stillA = holders(pg);
            for (String job : JOBS) {
                assertEquals(nodeA, stillA.get(job), "while A lives, B does not take its job " + job + ": " + stillA);
            }

            // 2. A is killed under load on both nodes, just after an SR whose target passes after the kill.
            IntakeLoad killA = new IntakeLoad(a.api(), clients, random.nextLong(), "two-a-kill", true).start();
            IntakeLoad loadB = new IntakeLoad(b.api(), clients, random.nextLong(), "two-b-kill", true).start();
            Platform.sleep(200 + (long) (random.nextDouble() * (loadMillis - 200)));
            Api.Answer fast = a.api().postJson("requests", "customer1", FAST_SR);
            assertEquals(201, fast.status(), "the SR with a first-response target of " + FAST_TARGET + ": " + fast);
            String fastNumber = fast.json().path("number").asText();
            Instant killedAt = Instant.now();
            a.kill();
            killA.stop();
            Platform.sleep(Math.max(1000, loadMillis / 2)); // B goes on taking intake alone
            loadB.stop();
            step(start, "phase 2 load");
            Problems.none(killA.wrong(), "intake on node A before the kill");
            Problems.none(loadB.wrong(), "intake on node B while A is killed");

            Api survivor = b.api();
            List<IntakeLoad.Sent> fromA = new ArrayList<>(onA.sent());
            fromA.addAll(killA.sent());
            List<IntakeLoad.Sent> fromB = new ArrayList<>(onB.sent());
            fromB.addAll(loadB.sent());
            Ledger.Result aOnB = new Ledger(survivor).check(fromA, killA.unanswered(), WAIT);
            Problems.none(aOnB.problems(), "after the kill, every SR node A acknowledged, through node B");
            Ledger.Result bOnB = new Ledger(survivor).check(fromB, List.of(), WAIT);
            Problems.none(bOnB.problems(), "after the kill, every SR node B acknowledged");
            Problems.none(duplicateNumbers(List.of(fromA, fromB)), "SR numbers given by both nodes");
            step(start, "phase 2 ledgers");

            // The jobs move to B once A's leases run out.
            Map<String, String> after = awaitHolders(pg, h -> h.keySet().containsAll(JOBS)
                    && JOBS.stream().noneMatch(j -> nodeA.equals(h.get(j))));
            Duration movedAfter = Duration.between(killedAt, Instant.now());
            step(start, "jobs moved");
            String nodeB = after.get(JOBS.get(0));
            assertNotEquals(nodeA, nodeB);
            assertEquals(nodeB, after.get(JOBS.get(1)), "node B holds every job: " + after);
            // B's SLA watch tells the target missed (and at risk first, if B took over before the target passed: a
            // watch that first sees a target once it passed tells only that it was missed).
            JsonNode missed = awaitTimeline(survivor, fastNumber, "TARGET_BREACHED");
            assertTrue(missed != null, "SR " + fastNumber + ": node B's SLA watch told its first-response target missed"
                    + " within " + WAIT + ": " + survivor.get("requests/" + fastNumber, "engineer1"));
            assertTrue(!Instant.parse(missed.path("at").asText()).isBefore(killedAt), "told after the kill: " + missed);
            assertEquals("casework", missed.path("actor").asText(), missed.toString());
            boolean atRiskToo = timeline(survivor, fastNumber, "TARGET_AT_RISK") != null;
            step(start, "breach seen");

            // Every confirmation arrives; none is made twice. A message A sent but could not record as sent before it
            // died is sent again by B once its lease runs out: the same message (Message-ID), which mail clients merge.
            Set<String> all = numbers(fromA, fromB);
            all.add(fastNumber);
            for (IntakeLoad.Unanswered u : killA.unanswered()) {
                Api.Answer again = survivor.send("POST", "requests", "customer1", "application/json; charset=utf-8",
                        u.json().getBytes(StandardCharsets.UTF_8), u.key());
                assertTrue(again.json() != null && again.json().hasNonNull("number"), again.toString());
                all.add(again.json().get("number").asText()); // the Ledger sent it again already: the same SR
            }
            mail = awaitConfirmations(smtp, survivor, all);
            Map<String, Integer> received = confirmationCopies(smtp);
            List<String> twoMessages = new ArrayList<>();
            int repeats = 0;
            for (String n : all) {
                if (mail.get(n).size() != 1) {
                    twoMessages.add("SR " + n + ": " + mail.get(n).size() + " confirmations made: " + mail.get(n));
                }
                repeats += received.getOrDefault(n, 0) - 1;
            }
            Problems.none(twoMessages, "one confirmation per SR after the kill");
            step(start, "phase 2 mail");
            int repeatsBeforeKill = phase1.stream().mapToInt(n -> received.getOrDefault(n, 0) - 1).sum();

            Report.section("6-two-nodes", "## Two nodes on one PostgreSQL, one killed\n\n"
                    + "Two copies of the distribution on " + pg.describe() + ", one SMTP server, one attachments folder; "
                    + clients + " intake clients per node, SLA and escalation watches every " + WATCH_SECONDS + " s.\n\n"
                    + "| | node A | node B |\n| --- | --- | --- |\n"
                    + "| SRs acknowledged while both ran (unique numbers, each read whole through the other node) | "
                    + onA.sent().size() + " | " + onB.sent().size() + " |\n"
                    + "| SRs acknowledged in the round A was killed in (read whole through B) | " + killA.sent().size()
                    + " | " + loadB.sent().size() + " |\n"
                    + "| POSTs cut off by the kill, sent again to B: one SR each | " + killA.unanswered().size() + " | |\n\n"
                    + "Confirmations at the mail server: **" + all.size() + "** SRs, one message each; copies of a message"
                    + " sent twice: **" + repeatsBeforeKill + "** while both ran, **" + (repeats - repeatsBeforeKill)
                    + "** around the kill (sent by A, recorded by nobody, sent again by B). Jobs (" + String.join(", ", JOBS)
                    + ") held by A, taken by B " + movedAfter.toSeconds() + " s after the kill (lease 30 s); SR "
                    + fastNumber + " (first-response target " + FAST_TARGET.toSeconds() + " s, opened on A just before the"
                    + " kill): missed target told by B's SLA watch " + Duration.between(killedAt, Instant.parse(missed.path("at").asText()))
                    .toSeconds() + " s after the kill" + (atRiskToo ? " (at risk told before)" : " (B took over once it"
                    + " had passed: missed only)") + ".\n");
        } finally {
            smtp.stop();
            deleteTree(shared);
        }
    }

    /**
     * Finding 7 (sr-search): full-text search answers from each node's own Lucene index, which follows the SR events
     * of its own node only (EventAdmin, in process) and catches up with the store only at start: an SR opened on
     * node A is not found by {@code GET /requests?q=} on node B until B restarts. Reproduce: this test.
     */
    @Test
    @Disabled("finding 7: sr-search's index follows only its own node's SR events")
    void aSearchOnOneNodeFindsAnSrOpenedOnTheOther() throws Exception {
        Path shared = Files.createTempDirectory("sr-reliability-two-nodes-attachments-");
        try (FreshPostgres pg = FreshPostgres.create("TwoNodesIT"); Platform a = node("search-a", pg, 0, shared);
                Platform b = node("search-b", pg, 0, shared)) {
            a.start();
            b.start();
            Api.Answer sr = a.api().postJson("requests", "customer1", "{\"account\":\"1001\",\"product\":\"datacenter\","
                    + "\"category\":\"performance\",\"severity\":3,\"subject\":\"Zebrafinch anomaly on the uplink\","
                    + "\"description\":\"Seen on one node.\",\"tags\":[],\"contactMethod\":\"EMAIL\"}");
            assertEquals(201, sr.status(), sr.toString());
            String number = sr.json().path("number").asText();
            assertEquals(number, awaitFirst(a.api(), "requests?q=zebrafinch"), "found on the node that took it");
            assertEquals(number, awaitFirst(b.api(), "requests?q=zebrafinch"), "found on the other node");
        } finally {
            deleteTree(shared);
        }
    }

    /**
     * Reference data (products, offerings, accounts and their contracts, contacts) is cached by each node's
     * repositories; another node's change is not announced to them, so an entry is served for a few seconds only
     * (finding 8, fixed in sr-store's {@code ReferenceCache}: node B refused SRs under a contract added through node A
     * until it restarted). The change made through A holds on B within seconds.
     */
    @Test
    void anAdministratorsChangeThroughOneNodeIsSeenByTheOther() throws Exception {
        Path shared = Files.createTempDirectory("sr-reliability-two-nodes-attachments-");
        try (FreshPostgres pg = FreshPostgres.create("TwoNodesIT"); Platform a = node("admin-a", pg, 0, shared);
                Platform b = node("admin-b", pg, 0, shared)) {
            a.start();
            b.start();
            // B reads account 1001 (and caches it) before the change.
            assertEquals(201, b.api().postJson("requests", "customer1", FuzzCases.INTAKE).status());
            Api.Answer setup = a.api().send("POST", "admin/import", "admin1", "application/json",
                    FAST_SETUP.getBytes(StandardCharsets.UTF_8), null);
            assertEquals(200, setup.status(), setup.toString());
            assertEquals(201, a.api().postJson("requests", "customer1", FAST_SR).status(), "the node that made the change");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Api.Answer onB = b.api().postJson("requests", "customer1", FAST_SR);
            while (onB.status() != 201 && System.nanoTime() < deadline) {
                Platform.sleep(1000);
                onB = b.api().postJson("requests", "customer1", FAST_SR);
            }
            assertEquals(201, onB.status(), "an SR under the new contract, on the other node: " + onB);
        } finally {
            deleteTree(shared);
        }
    }

    /**
     * Browser sessions live in the database every node shares: a session opened through node A opens node B (its
     * CSRF token too), and a sign-out through A ends it on B within B's {@code cache.seconds} (10).
     */
    @Test
    void aSessionOpenedOnOneNodeWorksOnTheOtherUntilItIsSignedOut() throws Exception {
        Path shared = Files.createTempDirectory("sr-reliability-two-nodes-attachments-");
        try (FreshPostgres pg = FreshPostgres.create("TwoNodesIT"); Platform a = node("session-a", pg, 0, shared);
                Platform b = node("session-b", pg, 0, shared)) {
            a.start();
            b.start();
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpResponse<String> signedIn = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + a.port() + "/api/v1/session"))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"login\":\"customer1\",\"password\":\"customer1\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, signedIn.statusCode(), signedIn.body());
            String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            String csrf = Api.JSON.readTree(signedIn.body()).path("csrfToken").asText();
            java.util.function.BiFunction<Platform, String, java.net.http.HttpResponse<String>> call = (node, method) -> {
                try {
                    java.net.http.HttpRequest.Builder r = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + node.port() + "/api/v1/" + (method.equals("GET") ? "requests" : "session")))
                            .header("Cookie", cookie).header("X-CSRF-Token", csrf)
                            .method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
                    return client.send(r.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            assertEquals(200, call.apply(b, "GET").statusCode(), "the session opened on A, on B");
            java.net.http.HttpResponse<String> opened = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + b.port() + "/api/v1/requests")).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            FuzzCases.INTAKE)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(201, opened.statusCode(), "A's CSRF token holds on B: " + opened.body());
            assertEquals(204, call.apply(a, "DELETE").statusCode(), "signed out through A");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int onB = call.apply(b, "GET").statusCode();
            while (onB != 401 && System.nanoTime() < deadline) {
                Platform.sleep(500);
                onB = call.apply(b, "GET").statusCode();
            }
            assertEquals(401, onB, "signed out on B too");
        } finally {
            deleteTree(shared);
        }
    }

    /** The first SR number a list answers within 30 s, or null. */
    private static String awaitFirst(Api api, String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode page = api.get(path, "engineer1").json();
            if (page != null && !page.path("items").isEmpty()) {
                return page.path("items").get(0).path("number").asText();
            }
            Platform.sleep(500);
        }
        return null;
    }

    /** The test's database; when there is no PostgreSQL, the report says the test was skipped, and why. */
    private static FreshPostgres postgres() {
        try {
            return FreshPostgres.create("TwoNodesIT");
        } catch (TestAbortedException e) {
            Report.section("6-two-nodes", "## Two nodes on one PostgreSQL, one killed\n\n**Skipped**: " + e.getMessage() + "\n");
            throw e;
        }
    }

    /** Where the time goes, in the test's output (target/failsafe-reports/...TwoNodesIT-output.txt). */
    private static void step(long start, String what) {
        System.out.printf("TwoNodesIT %6.1f s: %s%n", (System.nanoTime() - start) / 1e9, what);
    }

    /**
     * A copy of the distribution configured as one node: the shared database, folder and mail server (none when
     * {@code smtpPort} is 0: the demo's mailbox).
     */
    private static Platform node(String name, FreshPostgres pg, int smtpPort, Path attachments) {
        Platform p = Platform.copy("two-nodes-" + name);
        p.configure("org.srplatform.store.cfg", Map.of("jdbc.url", pg.url(), "jdbc.user", pg.user(), "jdbc.password",
                pg.password()));
        // storage.dir; dir is its earlier name, read by releases before the attachments' storage interface.
        p.configure("org.srplatform.attachments.cfg", Map.of("storage.dir", attachments.toString(), "dir",
                attachments.toString()));
        p.configure("org.srplatform.casework.cfg", Map.of("watch.interval.seconds", Integer.toString(WATCH_SECONDS)));
        p.configure("org.srplatform.escalation.cfg", Map.of("watch.interval.seconds", Integer.toString(WATCH_SECONDS)));
        if (smtpPort <= 0) {
            return p;
        }
        p.configure("org.srplatform.notify.email.cfg", Map.of("smtp.host", "127.0.0.1", "smtp.port",
                Integer.toString(smtpPort), "smtp.starttls", "false", "from", "support@sr.example", "smtp.timeout.seconds", "5"));
        // The mail server is the only channel, so that it sees every message; a lease of 10 s (the least) hands a
        // message the killed node claimed to the other soon.
        p.configure("org.srplatform.notify.cfg", Map.of("mailbox", "never", "lease.seconds", "10",
                "retry.first.seconds", "1", "retry.max.seconds", "2"));
        return p;
    }

    /** Job leases as the database holds them: job → node. */
    private static Map<String, String> holders(FreshPostgres pg) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT job, node FROM job_leases")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // the table comes with the store's schema
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static Map<String, String> awaitHolders(FreshPostgres pg, java.util.function.Predicate<Map<String, String>> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, String> h = holders(pg);
        while (!done.test(h) && System.nanoTime() < deadline) {
            Platform.sleep(250);
            h = holders(pg);
        }
        assertTrue(done.test(h), "job leases within " + WAIT + ": " + h);
        return h;
    }

    private static JsonNode awaitTimeline(Api api, String number, String kind) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode entry = timeline(api, number, kind);
        while (entry == null && System.nanoTime() < deadline) {
            Platform.sleep(500);
            entry = timeline(api, number, kind);
        }
        return entry;
    }

    /** The SR's first timeline entry of that kind, or null. */
    private static JsonNode timeline(Api api, String number, String kind) {
        JsonNode sr = api.get("requests/" + number, "engineer1").json();
        for (JsonNode e : sr == null ? List.<JsonNode>of() : list(sr.path("timeline"))) {
            if (kind.equals(e.path("kind").asText())) {
                return e;
            }
        }
        return null;
    }

    /** Waits until every SR's confirmation reached the mail server and none is in the outbox; SR → Message-IDs. */
    private static Map<String, Set<String>> awaitConfirmations(GreenMail smtp, Api api, Collection<String> numbers) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Set<String>> ids = confirmations(smtp);
        while (System.nanoTime() < deadline) {
            ids = confirmations(smtp);
            if (ids.keySet().containsAll(numbers) && nothingToSend(api)) {
                return ids;
            }
            Platform.sleep(250);
        }
        List<String> missing = new ArrayList<>(numbers);
        missing.removeAll(ids.keySet());
        throw new AssertionError("confirmations that never reached the mail server within " + WAIT + ": " + missing
                + "; outbox: " + api.get("admin/outbox?limit=20&state=PENDING", "admin1") + " "
                + api.get("admin/outbox?limit=20&state=SENDING", "admin1"));
    }

    /** No message waiting or being sent: nothing more can reach the mail server. */
    private static boolean nothingToSend(Api api) {
        for (String state : List.of("PENDING", "SENDING")) {
            JsonNode page = api.get("admin/outbox?limit=1&state=" + state, "admin1").json();
            if (page == null || !page.path("items").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The confirmations the mail server received: SR number → their Message-IDs. */
    private static Map<String, Set<String>> confirmations(GreenMail smtp) {
        Map<String, Set<String>> out = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if ("CONFIRMATION".equals(m.getHeader("X-SR-Kind", null)) && m.getHeader("X-SR-Number", null) != null) {
                    out.computeIfAbsent(m.getHeader("X-SR-Number", null), k -> new LinkedHashSet<>()).add(m.getMessageID());
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** How many copies of its confirmation each SR's customer received. */
    private static Map<String, Integer> confirmationCopies(GreenMail smtp) {
        Map<String, Integer> out = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if ("CONFIRMATION".equals(m.getHeader("X-SR-Kind", null)) && m.getHeader("X-SR-Number", null) != null) {
                    out.merge(m.getHeader("X-SR-Number", null), 1, Integer::sum);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static List<String> duplicateNumbers(List<List<IntakeLoad.Sent>> byNode) {
        Map<String, String> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (List<IntakeLoad.Sent> sent : byNode) {
            for (IntakeLoad.Sent s : sent) {
                String other = seen.put(s.number(), s.key());
                if (other != null) {
                    problems.add("SR number " + s.number() + " given twice: " + other + " and " + s.key());
                }
            }
        }
        return problems;
    }

    @SafeVarargs
    private static Set<String> numbers(Collection<IntakeLoad.Sent>... sent) {
        Set<String> out = new HashSet<>();
        for (Collection<IntakeLoad.Sent> c : sent) {
            c.forEach(s -> out.add(s.number()));
        }
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static void deleteTree(Path dir) {
        if (Boolean.getBoolean("reliability.keep")) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Product "lab" under offering "rapid" (every severity answered within FAST_TARGET, around the clock) for 1001. */
    private static final String FAST_SETUP = """
            {"format": "sr-platform-setup/1",
             "products": [{"id": "lab", "name": "Lab Appliance", "supportHours": {"aroundTheClock": true},
                           "categories": [{"id": "general", "name": "General", "description": "Anything."}]}],
             "offerings": [{"id": "rapid", "name": "Rapid Response", "targets": {
                 "S1": {"within": "%1$s", "clock": "AROUND_THE_CLOCK"}, "S2": {"within": "%1$s", "clock": "AROUND_THE_CLOCK"},
                 "S3": {"within": "%1$s", "clock": "AROUND_THE_CLOCK"}, "S4": {"within": "%1$s", "clock": "AROUND_THE_CLOCK"}}}],
             "accounts": [{"number": "1001", "name": "Acme Corp", "customerNumber": "C1001", "region": "APJ",
                           "contracts": [{"id": "lab:rapid:2025-01-01", "product": "lab", "offering": "rapid",
                                          "type": "SUBSCRIPTION", "validFrom": "2025-01-01", "validUntil": "2099-12-31"}]}]}
            """.formatted(FAST_TARGET);

    private static final String FAST_SR = "{\"account\":\"1001\",\"product\":\"lab\",\"category\":\"general\",\"severity\":2,"
            + "\"subject\":\"Two nodes: a target that passes after the kill\",\"description\":\"The lab appliance stalls.\","
            + "\"tags\":[\"reliability\"],\"contactMethod\":\"EMAIL\"}";
}
