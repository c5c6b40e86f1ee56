package org.srplatform.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Outages of the parts the platform talks to, under intake load: requests must not fail with 5xx, nothing
 * acknowledged may be lost, and the work waiting for the part must be done once it is back.
 * <ul>
 * <li>the mail server: {@code smtp.host} points at a closed port (the only channel: the demo's mailbox is off),
 * then an SMTP server (GreenMail) starts on that port: every confirmation waits in the outbox, then arrives;</li>
 * <li>a partner answering 500 ({@code [5xx K]}) and one slower than the connector's time-out ({@code [slow N]}),
 * as the demo's TSANet simulator scripts them: each collaboration is opened at the partner in the end;</li>
 * <li>a partner that cannot be reached at all (connection refused: the connector reaches the simulator through a
 * {@link TcpProxy} that is cut), then back: the call waits in the outbox and is retried, intake goes on, and the
 * partner gets the collaboration exactly once.</li>
 * </ul>
 * The database's outage has a class of its own ({@link DatabaseOutageIT}: it needs PostgreSQL).
 * A background job that talks to a part joins by adding its part's outage here.
 */
class OutageIT {
    private static final Duration RESUME = Duration.ofSeconds(90);

    @Test
    void mailServerDownThenBack() throws Exception {
        int smtpPort = Platform.freePort();
        try (Platform platform = Platform.copy("mail-outage")) {
            platform.configure("org.srplatform.notify.email.cfg", Map.of("smtp.host", "127.0.0.1", "smtp.port",
                    Integer.toString(smtpPort), "smtp.starttls", "false", "from", "support@sr.example",
                    "smtp.timeout.seconds", "2"));
            platform.configure("org.srplatform.notify.cfg", Map.of("mailbox", "never", "retry.first.seconds", "1",
                    "retry.max.seconds", "2"));
            platform.start();
            Api api = platform.api();

            IntakeLoad load = new IntakeLoad(api, 2, Settings.seed(), "mail", true).start();
            Platform.sleep(Math.round(Settings.loadSeconds() * 1000));
            load.stop();
            Problems.none(load.wrong(), "intake while the mail server is down: every answer a 201");
            assertTrue(load.unavailable().isEmpty(), "intake does not depend on mail: " + load.unavailable());
            List<String> numbers = load.sent().stream().map(IntakeLoad.Sent::number).toList();
            assertTrue(!numbers.isEmpty(), "SRs were made");
            int waiting = 0;
            for (JsonNode m : api.get("admin/outbox?limit=500&state=PENDING", "admin1").json().path("items")) {
                if (numbers.contains(m.path("number").asText()) && "CONFIRMATION".equals(m.path("kind").asText())) {
                    waiting++;
                }
            }
            assertTrue(waiting > 0, "confirmations wait in the outbox while the mail server is down");

            GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try {
                Set<String> arrived = new HashSet<>();
                long deadline = System.nanoTime() + RESUME.toNanos();
                while (arrived.size() < numbers.size() && System.nanoTime() < deadline) {
                    for (MimeMessage m : smtp.getReceivedMessages()) {
                        String n = m.getHeader("X-SR-Number", null);
                        if ("CONFIRMATION".equals(m.getHeader("X-SR-Kind", null)) && n != null) {
                            arrived.add(n);
                        }
                    }
                    Platform.sleep(250);
                }
                List<String> missing = new ArrayList<>(numbers);
                missing.removeAll(arrived);
                assertEquals(List.of(), missing, "every confirmation arrives once the mail server is back");
                Ledger.Result r = new Ledger(api).check(load.sent(), load.unanswered(), Duration.ofSeconds(30));
                Problems.none(r.problems(), "after the mail outage");
                Report.section("2-outage-mail", "## Outage: mail server down, then back\n\nSRs taken in while SMTP was"
                        + " refused: **" + numbers.size() + "** (no 5xx, no 503); confirmations waiting in the outbox: **"
                        + waiting + "**; confirmations delivered to the SMTP server once it started: **" + arrived.size()
                        + "** of " + numbers.size() + "; SRs checked whole: **" + r.srs() + "**.\n");
            } finally {
                smtp.stop();
            }
        }
    }

    @Test
    void partnerAnswering500OrTooSlowlyIsRetriedIntoOneCase() {
        try (Platform platform = Platform.copy("partner-outage")) {
            platform.configure("org.srplatform.collaboration.cfg", Map.of("retry.first.seconds", "1", "retry.max.seconds", "2"));
            platform.configure("org.srplatform.partner.tsanet.cfg", Map.of("timeout.seconds", "2"));
            platform.start();
            Api api = platform.api();
            IntakeLoad load = new IntakeLoad(api, 2, Settings.seed() + 1, "partner", false).start();
            List<String> rows = new ArrayList<>();
            try {
                JsonNode member = api.await("connectors/tsanet/partners?q=Globex", "escalation1", 200, Duration.ofSeconds(60))
                        .json().path(0);
                assertTrue(member.hasNonNull("id"), "the simulator's member directory: " + member);
                String field = member.path("fields").path(0).path("id").asText();
                for (String script : List.of("[5xx 3] Controller resets", "[slow 4] Array stalls")) {
                    Api.Answer sr = api.postJson("requests", "customer1", FuzzCases.INTAKE);
                    assertEquals(201, sr.status(), sr.toString());
                    String number = sr.json().path("number").asText();
                    Api.Answer asked = api.postJson("requests/" + number + "/collaborations", "escalation1",
                            "{\"connector\":\"tsanet\",\"partner\":\"" + member.path("id").asText() + "\",\"summary\":\""
                                    + script + "\",\"detail\":\"Since the upgrade\",\"priority\":\"HIGH\",\"consent\":true,"
                                    + "\"fields\":{\"" + field + "\":\"AB123456\"}}");
                    assertEquals(202, asked.status(), asked.toString());
                    String id = asked.json().path("id").asText();
                    JsonNode opened = null;
                    long deadline = System.nanoTime() + RESUME.toNanos();
                    while (opened == null && System.nanoTime() < deadline) {
                        Api.Answer all = api.get("requests/" + number + "/collaborations", "escalation1");
                        assertTrue(all.status() < 500, all.toString());
                        for (JsonNode c : all.json() == null ? List.<JsonNode>of() : toList(all.json())) {
                            if (c.path("id").asText().equals(id) && c.hasNonNull("externalId")) {
                                opened = c;
                            }
                        }
                        Platform.sleep(250);
                    }
                    assertTrue(opened != null, script + ": the collaboration is opened at the partner once it answers");
                    assertTrue(!"FAILED".equals(opened.path("state").asText()), opened.toString());
                    rows.add("| " + script + " | " + opened.path("state").asText() + " | " + opened.path("externalId").asText() + " |");
                }
            } finally {
                load.stop();
            }
            Problems.none(load.wrong(), "intake while the partner fails: every answer a 201");
            Ledger.Result r = new Ledger(api).check(load.sent(), load.unanswered(), Duration.ofSeconds(30));
            Problems.none(r.problems(), "after the partner outage");
            StringBuilder md = new StringBuilder("## Outage: partner answering 500, partner too slow\n\n");
            md.append("TSANet simulator, retries every 1-2 s, connector time-out 2 s; intake load meanwhile: **").append(r.srs())
                    .append("** SRs, all 201, checked whole.\n\n| partner script | state once opened | partner case |\n| --- | --- | --- |\n");
            rows.forEach(row -> md.append(row).append('\n'));
            Report.section("2-outage-partner", md.toString());
        }
    }

    @Test
    void partnerUnreachableThenBackGetsTheCollaborationOnce() throws Exception {
        try (Platform platform = Platform.copy("partner-down");
                TcpProxy proxy = new TcpProxy("127.0.0.1", platform.port()).start()) {
            platform.configure("org.srplatform.collaboration.cfg", Map.of("retry.first.seconds", "1", "retry.max.seconds", "2"));
            // The demo's simulator, reached through the proxy instead of directly.
            platform.configure("org.srplatform.partner.tsanet.cfg", Map.of("base.url", "http://127.0.0.1:" + proxy.port()
                    + "/tsanet-sim", "username", "demo", "password", "demo", "timeout.seconds", "2"));
            platform.start();
            Api api = platform.api();
            JsonNode member = api.await("connectors/tsanet/partners?q=Globex", "escalation1", 200, Duration.ofSeconds(60))
                    .json().path(0);
            assertTrue(member.hasNonNull("id"), "the simulator's member directory through the proxy: " + member);
            String field = member.path("fields").path(0).path("id").asText();
            IntakeLoad load = new IntakeLoad(api, 2, Settings.seed() + 4, "partner-down", false).start();
            String summary = "Partner down " + Long.toHexString(Settings.seed()) + " " + System.nanoTime();
            int attemptsWhileCut;
            JsonNode opened = null;
            try {
                proxy.cut();
                long cut = System.nanoTime();
                Api.Answer search = api.get("connectors/tsanet/partners?q=Globex", "escalation1");
                assertEquals(503, search.status(), "the directory of a partner out of reach: " + search);
                assertTrue(search.contentType().startsWith("application/problem+json"), search.toString());

                Api.Answer sr = api.postJson("requests", "customer1", FuzzCases.INTAKE);
                assertEquals(201, sr.status(), sr.toString());
                String number = sr.json().path("number").asText();
                Api.Answer asked = api.postJson("requests/" + number + "/collaborations", "escalation1",
                        "{\"connector\":\"tsanet\",\"partner\":\"" + member.path("id").asText() + "\",\"summary\":\""
                                + summary + "\",\"detail\":\"Since the upgrade\",\"priority\":\"HIGH\",\"consent\":true,"
                                + "\"fields\":{\"" + field + "\":\"AB123456\"}}");
                assertEquals(202, asked.status(), "asking needs no partner: the call waits in the outbox: " + asked);
                String id = asked.json().path("id").asText();

                // Refused again and again: the call stays in the outbox (PENDING, attempts counted), never DEAD.
                JsonNode waiting = awaitPartnerCall(api, number, 2, RESUME);
                assertTrue(waiting != null, "the call to the unreachable partner waits in the outbox and is retried");
                // The partner stays away for the outage's length (the long form's is minutes), the call in the outbox.
                Platform.sleep(Math.max(0, Settings.outageSeconds() * 1000L - (System.nanoTime() - cut) / 1_000_000));
                waiting = awaitPartnerCall(api, number, waiting.path("attempts").asInt(), RESUME);
                assertTrue(waiting != null, "still waiting in the outbox after " + Settings.outageSeconds() + " s");
                attemptsWhileCut = waiting.path("attempts").asInt();
                JsonNode whileCut = collaboration(api, number, id);
                assertTrue(whileCut != null && !whileCut.hasNonNull("externalId")
                        && !"FAILED".equals(whileCut.path("state").asText()), "not opened, not failed: " + whileCut);

                proxy.restore();
                long deadline = System.nanoTime() + RESUME.toNanos();
                while (opened == null && System.nanoTime() < deadline) {
                    JsonNode c = collaboration(api, number, id);
                    opened = c != null && c.hasNonNull("externalId") ? c : null;
                    Platform.sleep(250);
                }
                assertTrue(opened != null, "the collaboration is opened at the partner once it can be reached");
                assertTrue(!"FAILED".equals(opened.path("state").asText()), opened.toString());
                assertEquals(List.of(), partnerCalls(api, number, "PENDING", "SENDING", "DEAD"),
                        "nothing of it is left in the outbox");
            } finally {
                load.stop();
            }
            List<JsonNode> atPartner = simulatorCases(platform.port(), summary);
            assertEquals(1, atPartner.size(), "the partner got the collaboration exactly once: " + atPartner);
            Problems.none(load.wrong(), "intake while the partner is out of reach: every answer a 201");
            assertTrue(load.unavailable().isEmpty(), "intake does not depend on the partner: " + load.unavailable());
            Ledger.Result r = new Ledger(api).check(load.sent(), load.unanswered(), Duration.ofSeconds(30));
            Problems.none(r.problems(), "after the partner outage");
            Report.section("2-outage-partner-down", "## Outage: partner unreachable, then back\n\nTSANet simulator behind a"
                    + " TCP proxy that refused connections for " + Settings.outageSeconds() + " s; the collaboration asked"
                    + " meanwhile waited in the outbox (**" + attemptsWhileCut + "** attempts refused before the proxy was"
                    + " restored), then was opened at the partner"
                    + " once (partner case " + opened.path("externalId").asText() + "); intake meanwhile: **" + r.srs()
                    + "** SRs, all 201, checked whole.\n");
        }
    }

    /** The outbox entry of the SR's partner call once it has failed {@code attempts} times, or null. */
    private static JsonNode awaitPartnerCall(Api api, String number, int attempts, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode m : partnerCalls(api, number, "PENDING", "DEAD")) {
                assertTrue(!"DEAD".equals(m.path("state").asText()), "given up while the partner is away: " + m);
                if (m.path("attempts").asInt() >= attempts) {
                    return m;
                }
            }
            Platform.sleep(250);
        }
        return null;
    }

    /** The SR's partner calls in the outbox in those states. */
    private static List<JsonNode> partnerCalls(Api api, String number, String... states) {
        List<JsonNode> out = new ArrayList<>();
        for (String state : states) {
            Api.Answer a = api.get("admin/outbox?limit=500&state=" + state, "admin1");
            assertEquals(200, a.status(), a.toString());
            for (JsonNode m : a.json().path("items")) {
                if (m.path("type").asText().startsWith("partner:") && number.equals(m.path("number").asText())) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static JsonNode collaboration(Api api, String number, String id) {
        Api.Answer all = api.get("requests/" + number + "/collaborations", "escalation1");
        assertTrue(all.status() < 500, all.toString());
        for (JsonNode c : all.json() == null ? List.<JsonNode>of() : toList(all.json())) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** The cases the demo's TSANet simulator holds with this summary, asked directly (not through the proxy). */
    private static List<JsonNode> simulatorCases(int port, String summary) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port + "/tsanet-sim/v1/";
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String token = Api.JSON.readTree(login.body()).path("accessToken").asText();
        HttpResponse<String> cases = http.send(HttpRequest.newBuilder(URI.create(base + "collaboration-requests"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, cases.statusCode(), cases.body());
        List<JsonNode> ours = new ArrayList<>();
        for (JsonNode c : Api.JSON.readTree(cases.body())) {
            if (c.path("summary").asText().contains(summary)) {
                ours.add(c);
            }
        }
        return ours;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
