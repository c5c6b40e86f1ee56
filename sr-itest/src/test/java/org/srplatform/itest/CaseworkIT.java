package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.outbox.OutboxState;

/**
 * Working SRs over HTTP in the running platform (demo mode, sr-casework): queues, assignment, responses by
 * the customer's contact method, the lifecycle to closure with clocks that pause, internal notes that never
 * reach a customer, targets at risk and breached told once, auto-closure, the SLA report, and casework
 * switched off. Severity 4's update cadence is set to seconds (Config Admin, as an operator would) so that
 * targets pass within a test; the other severities keep hours.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CaseworkIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PID = "org.srplatform.casework";
    /** Severity 4: an update every 0.002 h = 7.2 s, at risk at half of it; resolved SRs close after ~6 s. */
    private static final double FAST_UPDATE_HOURS = 0.002;
    private static final double CLOSE_DAYS = 0.00007;

    @Inject
    private BundleContext context;

    @Inject
    private Outbox outbox;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private ServiceComponentRuntime scr;

    private Http http;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Before
    public void platformWithFastTargets() throws Exception {
        http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("queues", "engineer1", 200, WAIT).status());
        Configuration config = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> props = config.getProperties();
        if (props == null || !Double.valueOf(FAST_UPDATE_HOURS).equals(props.get("update.hours.severity4"))) {
            Dictionary<String, Object> fast = new Hashtable<>();
            fast.put("update.hours.severity2", 1.0d);
            fast.put("update.hours.severity4", FAST_UPDATE_HOURS);
            fast.put("at.risk.share", 0.5d);
            fast.put("watch.interval.seconds", 1);
            fast.put("resolved.close.days", CLOSE_DAYS);
            config.update(fast);
        }
        // Applied once every casework component runs with it (SCR reactivates them).
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!configured("Casework") || !configured("TargetWatch") || !configured("CaseworkParticipant")) {
            assertTrue("casework components took the configuration", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        assertEquals(200, http.await("queues", "engineer1", 200, WAIT).status());
    }

    @Test
    public void anSrWalksFromNewToClosedAndAPauseMovesTheNextUpdateByThePausedTime() throws Exception {
        String n = open("customer1", 2, "EMAIL");
        JsonNode staff = http.get("requests/" + n, "engineer1").json();
        assertEquals("NEW", staff.get("status").asText());
        assertEquals("a new SR lands in the queue its routing rule chose", "general", staff.get("queue").asText());
        assertEquals("customers never see internal queue names", "null",
                http.get("requests/" + n, "customer1").json().get("queue").toString());
        assertTrue(staff.get("responseOwedBy").asText().equals(staff.get("firstResponseDueAt").asText()));

        // The engineer takes it; the duty manager hands it on and back.
        JsonNode taken = ok(http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}"));
        assertEquals("ASSIGNED", taken.get("status").asText());
        assertEquals("engineer1", taken.get("assignee").asText());
        assertEquals("escalation1", ok(http.post("requests/" + n + "/assignment", "duty1",
                "{\"engineer\":\"escalation1\"}")).get("assignee").asText());
        assertEquals("engineer1", ok(http.post("requests/" + n + "/assignment", "duty1",
                "{\"engineer\":\"engineer1\"}")).get("assignee").asText());
        assertTrue(ids(list("requests?assignee=me&status=ASSIGNED&limit=500", "engineer1")).contains(n));
        assertTrue(ids(list("requests?queue=general&limit=500", "duty1")).contains(n));

        // The first response, by e-mail as the customer chose: on time, sent through the outbox.
        JsonNode answered = created(http.post("requests/" + n + "/responses", "engineer1",
                "{\"channel\":\"EMAIL\",\"text\":\"We are looking at the datastore latency.\"}"));
        assertEquals("IN_PROGRESS", answered.get("status").asText());
        assertNotNull(answered.get("firstRespondedAt").textValue());
        assertTrue(answered.get("firstResponseMet").asBoolean());
        Instant responded = Instant.parse(answered.get("firstRespondedAt").asText());
        Instant nextUpdate = Instant.parse(answered.get("nextUpdateDueAt").asText());
        assertEquals("severity 2's cadence, around the clock for datacenter", Duration.ofHours(1),
                Duration.between(responded, nextUpdate));
        assertTrue(messagesFor(n).stream().anyMatch(m -> m.message().subject().equals("RESPONSE")
                && m.message().destination().equals("customer1@acme.example")));

        // Waiting on the customer: nothing is owed, the clock pauses; their answer resumes it.
        JsonNode waiting = ok(http.post("requests/" + n + "/status", "engineer1",
                "{\"status\":\"WAITING_ON_CUSTOMER\",\"reason\":\"Need the vmkernel log\"}"));
        assertTrue(waiting.get("responseOwedBy").isNull());
        Thread.sleep(1_200);
        JsonNode resumed = created(http.post("requests/" + n + "/comments", "customer1",
                "{\"text\":\"Log attached.\"}"));
        assertEquals("the customer's reply moves it back to work", "IN_PROGRESS", resumed.get("status").asText());
        JsonNode clocks = http.get("requests/" + n + "/clocks", "engineer1").json();
        JsonNode pause = clocks.get("pauses").get(0);
        Duration paused = Duration.between(Instant.parse(pause.get("pausedAt").asText()),
                Instant.parse(pause.get("resumedAt").asText()));
        assertTrue(paused.compareTo(Duration.ofSeconds(1)) >= 0);
        assertEquals("WAITING_ON_CUSTOMER", pause.get("status").asText());
        assertEquals("Need the vmkernel log", pause.get("reason").asText());
        assertEquals("the next update is due later by exactly the paused time", nextUpdate.plus(paused),
                Instant.parse(resumed.get("nextUpdateDueAt").asText()));
        JsonNode update = clock(clocks, "NEXT_UPDATE");
        assertEquals(paused.toString(), update.get("pausedTotal").asText());
        assertTrue(clock(clocks, "FIRST_RESPONSE").get("met").asBoolean());

        // Resolved by the engineer, closed by the customer.
        assertEquals("RESOLVED", ok(http.post("requests/" + n + "/status", "engineer1",
                "{\"status\":\"RESOLVED\",\"reason\":\"Firmware updated\"}")).get("status").asText());
        assertEquals("CLOSED", ok(http.post("requests/" + n + "/status", "customer1",
                "{\"status\":\"CLOSED\",\"reason\":\"Works now\"}")).get("status").asText());
        JsonNode timeline = http.get("requests/" + n, "customer1").json().get("timeline");
        List<String> kinds = new ArrayList<>();
        timeline.forEach(e -> kinds.add(e.get("kind").asText() + "/" + e.get("actor").asText()));
        assertTrue(kinds.toString(), kinds.containsAll(List.of("CREATED/customer1", "ASSIGNED/engineer1", "ASSIGNED/duty1",
                "RESPONSE/engineer1", "STATUS_CHANGED/engineer1", "COMMENT/customer1", "STATUS_CHANGED/customer1")));
        assertTrue(http.get("requests/" + n, "engineer1").json().get("responseOwedBy").isNull());
    }

    @Test
    public void refusedStepsChangeNothing() throws Exception {
        String n = open("customer1", 3, "EMAIL");
        assertProblem(http.post("requests/" + n + "/responses", "engineer1",
                "{\"channel\":\"EMAIL\",\"text\":\"hello\"}"), 409, "not assigned");
        assertEquals(403, http.post("requests/" + n + "/assignment", "customer1", "{\"engineer\":\"engineer1\"}").status());
        assertEquals("a customer is refused before the SR is looked up", 403,
                http.post("requests/" + n + "/assignment", "customer2", "{\"engineer\":\"engineer1\"}").status());
        assertEquals(403, http.post("requests/" + n + "/assignment", "rem1", "{\"engineer\":\"engineer1\"}").status());
        assertProblem(http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"escalation1\"}"), 403,
                "takes an SR for themself");
        assertProblem(http.post("requests/" + n + "/assignment", "duty1", "{\"engineer\":\"customer1\"}"), 400,
                "engineer");
        assertProblem(http.post("requests/" + n + "/status", "engineer1",
                "{\"status\":\"WAITING_ON_CUSTOMER\",\"reason\":\"x\"}"), 409, "NEW");
        assertEquals("NEW", http.get("requests/" + n, "engineer1").json().get("status").asText());

        ok(http.post("requests/" + n + "/assignment", "duty1", "{\"engineer\":\"escalation1\"}"));
        assertProblem(http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}"), 409,
                "a duty manager reassigns");
        assertProblem(http.post("requests/" + n + "/responses", "engineer1",
                "{\"channel\":\"EMAIL\",\"text\":\"hello\"}"), 403, "assigned to escalation1");
        assertProblem(http.post("requests/" + n + "/responses", "escalation1",
                "{\"channel\":\"PHONE\",\"text\":\"called\",\"callOutcome\":\"REACHED\"}"), 409, "respond by EMAIL");
        assertProblem(http.post("requests/" + n + "/responses", "escalation1",
                "{\"channel\":\"PHONE\",\"text\":\"called\"}"), 400, "callOutcome");
        assertProblem(http.post("requests/" + n + "/responses", "escalation1",
                "{\"channel\":\"FAX\",\"text\":\"x\"}"), 400, "channel");
        assertEquals(403, http.post("requests/" + n + "/responses", "customer1",
                "{\"channel\":\"EMAIL\",\"text\":\"x\"}").status());
        assertProblem(http.post("requests/" + n + "/status", "customer1", "{\"status\":\"RESOLVED\",\"reason\":\"x\"}"),
                403, "support staff");
        JsonNode still = http.get("requests/" + n, "engineer1").json();
        assertTrue("no refused response counted", still.get("firstRespondedAt").isNull());
        assertEquals("ASSIGNED", still.get("status").asText());

        // A phone-only customer: an e-mail response is the wrong channel; a call that did not reach them is
        // logged but is not the first response.
        String phone = open("customer1", 3, "PHONE");
        ok(http.post("requests/" + phone + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}"));
        assertProblem(http.post("requests/" + phone + "/responses", "engineer1",
                "{\"channel\":\"EMAIL\",\"text\":\"hello\"}"), 409, "respond by PHONE");
        JsonNode voicemail = created(http.post("requests/" + phone + "/responses", "engineer1",
                "{\"channel\":\"PHONE\",\"text\":\"Left a voicemail\",\"callOutcome\":\"VOICEMAIL\"}"));
        assertTrue(voicemail.get("firstRespondedAt").isNull());
        assertEquals("ASSIGNED", voicemail.get("status").asText());
        JsonNode reached = created(http.post("requests/" + phone + "/responses", "engineer1",
                "{\"channel\":\"PHONE\",\"text\":\"Talked it through\",\"callOutcome\":\"REACHED\"}"));
        assertFalse(reached.get("firstRespondedAt").isNull());
        assertEquals("IN_PROGRESS", reached.get("status").asText());
        assertTrue("a phone response sends no e-mail", messagesFor(phone).stream()
                .noneMatch(m -> m.message().subject().equals("RESPONSE")));
    }

    @Test
    public void internalNotesNeverReachTheCustomer() throws Exception {
        String n = open("customer1", 3, "EMAIL");
        String secret = "internal-" + UUID.randomUUID();
        String open = "public-" + UUID.randomUUID();
        ok(http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}"));
        created(http.post("requests/" + n + "/comments", "engineer1", "{\"text\":\"" + secret + " suspect firmware\","
                + "\"internal\":true}"));
        created(http.post("requests/" + n + "/comments", "engineer1", "{\"text\":\"" + open + " please try this\"}"));

        assertTrue("staff see the note", http.get("requests/" + n, "engineer1").body().contains(secret));
        assertFalse(http.get("requests/" + n, "customer1").body().contains(secret));
        assertTrue(http.get("requests/" + n, "customer1").body().contains(open));
        assertFalse(http.get("requests?limit=500", "customer1").body().contains(secret));
        assertFalse(http.get("requests?q=" + secret, "customer1").body().contains(secret));
        assertFalse(http.get("requests?q=suspect+firmware", "customer1").body().contains(secret));
        List<OutboxEntry> mails = messagesFor(n);
        assertTrue("the public comment went to the customer", mails.stream().anyMatch(m ->
                m.message().subject().equals("COMMENT") && m.message().payload().contains(open)
                        && m.message().destination().equals("customer1@acme.example")));
        assertTrue("no message carries the note", mails.stream().noneMatch(m -> m.message().payload().contains(secret)
                || m.message().subject().contains(secret)));
    }

    @Test
    public void targetsAtRiskAndBreachedAreToldOnceToTheAssigneeAndTheDutyManagers() throws Exception {
        String n = open("customer1", 4, "EMAIL");
        ok(http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}"));
        JsonNode answered = created(http.post("requests/" + n + "/responses", "engineer1",
                "{\"channel\":\"EMAIL\",\"text\":\"On it\"}"));
        Instant due = Instant.parse(answered.get("nextUpdateDueAt").asText());
        assertEquals(Duration.ofMillis(Math.round(FAST_UPDATE_HOURS * 3_600_000)),
                Duration.between(Instant.parse(answered.get("firstRespondedAt").asText()), due));

        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode alerts = http.get("requests/" + n + "/clocks", "engineer1").json().get("alerts");
        while (alerts.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            alerts = http.get("requests/" + n + "/clocks", "engineer1").json().get("alerts");
        }
        assertEquals(alerts.toString(), 2, alerts.size());
        Thread.sleep(3_500); // several more passes of the watch (every second)
        alerts = http.get("requests/" + n + "/clocks", "engineer1").json().get("alerts");
        assertEquals("once per target, however many passes", List.of("NEXT_UPDATE/AT_RISK", "NEXT_UPDATE/BREACHED"),
                StreamSupport.stream(alerts.spliterator(), false)
                        .map(a -> a.get("clock").asText() + "/" + a.get("kind").asText()).sorted().toList());
        List<OutboxEntry> told = messagesFor(n).stream().filter(m -> m.message().subject().startsWith("TARGET_")).toList();
        assertEquals(told.toString(), 4, told.size()); // at risk and breached, each to engineer1 and duty1
        assertEquals(2, told.stream().filter(m -> m.message().subject().equals("TARGET_BREACHED")).count());
        assertTrue(told.stream().anyMatch(m -> m.message().payload().contains("\"staff\":\"duty1\"")));
        assertTrue(told.stream().anyMatch(m -> m.message().payload().contains("\"staff\":\"engineer1\"")));

        assertTrue("overdue for its engineer", ids(list("requests?assignee=me&overdue=true&limit=500", "engineer1"))
                .contains(n));
        assertTrue(ids(list("requests?overdue=true&limit=500", "duty1")).contains(n));
        assertTrue(http.get("requests/" + n, "engineer1").body().contains("TARGET_BREACHED"));
        assertFalse("alerts are internal", http.get("requests/" + n, "customer1").body().contains("TARGET_"));
        JsonNode breach = clock(http.get("requests/" + n + "/clocks", "engineer1").json(), "NEXT_UPDATE");
        assertTrue(breach.get("breached").asBoolean());

        // An update to the customer starts a new target: it is owed again later, no longer overdue.
        created(http.post("requests/" + n + "/responses", "engineer1", "{\"channel\":\"EMAIL\",\"text\":\"Update\"}"));
        assertFalse(ids(list("requests?assignee=me&overdue=true&limit=500", "engineer1")).contains(n));
    }

    @Test
    public void aResolvedSrClosesByItselfUnlessTheCustomerReopensIt() throws Exception {
        String closes = open("customer1", 3, "EMAIL");
        String reopened = open("customer1", 3, "EMAIL");
        for (String n : List.of(closes, reopened)) {
            ok(http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}"));
            ok(http.post("requests/" + n + "/status", "engineer1", "{\"status\":\"RESOLVED\",\"reason\":\"Fixed\"}"));
        }
        assertEquals("IN_PROGRESS", ok(http.post("requests/" + reopened + "/status", "customer1",
                "{\"status\":\"IN_PROGRESS\",\"reason\":\"Still broken\"}")).get("status").asText());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!http.get("requests/" + closes, "customer1").json().get("status").asText().equals("CLOSED")
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        JsonNode closed = http.get("requests/" + closes, "customer1").json();
        assertEquals("CLOSED", closed.get("status").asText());
        JsonNode last = closed.get("timeline").get(closed.get("timeline").size() - 1);
        assertEquals("casework", last.get("actor").asText());
        assertTrue(last.get("details").get("reason").asText().contains("no reply"));
        Thread.sleep(1_500);
        assertEquals("a reopened SR stays open", "IN_PROGRESS",
                http.get("requests/" + reopened, "customer1").json().get("status").asText());
    }

    @Test
    public void theSlaReportCountsFirstResponsesMetAndMissed() throws Exception {
        Instant from = Instant.now().minusSeconds(5);
        String n = open("customer1", 2, "EMAIL");
        open("customer1", 3, "EMAIL");
        ok(http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}"));
        created(http.post("requests/" + n + "/responses", "engineer1", "{\"channel\":\"EMAIL\",\"text\":\"Hi\"}"));
        String period = "reports/sla?from=" + from + "&to=" + Instant.now().plusSeconds(5);
        JsonNode report = ok(http.get(period, "duty1"));
        JsonNode total = report.get("total");
        assertTrue(total.toString(), total.get("opened").asInt() >= 2);
        assertTrue(total.get("met").asInt() >= 1);
        assertTrue(total.get("pending").asInt() >= 1);
        assertTrue(total.get("medianSecondsToFirstResponse").isNumber());
        assertTrue(report.get("byOffering").toString(), report.get("byOffering").toString().contains("\"production\""));
        assertTrue(report.get("byProduct").toString().contains("\"datacenter\""));
        assertTrue(report.get("bySeverity").toString().contains("\"2\""));
        // Per UTC day of opening (the charts of the console): the days add up to the period.
        int perDay = 0;
        for (JsonNode day : report.get("byDay")) {
            perDay += day.get("total").get("opened").asInt();
        }
        assertEquals(report.get("byDay").toString(), total.get("opened").asInt(), perDay);
        assertTrue(report.get("byDay").toString().contains("\"datacenter\""));
        assertEquals(403, http.get(period, "customer1").status());
        assertProblem(http.get("reports/sla?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "duty1"), 400, "to");
        assertProblem(http.get("reports/sla?from=yesterday&to=2026-11-01T00:00:00Z", "duty1"), 400, "from");
    }

    @Test
    public void queuesAndRoutingRulesAreDataAdministratorsChange() throws Exception {
        JsonNode queue = ok(http.put("queues/storage-apj", "admin1", "{\"name\":\"Storage APJ\"}"));
        assertEquals("storage-apj", queue.get("id").asText());
        assertEquals(403, http.put("queues/x", "engineer1", "{\"name\":\"X\"}").status());
        assertProblem(http.put("routing-rules", "admin1", "{\"rules\":[{\"queue\":\"nope\"}]}"), 400, "rules[0].queue");
        JsonNode before = ok(http.get("routing-rules", "engineer1"));
        try {
            ok(http.put("routing-rules", "admin1", "{\"rules\":[{\"product\":\"workstation\",\"severity\":1,"
                    + "\"queue\":\"storage-apj\"},{\"queue\":\"general\"}]}"));
            String routed = open("customer1", 1, "EMAIL", "workstation");
            assertEquals("storage-apj", http.get("requests/" + routed, "engineer1").json().get("queue").asText());
            String other = open("customer1", 2, "EMAIL", "workstation");
            assertEquals("general", http.get("requests/" + other, "engineer1").json().get("queue").asText());
        } finally {
            StringBuilder rules = new StringBuilder("{\"rules\":[");
            for (JsonNode r : before.get("items")) {
                rules.append(rules.length() > 10 ? "," : "").append(r.toString());
            }
            ok(http.put("routing-rules", "admin1", rules.append("]}").toString()));
        }
    }

    @Test
    public void withCaseworkDisabledItsEndpointsAnswer503AndIntakeWorks() throws Exception {
        String n = open("customer1", 3, "EMAIL");
        try {
            ok(http.put("admin/features/casework", "admin1", "{\"enabled\":false}"));
            Http.Answer off = http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (off.status() != 503 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                off = http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}");
            }
            assertProblem(off, 503, "casework");
            assertEquals(503, http.get("reports/sla?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", "duty1").status());
            String opened = open("customer1", 3, "EMAIL");
            assertTrue("no queue while casework is off",
                    http.get("requests/" + opened, "engineer1").json().get("queue").isNull());
            ok(http.post("requests/" + opened + "/status", "engineer1", "{\"status\":\"IN_PROGRESS\",\"reason\":\"x\"}"));
        } finally {
            ok(http.put("admin/features/casework", "admin1", "{\"enabled\":true}"));
        }
        assertEquals(200, http.await("queues", "engineer1", 200, WAIT).status());
    }

    // --- helpers

    private String open(String user, int severity, String contactMethod) {
        return open(user, severity, contactMethod, "datacenter");
    }

    private String open(String user, int severity, String contactMethod, String product) {
        JsonNode p = StreamSupport.stream(http.get("products", user).json().get("items").spliterator(), false)
                .filter(x -> x.get("id").asText().equals(product)).findFirst().orElseThrow();
        String category = p.get("categories").get(0).get("id").asText();
        Http.Answer a = http.post("requests", user, "{\"account\":\"1001\",\"product\":\"" + product + "\",\"category\":\""
                + category + "\",\"severity\":" + severity + ",\"subject\":\"Casework " + UUID.randomUUID()
                + "\",\"description\":\"x\",\"contactMethod\":\"" + contactMethod + "\""
                + (contactMethod.equals("EMAIL") ? "" : ",\"phone\":\"+1 650 555 0100\"") + "}");
        assertEquals(a.body(), 201, a.status());
        return a.json().get("number").asText();
    }

    private List<OutboxEntry> messagesFor(String number) {
        List<OutboxEntry> all = new ArrayList<>();
        for (OutboxState state : OutboxState.values()) {
            all.addAll(outbox.list(state, 100_000));
        }
        return all.stream().filter(e -> e.message().request().map(Object::toString).filter(number::equals).isPresent())
                .toList();
    }

    private JsonNode list(String path, String user) {
        return ok(http.get(path, user)).get("items");
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("number").asText()));
        return out;
    }

    private static JsonNode clock(JsonNode clocks, String kind) {
        for (JsonNode c : clocks.get("clocks")) {
            if (c.get("clock").asText().equals(kind)) {
                return c;
            }
        }
        throw new AssertionError("no " + kind + " clock in " + clocks);
    }

    private static JsonNode ok(Http.Answer a) {
        assertEquals(a.body(), 200, a.status());
        return a.json();
    }

    private static JsonNode created(Http.Answer a) {
        assertEquals(a.body(), 201, a.status());
        return a.json();
    }

    private static void assertProblem(Http.Answer a, int status, String detailContains) {
        assertEquals(a.body(), status, a.status());
        assertTrue(a.body(), a.body().contains(detailContains));
    }

    private boolean configured(String component) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.name.equals("org.srplatform.casework.internal." + component)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                Map<String, Object> p = c.properties;
                if (c.state >= ComponentConfigurationDTO.SATISFIED && c.state != ComponentConfigurationDTO.FAILED_ACTIVATION
                        && Double.valueOf(FAST_UPDATE_HOURS).equals(p.get("update.hours.severity4"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
