package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.srplatform.api.partner.WebhookSignature;

/**
 * Collaborations with other vendors over HTTP in the running platform, through the TSANet connector against the
 * platform's TSANet simulator (demo mode): every TSANet state (open, information asked and answered, accepted,
 * notes both ways, closed; rejected), a partner answering 500 retried into one case, and the TSANet bundle
 * stopped and started again with its pending call made once it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CollaborationIT {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String PID = "org.srplatform.collaboration";
    private static final String TSANET = "org.srplatform.partner.tsanet";
    private static final String CONTRACT = "org.srplatform.partner.contract";
    /** The push secrets this test gives TSANet and the mail gateway. */
    private static final String TSANET_SECRET = "tsanet push secret for the test";
    private static final String MAIL_SECRET = "mail gateway secret for the test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    private Http http;
    private int port;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Before
    public void collaborationsWithShortClocks() throws Exception {
        port = Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
        http = new Http(port);
        assertEquals(200, http.await("connectors", "escalation1", 200, WAIT).status());
        Configuration config = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> props = config.getProperties();
        if (props == null || !Integer.valueOf(1).equals(props.get("follow.seconds"))) {
            Dictionary<String, Object> fast = new Hashtable<>();
            fast.put("follow.seconds", 1);
            fast.put("retry.first.seconds", 1);
            fast.put("retry.max.seconds", 2);
            fast.put("dispatch.poll.millis", 200);
            config.update(fast);
        }
        // TSANet: answers slower than 3 s time out (the slow partner below); pushes signed with TSANET_SECRET.
        Configuration tsanet = configurations.getConfiguration(TSANET, "?");
        if (tsanet.getProperties() == null || tsanet.getProperties().get("webhook.secret") == null) {
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("timeout.seconds", "3");
            p.put("webhook.secret", TSANET_SECRET);
            tsanet.update(p);
        }
        Configuration contract = configurations.getConfiguration(CONTRACT, "?");
        if (contract.getProperties() == null || contract.getProperties().get("webhook.secret") == null) {
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("vendors", "globex|Globex Storage|support@globex.example");
            p.put("webhook.secret", MAIL_SECRET);
            contract.update(p);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        // An unsigned push is refused as not authentic (401) once each connector takes pushes (before: 404).
        while (!http.get("connectors", "escalation1").body().contains("\"tsanet\"")
                || push("tsanet", "x", "{}".getBytes(StandardCharsets.UTF_8), null).statusCode() != 401
                || push("contract", "x", "{}".getBytes(StandardCharsets.UTF_8), null).statusCode() != 401) {
            assertTrue("the TSANet and contract connectors take signed pushes", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
    }

    @Test
    public void aPartnerPushReplayedTwiceIsAppliedOnceAndAForgedOneIsRefused() throws Exception {
        String number = openSr();
        JsonNode member = http.get("connectors/tsanet/partners?q=Globex", "escalation1").json().get(0);
        String id = ask(number, member.get("id").asText(), "[manual] Pushed answers",
                member.get("fields").get(0).get("id").asText());
        String token = await(number, id, c -> c.hasNonNull("externalId"), "open at TSANet").get("externalId").asText();
        byte[] body = ("{\"token\":\"" + token + "\",\"status\":\"ACCEPTED\",\"receiverCaseNumber\":\"GX-777\","
                + "\"caseResponses\":[{\"type\":\"APPROVAL\",\"engineerName\":\"Pat Pusher\"}]}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = push("tsanet", "evt-" + token, body, TSANET_SECRET);
        HttpResponse<String> again = push("tsanet", "evt-" + token, body, TSANET_SECRET);
        HttpResponse<String> forged = push("tsanet", "evt-2-" + token, body, "not the secret we share with TSANet");

        assertEquals(first.body(), 200, first.statusCode());
        assertTrue(first.body(), JSON.readTree(first.body()).get("applied").asBoolean());
        assertEquals(again.body(), 200, again.statusCode());
        assertTrue(again.body(), JSON.readTree(again.body()).get("duplicate").asBoolean());
        assertEquals(forged.body(), 401, forged.statusCode());
        assertTrue(forged.body(), forged.body().contains("signature"));
        JsonNode accepted = awaitState(number, id, "ACCEPTED");
        assertEquals("GX-777", accepted.get("caseNumber").asText());
        Thread.sleep(2_500); // two follow-ups of the simulator's case, still OPEN there, change nothing back
        assertEquals("ACCEPTED", awaitState(number, id, "ACCEPTED").get("state").asText());
        long acceptances = 0;
        for (JsonNode e : http.get("requests/" + number, "engineer1").json().get("timeline")) {
            acceptances += e.get("kind").asText().equals("COLLABORATION_ACCEPTED") ? 1 : 0;
        }
        assertEquals("one acceptance on the timeline", 1, acceptances);
    }

    @Test
    public void aVendorsMailReplyAcceptsTheContractCollaborationUnderItsCaseNumber() throws Exception {
        String number = openSr();
        Http.Answer asked = http.post("requests/" + number + "/collaborations", "escalation1",
                body("globex", "Array firmware", "contractNumber", "contract"));
        assertEquals(asked.body(), 202, asked.status());
        String id = asked.json().get("id").asText();
        await(number, id, c -> c.get("state").asText().equals("OPEN"), "the mail to the vendor sent");
        String subject = "RE: [SR " + number + " / C" + id + "] New support case under contract AB123456";
        byte[] reply = ("{\"messageId\":\"<reply-" + id + "@globex.example>\",\"from\":\"Val <val@globex.example>\","
                + "\"subject\":\"" + subject + "\",\"text\":\"Opened as case VX-4242. Val\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = push("contract", "w-" + id, reply, MAIL_SECRET);
        HttpResponse<String> relayedAgain = push("contract", "w2-" + id, reply, MAIL_SECRET);

        assertEquals(first.body(), 200, first.statusCode());
        assertTrue(relayedAgain.body(), JSON.readTree(relayedAgain.body()).get("duplicate").asBoolean());
        JsonNode accepted = awaitState(number, id, "ACCEPTED");
        assertEquals("VX-4242", accepted.get("caseNumber").asText());
        assertEquals("the vendor's reply is its note", 1, accepted.get("notes").size());
        assertTrue(accepted.toString(), accepted.get("notes").get(0).get("text").asText().contains("VX-4242"));
    }

    @Test
    public void aPartnerSlowerThanTheTimeoutIsRetriedIntoOneCaseAtThePartner() throws Exception {
        String number = openSr();
        JsonNode member = http.get("connectors/tsanet/partners?q=Globex", "escalation1").json().get(0);
        // The simulator creates the case at once and answers after 5 s; the connector gives up waiting at 3 s.
        String id = ask(number, member.get("id").asText(), "[slow 5] Array stalls",
                member.get("fields").get(0).get("id").asText());

        JsonNode open = await(number, id, c -> c.hasNonNull("externalId"), "opened after the timeout");
        assertEquals("one case at the partner for our collaboration", 1,
                simulatorCases(number + "/C" + id).size());
        assertTrue(open.toString(), !open.get("state").asText().equals("FAILED"));
        awaitState(number, id, "ACCEPTED");
    }

    @Test
    public void aCollaborationGoesThroughEveryTsanetStateOverHttp() throws Exception {
        String number = openSr();
        JsonNode partners = http.get("connectors/tsanet/partners?q=Globex", "escalation1").json();
        JsonNode member = partners.get(0);
        assertNotNull(partners.toString(), member);
        String field = member.get("fields").get(0).get("id").asText();

        String id = ask(number, member.get("id").asText(), "[info] Disk array errors", field);
        JsonNode asked = awaitState(number, id, "INFORMATION_REQUESTED");
        assertTrue(asked.toString(), !asked.path("response").asText().isBlank());
        assertEquals(202, http.post("requests/" + number + "/collaborations/" + id + "/answer", "escalation1",
                "{\"information\":\"Firmware 2.0.3\"}").status());
        JsonNode accepted = awaitState(number, id, "ACCEPTED");
        assertTrue(accepted.toString(), !accepted.path("engineer").asText().isBlank());
        assertEquals(202, http.post("requests/" + number + "/collaborations/" + id + "/notes", "rem1",
                "{\"text\":\"Logs attached on our side\"}").status());
        await(number, id, c -> {
            for (JsonNode n : c.get("notes")) {
                if (n.get("direction").asText().equals("OUT") && n.get("sent").asBoolean()) {
                    return true;
                }
            }
            return false;
        }, "our note sent to the partner");
        assertEquals(202, http.post("requests/" + number + "/collaborations/" + id + "/close", "escalation1",
                "{\"reason\":\"Solved by the firmware fix\"}").status());
        awaitState(number, id, "CLOSED");
        String timeline = http.get("requests/" + number, "engineer1").json().get("timeline").toString();
        for (String kind : new String[] {"COLLABORATION_REQUESTED", "COLLABORATION_OPEN",
                "COLLABORATION_INFORMATION_REQUESTED", "COLLABORATION_ANSWER", "COLLABORATION_ACCEPTED",
                "COLLABORATION_NOTE", "COLLABORATION_CLOSING", "COLLABORATION_CLOSED"}) {
            assertTrue(kind + " in " + timeline, timeline.contains("\"" + kind + "\""));
        }
        assertTrue("collaborations are for staff",
                !http.get("requests/" + number, "customer1").body().contains("COLLABORATION_"));

        String rejected = ask(number, member.get("id").asText(), "[reject] Not ours", field);
        JsonNode no = awaitState(number, rejected, "REJECTED");
        assertTrue(no.toString(), !no.path("response").asText().isBlank());
    }

    @Test
    public void aPartnerAnswering500IsRetriedAndOneCaseIsOpenedThere() throws Exception {
        String number = openSr();
        JsonNode member = http.get("connectors/tsanet/partners?q=Globex", "escalation1").json().get(0);
        String id = ask(number, member.get("id").asText(), "[5xx 2] Controller resets",
                member.get("fields").get(0).get("id").asText());

        JsonNode open = await(number, id, c -> c.hasNonNull("externalId"), "opened after the 500s");
        assertEquals("one case at the partner for our collaboration", 1,
                simulatorCases(number + "/C" + id).size());
        assertTrue(open.toString(), !open.get("state").asText().equals("FAILED"));
    }

    @Test
    public void withTsanetStoppedCallsWaitAndAreMadeWhenItStartsAgain() throws Exception {
        String number = openSr();
        JsonNode member = http.get("connectors/tsanet/partners?q=Globex", "escalation1").json().get(0);
        String open = ask(number, member.get("id").asText(), "[manual] Open before the stop",
                member.get("fields").get(0).get("id").asText());
        await(number, open, c -> c.hasNonNull("externalId"), "open at TSANet");
        Bundle tsanet = Arrays.stream(context.getBundles())
                .filter(b -> "org.srplatform.notify.tsanet".equals(b.getSymbolicName())).findFirst().orElseThrow();
        tsanet.stop();
        try {
            assertTrue(!http.get("connectors", "escalation1").body().contains("\"tsanet\""));
            // A note to a collaboration that is open is taken, and waits for its connector.
            assertEquals(202, http.post("requests/" + number + "/collaborations/" + open + "/notes", "escalation1",
                    "{\"text\":\"Written while TSANet was stopped\"}").status());
            Thread.sleep(1_500); // several dispatcher rounds
            JsonNode waiting = await(number, open, c -> c.get("notes").size() > 0, "the note kept");
            assertTrue(waiting.toString(), !waiting.get("notes").get(0).get("sent").asBoolean());
            // Asked for while it was installed a moment ago: refused now, naming what is installed.
            Http.Answer refused = http.post("requests/" + number + "/collaborations", "escalation1", body(
                    member.get("id").asText(), "[accept] Later", member.get("fields").get(0).get("id").asText(),
                    "tsanet"));
            assertEquals(refused.body(), 400, refused.status());
            assertEquals(200, http.get("requests/" + number, "engineer1").status());
            assertEquals(200, http.get("escalations", "rem1").status());
        } finally {
            tsanet.start();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!http.get("connectors", "escalation1").body().contains("\"tsanet\"")) {
            assertTrue("TSANet is back", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        await(number, open, c -> c.get("notes").get(0).get("sent").asBoolean(), "the waiting note sent");
        String id = ask(number, member.get("id").asText(), "[accept] After the restart",
                member.get("fields").get(0).get("id").asText());
        awaitState(number, id, "ACCEPTED");
    }

    // ---------------------------------------------------------------- helpers

    private String openSr() {
        Http.Answer sr = http.post("requests", "customer1", "{\"account\":\"1001\",\"product\":\"datacenter\","
                + "\"category\":\"performance\",\"severity\":2,\"subject\":\"Storage\",\"description\":\"x\","
                + "\"contactMethod\":\"EMAIL\"}");
        assertEquals(sr.body(), 201, sr.status());
        return sr.json().get("number").asText();
    }

    private static String body(String partner, String summary, String field, String connector) {
        return "{\"connector\":\"" + connector + "\",\"partner\":\"" + partner + "\",\"summary\":\"" + summary
                + "\",\"detail\":\"Since the upgrade\",\"priority\":\"HIGH\",\"consent\":true,"
                + "\"fields\":{\"" + field + "\":\"AB123456\"}}";
    }

    private String ask(String number, String partner, String summary, String field) {
        Http.Answer a = http.post("requests/" + number + "/collaborations", "escalation1",
                body(partner, summary, field, "tsanet"));
        assertEquals(a.body(), 202, a.status());
        return a.json().get("id").asText();
    }

    private JsonNode awaitState(String number, String id, String state) throws InterruptedException {
        return await(number, id, c -> c.get("state").asText().equals(state), state);
    }

    private JsonNode await(String number, String id, Predicate<JsonNode> done, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode c : http.get("requests/" + number + "/collaborations", "escalation1").json()) {
                if (c.get("id").asText().equals(id)) {
                    last = c;
                    if (done.test(c)) {
                        return c;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("collaboration " + id + " never reached: " + what + "; last seen " + last);
    }

    /** A push to {@code /api/v1/partner-events/{connector}}, signed with {@code secret} (none: unsigned), no sign-in. */
    private HttpResponse<String> push(String connector, String eventId, byte[] body, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/partner-events/" + connector)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            Instant now = Instant.now();
            b.header(WebhookSignature.ID, eventId).header(WebhookSignature.TIMESTAMP,
                    Long.toString(now.getEpochSecond())).header(WebhookSignature.SIGNATURE,
                    WebhookSignature.of(secret).sign(eventId, now, body));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The simulator's cases for one internal case number, read from its own API as a member would. */
    private JsonNode simulatorCases(String internalCaseNumber) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port + "/tsanet-sim/v1/";
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(login.body(), 200, login.statusCode());
        String token = JSON.readTree(login.body()).get("accessToken").asText();
        HttpResponse<String> list = client.send(HttpRequest.newBuilder(URI.create(base
                + "collaboration-requests?internalCaseNumber=" + java.net.URLEncoder.encode(internalCaseNumber,
                java.nio.charset.StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(list.body(), 200, list.statusCode());
        return JSON.readTree(list.body());
    }
}
