package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Escalation of SRs over HTTP in the running platform (demo mode, sr-escalation): one escalation walked
 * through every step by the role that takes it (request, acceptance, plans, updates, too slow, resources,
 * de-escalation), each refusal (wrong role, missing pre-check or check, wrong state, another region) shown
 * to change nothing, the daily review list, and the feature switched off and on again with the escalation
 * and what it owes untouched. The default clocks (acceptance 2 h, plans 8 h) are used: no step waits on time.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EscalationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PRE_CHECKS = List.of("problemStatementConfirmed", "businessImpactConfirmed",
            "workaroundUnacceptable");
    private static final String MILESTONES = "[{\"name\":\"Go-live\",\"date\":\"2026-12-01\"}]";
    private static final String ACCEPT = "{\"escalationEngineer\":\"escalation1\",\"resources\":\"Storage SME\","
            + "\"processCorrections\":\"Route upgrade SRs to storage\"}";
    private static final String COMMUNICATION_PLAN = "{\"channels\":[\"EMAIL\",\"PHONE\",\"CONFERENCE_CALL\"],"
            + "\"everyHours\":4,\"participants\":[\"Casey Customer\",\"Sam Senior Escalation Engineer\"]}";
    /** When the customer agreed: in the past, as a recorded agreement is (a future one is refused). */
    private static final Instant AGREED_AT = Instant.now().minus(Duration.ofHours(1)).truncatedTo(
            java.time.temporal.ChronoUnit.SECONDS);
    private static final String AGREEMENT = "{\"name\":\"Jane Customer\",\"at\":\"" + AGREED_AT + "\","
            + "\"note\":\"agreed on call\"}";
    private static final String DE_ESCALATE = "{\"actionPlanAccepted\":true,\"rootCauseConfirmed\":true,"
            + "\"customerAgreement\":" + AGREEMENT + "}";
    private static final List<String> STEP_KINDS = List.of("ESCALATION_REQUESTED", "ESCALATION_ACCEPTED",
            "ESCALATION_ACTION_PLAN", "ESCALATION_COMMUNICATION_PLAN", "ESCALATION_UPDATE", "ESCALATION_TOO_SLOW",
            "ESCALATION_RESOURCES", "ESCALATION_DE_ESCALATED");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    private BundleContext context;

    private Http http;
    private int port;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Before
    public void platformWithEscalation() throws Exception {
        port = Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
        http = new Http(port);
        assertEquals(200, http.await("queues", "engineer1", 200, WAIT).status());
        Http.Answer review = http.await("escalations", "duty1", 200, WAIT);
        assertEquals(review.body(), 200, review.status());
    }

    @Test
    public void anEscalationWalksFromRequestToDeEscalationEachStepByItsRole() throws Exception {
        String subject = "Escalated " + UUID.randomUUID();
        String n = open("customer1", "1001", "datacenter", 2, subject);
        ok(http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}"));
        String resources = "resources-" + UUID.randomUUID();
        String corrections = "corrections-" + UUID.randomUUID();
        String moreResources = "more-resources-" + UUID.randomUUID();

        // The customer asks, with every pre-check confirmed and a milestone.
        Posted asked = postForLocation("requests/" + n + "/escalations", "customer1",
                requestBody("PRODUCTION_DOWN_DURING_UPGRADE", true, true, true, MILESTONES, "Go-live is at risk"));
        assertEquals(asked.body(), 201, asked.status());
        JsonNode view = asked.json();
        String id = view.get("id").asText();
        assertTrue(asked.location(), asked.location().endsWith("/api/v1/escalations/" + id));
        assertEquals(n, view.get("request").asText());
        assertEquals("the account's region", "APJ", view.get("region").asText());
        assertEquals("REQUESTED", view.get("state").asText());
        assertEquals("PRODUCTION_DOWN_DURING_UPGRADE", view.get("reason").asText());
        for (String check : PRE_CHECKS) {
            assertTrue(check, view.get(check).asBoolean());
        }
        assertEquals("Go-live", view.get("milestones").get(0).get("name").asText());
        assertEquals("2026-12-01", view.get("milestones").get(0).get("date").asText());
        assertEquals("Go-live is at risk", view.get("detail").asText());
        assertEquals("customer1", view.get("requestedBy").asText());
        assertTrue(absent(view, "escalationEngineer"));
        assertTrue(absent(view, "actionPlan"));
        assertTrue(absent(view, "communicationPlan"));
        assertEquals(2, view.get("severity").asInt());
        assertEquals(subject, view.get("srSubject").asText());
        assertEquals("1001", view.get("account").asText());
        assertFalse(Duration.parse(view.get("age").asText()).isNegative());
        assertFalse(view.get("conferenceCallDue").asBoolean());
        assertEquals(List.of(), texts(view.get("overdue")));
        Instant requestedAt = instant(view, "requestedAt");
        assertEquals("ACCEPTANCE", view.get("due").get("kind").asText());
        assertEquals("the managers owe acceptance within acceptance.hours (2)", requestedAt.plus(Duration.ofHours(2)),
                instant(view.get("due"), "at"));
        assertFalse("a customer never gets resources", view.has("resources"));
        assertFalse("a customer never gets process corrections", view.has("processCorrections"));
        assertEquals(List.of(id), ids(ok(http.get("requests/" + n + "/escalations", "customer1"))));
        assertTrue(reviewIds("escalations?region=APJ", "rem1").contains(id));

        // The regional escalation manager accepts it and names the escalation engineer.
        JsonNode accepted = ok(http.post("escalations/" + id + "/accept", "rem1", "{\"escalationEngineer\":\"escalation1\","
                + "\"resources\":\"" + resources + "\",\"processCorrections\":\"" + corrections + "\"}"));
        assertEquals("ACCEPTED", accepted.get("state").asText());
        assertEquals("escalation1", accepted.get("escalationEngineer").asText());
        assertTrue(accepted.get("resources").asText().contains(resources));
        assertTrue(accepted.get("processCorrections").asText().contains(corrections));
        assertEquals("PLANS", accepted.get("due").get("kind").asText());
        assertEquals("the plans are owed within plans.hours (8) of acceptance",
                instant(accepted, "updatedAt").plus(Duration.ofHours(8)), instant(accepted.get("due"), "at"));
        JsonNode seenByCustomer = ok(http.get("escalations/" + id, "customer1"));
        assertEquals("ACCEPTED", seenByCustomer.get("state").asText());
        assertFalse(seenByCustomer.has("resources"));
        assertFalse(seenByCustomer.has("processCorrections"));

        // The escalation engineer presents the action plan, revises it, and agrees the communication plan.
        JsonNode plan1 = ok(http.put("escalations/" + id + "/action-plan", "escalation1", "{\"text\":\"Plan v1\"}"));
        assertEquals("Plan v1", plan1.get("actionPlan").asText());
        assertEquals("no communication plan yet", "ACCEPTED", plan1.get("state").asText());
        JsonNode plan2 = ok(http.put("escalations/" + id + "/action-plan", "escalation1", "{\"text\":\"Plan v2\"}"));
        assertEquals("Plan v2", plan2.get("actionPlan").asText());
        JsonNode planned = ok(http.put("escalations/" + id + "/communication-plan", "escalation1", COMMUNICATION_PLAN));
        assertEquals("both plans: ACTIVE", "ACTIVE", planned.get("state").asText());
        assertEquals(4, planned.get("communicationPlan").get("everyHours").asInt());
        assertEquals(Set.of("EMAIL", "PHONE", "CONFERENCE_CALL"),
                new HashSet<>(texts(planned.get("communicationPlan").get("channels"))));
        Instant plannedAt = instant(planned, "updatedAt");
        assertEquals(plannedAt.plus(Duration.ofHours(4)), instant(planned, "nextUpdateDueAt"));
        assertEquals("UPDATE", planned.get("due").get("kind").asText());
        assertEquals(instant(planned, "nextUpdateDueAt"), instant(planned.get("due"), "at"));

        // An update by e-mail moves the next one on by the plan's interval.
        JsonNode updated = created(http.post("escalations/" + id + "/updates", "escalation1",
                "{\"channel\":\"EMAIL\",\"text\":\"Firmware fix in test\"}"));
        Instant lastUpdate = instant(updated, "lastUpdateAt");
        assertEquals(lastUpdate.plus(Duration.ofHours(4)), instant(updated, "nextUpdateDueAt"));
        assertEquals("ACTIVE", updated.get("state").asText());

        // The customer finds it too slow: a conference call is due.
        JsonNode slow = ok(http.post("escalations/" + id + "/too-slow", "customer1", "{\"reason\":\"Still down\"}"));
        assertEquals("TOO_SLOW", slow.get("state").asText());
        assertTrue(slow.get("conferenceCallDue").asBoolean());
        assertTrue(slow.get("overdue").toString(), texts(slow.get("overdue")).contains("CONFERENCE_CALL"));
        assertNotNull(instant(slow, "tooSlowAt"));

        // The conference call held: back to ACTIVE.
        JsonNode called = created(http.post("escalations/" + id + "/updates", "escalation1",
                "{\"channel\":\"CONFERENCE_CALL\",\"text\":\"All parties on the bridge\"}"));
        assertEquals("ACTIVE", called.get("state").asText());
        assertFalse(called.get("conferenceCallDue").asBoolean());
        assertFalse(texts(called.get("overdue")).contains("CONFERENCE_CALL"));
        assertEquals(instant(called, "lastUpdateAt").plus(Duration.ofHours(4)), instant(called, "nextUpdateDueAt"));

        // The manager adds resources; both additions are kept.
        JsonNode more = ok(http.post("escalations/" + id + "/resources", "rem1",
                "{\"resources\":\"" + moreResources + "\"}"));
        assertTrue(more.get("resources").asText().contains(resources));
        assertTrue(more.get("resources").asText().contains(moreResources));

        // The escalation engineer de-escalates with every check and the customer's agreement.
        JsonNode done = ok(http.post("escalations/" + id + "/de-escalate", "escalation1", DE_ESCALATE));
        assertEquals("DE_ESCALATED", done.get("state").asText());
        assertNotNull(instant(done, "deEscalatedAt"));
        assertEquals("Jane Customer", done.get("agreement").get("name").asText());
        assertEquals(AGREED_AT, instant(done.get("agreement"), "at"));
        assertEquals("agreed on call", done.get("agreement").get("note").asText());
        assertTrue("nothing owed once de-escalated", absent(done, "due"));

        // Everything kept, for staff; the customer's copy without what is for staff.
        JsonNode details = ok(http.get("escalations/" + id, "escalation1"));
        JsonNode plans = details.get("actionPlans");
        assertEquals(plans.toString(), 2, plans.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(i + 1, plans.get(i).get("revision").asInt());
            assertEquals("Plan v" + (i + 1), plans.get(i).get("text").asText());
            assertEquals("escalation1", login(plans.get(i).get("by")));
            assertNotNull(instant(plans.get(i), "at"));
        }
        JsonNode updates = details.get("updates");
        assertEquals(updates.toString(), 2, updates.size());
        List<String> channels = new ArrayList<>();
        for (JsonNode u : updates) {
            channels.add(u.get("channel").asText());
            assertEquals("escalation1", login(u.get("by")));
            assertNotNull(instant(u, "dueAt"));
            assertFalse("given well before it was due", u.get("late").asBoolean());
        }
        assertEquals(Set.of("EMAIL", "CONFERENCE_CALL"), new HashSet<>(channels));
        JsonNode history = details.get("history");
        assertTrue(history.toString(), history.size() >= 11); // one per step taken above
        Set<String> historyActors = new HashSet<>();
        history.forEach(h -> historyActors.add(login(h.get("by"))));
        assertTrue(historyActors.toString(), historyActors.containsAll(Set.of("customer1", "rem1", "escalation1")));
        assertTrue(details.get("resources").asText().contains(moreResources));

        Http.Answer customerCopy = http.get("escalations/" + id, "customer1");
        JsonNode customerDetails = ok(customerCopy);
        assertFalse(customerDetails.has("resources"));
        assertFalse(customerDetails.has("processCorrections"));
        for (String secret : List.of(resources, corrections, moreResources)) {
            assertFalse(secret, customerCopy.body().contains(secret));
            assertFalse(secret, http.get("requests/" + n, "customer1").body().contains(secret));
            assertFalse(secret, http.get("requests/" + n + "/escalations", "customer1").body().contains(secret));
        }
        assertTrue("the resources step is internal", customerDetails.get("history").size() < history.size());
        assertEquals("DE_ESCALATED", customerDetails.get("state").asText());

        // The SR's timeline tells every step, by whom (the resources decided at acceptance are a resources step
        // of their own); the customer's without the internal ones.
        List<String> steps = List.of("ESCALATION_REQUESTED/customer1", "ESCALATION_ACCEPTED/rem1",
                "ESCALATION_RESOURCES/rem1", "ESCALATION_ACTION_PLAN/escalation1", "ESCALATION_ACTION_PLAN/escalation1",
                "ESCALATION_COMMUNICATION_PLAN/escalation1", "ESCALATION_UPDATE/escalation1",
                "ESCALATION_TOO_SLOW/customer1", "ESCALATION_UPDATE/escalation1", "ESCALATION_RESOURCES/rem1",
                "ESCALATION_DE_ESCALATED/escalation1");
        assertEquals(steps, escalationTimeline(n, "engineer1"));
        assertEquals(steps.stream().filter(s -> !s.startsWith("ESCALATION_RESOURCES/")).toList(),
                escalationTimeline(n, "customer1"));

        // Who was told what, through the outbox.
        Map<String, Set<String>> told = awaitOutbox(n, t -> t.getOrDefault("ESCALATION_TOO_SLOW", Set.of()).size() >= 3
                && t.containsKey("ESCALATION_UPDATE") && t.containsKey("ESCALATION_ACCEPTED")
                && t.containsKey("ESCALATION_REQUESTED"));
        assertTrue(told.toString(), to(told, "ESCALATION_REQUESTED", "rem1"));
        assertTrue(told.toString(), to(told, "ESCALATION_ACCEPTED", "customer1"));
        assertTrue(told.toString(), to(told, "ESCALATION_ACCEPTED", "escalation1"));
        assertTrue(told.toString(), to(told, "ESCALATION_UPDATE", "customer1"));
        for (String staff : List.of("rem1", "duty1", "escalation1")) {
            assertTrue(told.toString(), to(told, "ESCALATION_TOO_SLOW", staff));
        }

        // No longer in the review; the SR may be escalated again, listed newest first.
        assertFalse(reviewIds("escalations", "duty1").contains(id));
        JsonNode again = created(http.post("requests/" + n + "/escalations", "customer1",
                requestBody("UNSATISFIED_WITH_PROGRESS", true, true, true, MILESTONES, "Again")));
        String second = again.get("id").asText();
        assertNotEquals(id, second);
        assertEquals("REQUESTED", again.get("state").asText());
        assertEquals(List.of(second, id), ids(ok(http.get("requests/" + n + "/escalations", "customer1"))));
        assertEquals(List.of(second, id), ids(ok(http.get("requests/" + n + "/escalations", "engineer1"))));
    }

    @Test
    public void eachMissingPreCheckIsNamedAndNothingIsStored() throws Exception {
        String n = open("customer1", "1001", "datacenter", 2, "Pre-checks " + UUID.randomUUID());
        String path = "requests/" + n + "/escalations";
        for (String missing : PRE_CHECKS) {
            assertFieldErrors(http.post(path, "customer1", requestBody("CRITICAL_BUSINESS_IMPACT",
                    !missing.equals("problemStatementConfirmed"), !missing.equals("businessImpactConfirmed"),
                    !missing.equals("workaroundUnacceptable"), MILESTONES, "x")), missing);
        }
        assertFieldErrors(http.post(path, "customer1", requestBody("CRITICAL_BUSINESS_IMPACT", true, true, true, "[]",
                "x")), "milestones");
        assertFieldErrors(http.post(path, "customer1", requestBody("CRITICAL_BUSINESS_IMPACT", true, true, true, null,
                "x")), "milestones");
        assertFieldErrors(http.post(path, "customer1", requestBody("CRITICAL_BUSINESS_IMPACT", false, false, false, null,
                "x")), "problemStatementConfirmed", "businessImpactConfirmed", "workaroundUnacceptable", "milestones");

        assertEquals("nothing stored", 0, ok(http.get(path, "customer1")).size());
        assertEquals(List.of(), escalationTimeline(n, "engineer1"));
        assertFalse(outbox(n).containsKey("ESCALATION_REQUESTED"));
        assertEquals("the first complete request is taken", "REQUESTED", created(http.post(path, "customer1",
                requestBody("CRITICAL_BUSINESS_IMPACT", true, true, true, MILESTONES, "x"))).get("state").asText());
    }

    @Test
    public void theCustomerTheAssignedEngineerDutyManagersAndRegionalManagersMayRequestAndNoOneElse() throws Exception {
        String n = open("customer1", "1001", "datacenter", 3, "Who asks " + UUID.randomUUID());
        String path = "requests/" + n + "/escalations";
        String body = requestBody("CRITICAL_BUSINESS_IMPACT", true, true, true, MILESTONES, "x");
        refused(403, "POST", path, body, "escalation1", "admin1");
        refused(403, "POST", path, body, "engineer1"); // not the SR's assignee
        refused(404, "POST", path, body, "customer2"); // does not see the SR
        assertEquals(401, http.post(path, null, body).status());
        assertEquals("nothing stored", 0, ok(http.get(path, "engineer1")).size());
        assertEquals(List.of(), escalationTimeline(n, "engineer1"));

        ok(http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}"));
        JsonNode byEngineer = created(http.post(path, "engineer1", body));
        assertEquals("engineer1", byEngineer.get("requestedBy").asText());
        for (String staff : List.of("duty1", "rem1")) {
            String other = open("customer1", "1001", "workstation", 3, "Who asks " + UUID.randomUUID());
            JsonNode e = created(http.post("requests/" + other + "/escalations", staff, body));
            assertEquals(staff, e.get("requestedBy").asText());
            assertEquals("REQUESTED", e.get("state").asText());
        }
    }

    @Test
    public void everyStepRefusesTheWrongRoleAndChangesNothing() throws Exception {
        String n = open("customer1", "1001", "datacenter", 2, "Roles " + UUID.randomUUID());
        String id = escalate(n);
        String e = "escalations/" + id;

        Snapshot before = snapshot(n, id);
        refused(403, "POST", e + "/accept", ACCEPT, "customer1", "engineer1", "duty1", "escalation1", "admin1");
        before.assertUnchanged();
        ok(http.post(e + "/accept", "rem1", ACCEPT));

        before = snapshot(n, id);
        refused(403, "PUT", e + "/action-plan", "{\"text\":\"Not mine\"}", "customer1", "engineer1", "duty1", "rem1",
                "admin1");
        refused(403, "PUT", e + "/communication-plan", COMMUNICATION_PLAN, "customer1", "engineer1", "duty1", "rem1",
                "admin1");
        before.assertUnchanged();
        ok(http.put(e + "/action-plan", "escalation1", "{\"text\":\"Plan\"}"));
        ok(http.put(e + "/communication-plan", "escalation1", COMMUNICATION_PLAN));

        before = snapshot(n, id);
        refused(403, "POST", e + "/updates", "{\"channel\":\"EMAIL\",\"text\":\"Not mine\"}", "customer1", "engineer1",
                "duty1", "rem1", "admin1");
        refused(403, "POST", e + "/too-slow", "{\"reason\":\"Not my call\"}", "engineer1", "admin1");
        refused(403, "POST", e + "/resources", "{\"resources\":\"Not mine\"}", "customer1", "engineer1", "duty1",
                "escalation1", "admin1");
        refused(403, "POST", e + "/de-escalate", DE_ESCALATE, "customer1", "engineer1", "duty1", "rem1", "admin1");
        before.assertUnchanged();

        // Too slow may come from the duty manager and the escalation engineer too, not only the customer.
        assertEquals("TOO_SLOW", ok(http.post(e + "/too-slow", "duty1", "{\"reason\":\"Customer called\"}"))
                .get("state").asText());
        assertEquals("TOO_SLOW", ok(http.post(e + "/too-slow", "escalation1", "{\"reason\":\"Need help\"}"))
                .get("state").asText());
    }

    @Test
    public void whoSeesAnEscalation() throws Exception {
        String n = open("customer1", "1001", "datacenter", 3, "Visibility " + UUID.randomUUID());
        String id = escalate(n);
        for (String user : List.of("customer1", "engineer1", "duty1", "rem1", "escalation1", "admin1")) {
            assertEquals(user, id, ok(http.get("escalations/" + id, user)).get("id").asText());
            assertEquals(user, List.of(id), ids(ok(http.get("requests/" + n + "/escalations", user))));
        }
        assertEquals(404, http.get("escalations/" + id, "customer2").status());
        assertEquals(404, http.get("requests/" + n + "/escalations", "customer2").status());
        assertEquals(404, http.get("escalations/999999999", "duty1").status());
        assertEquals(404, http.get("escalations/no-such-id", "duty1").status());
        assertEquals("the review is for staff", 403, http.get("escalations", "customer1").status());
        assertEquals(401, http.get("escalations/" + id, null).status());
    }

    @Test
    public void stepsOutOfOrderAreConflictsOrBadRequestsAndChangeNothing() throws Exception {
        String n = open("customer1", "1001", "datacenter", 2, "Order " + UUID.randomUUID());
        String id = escalate(n);
        String e = "escalations/" + id;

        Snapshot before = snapshot(n, id);
        // Before acceptance no one owns it, so the escalation engineer is refused as anyone else (403): the
        // implementation's reading of "owner only; 409 before acceptance".
        assertProblem(http.put(e + "/action-plan", "escalation1", "{\"text\":\"Too early\"}"), 403, null);
        assertProblem(http.put(e + "/communication-plan", "escalation1", COMMUNICATION_PLAN), 403, null);
        assertProblem(http.post(e + "/too-slow", "customer1", "{\"reason\":\"Nobody took it\"}"), 409, null);
        assertFieldErrors(http.post(e + "/accept", "rem1", "{\"escalationEngineer\":\"engineer1\"}"),
                "escalationEngineer");
        assertFieldErrors(http.post(e + "/accept", "rem1", "{\"escalationEngineer\":\"nobody-" + UUID.randomUUID()
                + "\"}"), "escalationEngineer");
        before.assertUnchanged();

        ok(http.post(e + "/accept", "rem1", ACCEPT));
        before = snapshot(n, id);
        assertProblem(http.post(e + "/accept", "rem1", ACCEPT), 409, null);
        before.assertUnchanged();
        ok(http.put(e + "/action-plan", "escalation1", "{\"text\":\"Plan\"}"));
        before = snapshot(n, id);
        assertProblem(http.post(e + "/updates", "escalation1", "{\"channel\":\"EMAIL\",\"text\":\"No plan\"}"), 409,
                null);
        before.assertUnchanged();

        JsonNode emailOnly = ok(http.put(e + "/communication-plan", "escalation1",
                "{\"channels\":[\"EMAIL\"],\"everyHours\":8,\"participants\":[\"Casey Customer\"]}"));
        assertEquals("ACTIVE", emailOnly.get("state").asText());
        before = snapshot(n, id);
        assertFieldErrors(http.post(e + "/updates", "escalation1", "{\"channel\":\"PHONE\",\"text\":\"Called\"}"),
                "channel");
        before.assertUnchanged();
    }

    @Test
    public void deEscalationNeedsBothChecksAndTheCustomersAgreement() throws Exception {
        String n = open("customer1", "1001", "datacenter", 2, "De-escalation " + UUID.randomUUID());
        String id = escalate(n);
        String e = "escalations/" + id;
        ok(http.post(e + "/accept", "rem1", ACCEPT));
        ok(http.put(e + "/action-plan", "escalation1", "{\"text\":\"Plan\"}"));
        ok(http.put(e + "/communication-plan", "escalation1", COMMUNICATION_PLAN));

        Snapshot before = snapshot(n, id);
        assertProblem(http.post(e + "/de-escalate", "escalation1", "{}"), 409,
                List.of("actionPlanAccepted", "rootCauseConfirmed", "customerAgreement"), List.of());
        assertProblem(http.post(e + "/de-escalate", "escalation1", "{\"actionPlanAccepted\":true,"
                + "\"rootCauseConfirmed\":true}"), 409, List.of("customerAgreement"),
                List.of("actionPlanAccepted", "rootCauseConfirmed"));
        assertProblem(http.post(e + "/de-escalate", "escalation1", "{\"actionPlanAccepted\":false,"
                + "\"rootCauseConfirmed\":false,\"customerAgreement\":" + AGREEMENT + "}"), 409,
                List.of("actionPlanAccepted", "rootCauseConfirmed"), List.of("customerAgreement"));
        assertProblem(http.post(e + "/de-escalate", "escalation1", "{\"actionPlanAccepted\":true,"
                + "\"rootCauseConfirmed\":false,\"customerAgreement\":" + AGREEMENT + "}"), 409,
                List.of("rootCauseConfirmed"), List.of("actionPlanAccepted", "customerAgreement"));
        assertFieldErrors(http.post(e + "/de-escalate", "escalation1", DE_ESCALATE.replace(AGREED_AT.toString(),
                Instant.now().plus(Duration.ofDays(1)).toString())), "customerAgreement.at"); // not yet agreed
        before.assertUnchanged();
        assertEquals("ACTIVE", ok(http.get(e, "escalation1")).get("state").asText());
        assertEquals(409, http.post("requests/" + n + "/escalations", "customer1",
                requestBody("CRITICAL_BUSINESS_IMPACT", true, true, true, MILESTONES, "x")).status());

        assertEquals("DE_ESCALATED", ok(http.post(e + "/de-escalate", "escalation1", DE_ESCALATE)).get("state").asText());
    }

    @Test
    public void aSecondOpenEscalationOfAnSrIsAConflictNamingTheOpenOne() throws Exception {
        String n = open("customer1", "1001", "datacenter", 2, "Twice " + UUID.randomUUID());
        String id = escalate(n);
        String body = requestBody("UNSATISFIED_WITH_PROGRESS", true, true, true, MILESTONES, "Again");
        Snapshot before = snapshot(n, id);
        Http.Answer again = http.post("requests/" + n + "/escalations", "duty1", body);
        assertEquals(again.body(), 409, again.status());
        assertTrue(again.body(), Pattern.compile("\\b" + Pattern.quote(id) + "\\b").matcher(
                again.json().get("detail").asText()).find());
        ok(http.post("escalations/" + id + "/accept", "rem1", ACCEPT));
        Http.Answer accepted = http.post("requests/" + n + "/escalations", "customer1", body);
        assertEquals("still open once accepted: " + accepted.body(), 409, accepted.status());
        assertEquals(List.of(id), ids(ok(http.get("requests/" + n + "/escalations", "engineer1"))));
        assertEquals(1, before.timeline().stream().filter(s -> s.startsWith("ESCALATION_REQUESTED/")).count());
        assertEquals(1, escalationTimeline(n, "engineer1").stream().filter(s -> s.startsWith("ESCALATION_REQUESTED/"))
                .count());
    }

    @Test
    public void aRegionalEscalationManagerAcceptsOnlyTheirRegion() throws Exception {
        String n = open("customer2", "2002", "workstation", 2, "EMEA " + UUID.randomUUID());
        JsonNode asked = created(http.post("requests/" + n + "/escalations", "customer2",
                requestBody("CRITICAL_BUSINESS_IMPACT", true, true, true, MILESTONES, "x")));
        String id = asked.get("id").asText();
        assertEquals("EMEA", asked.get("region").asText());
        Snapshot before = snapshot(n, id);
        assertProblem(http.post("escalations/" + id + "/accept", "rem1", ACCEPT), 403, null);
        refused(403, "POST", "escalations/" + id + "/resources", "{\"resources\":\"APJ team\"}", "rem1");
        before.assertUnchanged();
        assertEquals("REQUESTED", ok(http.get("escalations/" + id, "rem1")).get("state").asText());
        assertFalse("rem1 is not told of another region's escalation",
                to(outbox(n), "ESCALATION_REQUESTED", "rem1"));
        assertTrue(reviewIds("escalations?region=EMEA", "duty1").contains(id));
        assertFalse(reviewIds("escalations?region=APJ", "duty1").contains(id));
        assertEquals(404, http.get("escalations/" + id, "customer1").status());
    }

    @Test
    public void theReviewListsOpenEscalationsDueSoonestFirstToStaffOnly() throws Exception {
        String waiting = escalate(open("customer1", "1001", "datacenter", 3, "Review " + UUID.randomUUID()));
        String accepted = escalate(open("customer1", "1001", "datacenter", 3, "Review " + UUID.randomUUID()));
        ok(http.post("escalations/" + accepted + "/accept", "rem1", ACCEPT));

        List<JsonNode> all = review("escalations?region=APJ&limit=500", "duty1");
        List<String> ids = all.stream().map(v -> v.get("id").asText()).toList();
        assertTrue("acceptance (2 h) is owed before the plans (8 h)",
                ids.indexOf(waiting) >= 0 && ids.indexOf(waiting) < ids.indexOf(accepted));
        for (int i = 1; i < all.size(); i++) {
            assertFalse("due soonest first: " + ids, instant(all.get(i).get("due"), "at")
                    .isBefore(instant(all.get(i - 1).get("due"), "at")));
        }
        for (JsonNode v : all) {
            assertNotEquals("only open escalations", "DE_ESCALATED", v.get("state").asText());
            assertEquals("APJ", v.get("region").asText());
        }
        List<String> acceptedOnly = reviewIds("escalations?state=ACCEPTED", "rem1");
        assertTrue(acceptedOnly.contains(accepted));
        assertFalse(acceptedOnly.contains(waiting));
        assertFalse(reviewIds("escalations?region=EMEA", "escalation1").contains(waiting));

        // One page at a time: the same escalations in the same order.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(http.get("escalations?region=APJ&limit=1" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), "duty1"));
            assertTrue(page.toString(), page.get("items").size() <= 1);
            page.get("items").forEach(v -> paged.add(v.get("id").asText()));
            cursor = absent(page, "next") ? null : page.get("next").asText();
            assertTrue("the pages end", ++pages <= ids.size() + 1);
        } while (cursor != null);
        assertEquals(ids, paged);

        assertEquals(403, http.get("escalations", "customer1").status());
        assertEquals(403, http.get("escalations?region=APJ", "customer2").status());
        assertEquals(401, http.get("escalations", null).status());
    }

    @Test
    public void withEscalationDisabledItsEndpointsAnswer503AndTheEscalationResumesUnchanged() throws Exception {
        String n = open("customer1", "1001", "datacenter", 2, "Switched " + UUID.randomUUID());
        String id = escalate(n);
        String e = "escalations/" + id;
        ok(http.post(e + "/accept", "rem1", ACCEPT));
        ok(http.put(e + "/action-plan", "escalation1", "{\"text\":\"Plan\"}"));
        JsonNode active = ok(http.put(e + "/communication-plan", "escalation1", COMMUNICATION_PLAN));
        assertEquals("ACTIVE", active.get("state").asText());
        JsonNode before = withoutAge(ok(http.get(e, "escalation1")));
        String body = requestBody("CRITICAL_BUSINESS_IMPACT", true, true, true, MILESTONES, "x");
        try {
            ok(http.put("admin/features/escalation", "admin1", "{\"enabled\":false}"));
            Http.Answer off = http.get(e, "escalation1");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (off.status() != 503 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                off = http.get(e, "escalation1");
            }
            assertProblem(off, 503, "escalation");
            Map<String, Http.Answer> answers = new LinkedHashMap<>();
            answers.put("POST requests/n/escalations", http.post("requests/" + n + "/escalations", "customer1", body));
            answers.put("GET requests/n/escalations", http.get("requests/" + n + "/escalations", "customer1"));
            answers.put("GET escalations", http.get("escalations", "duty1"));
            answers.put("POST accept", http.post(e + "/accept", "rem1", ACCEPT));
            answers.put("PUT action-plan", http.put(e + "/action-plan", "escalation1", "{\"text\":\"x\"}"));
            answers.put("PUT communication-plan", http.put(e + "/communication-plan", "escalation1", COMMUNICATION_PLAN));
            answers.put("POST updates", http.post(e + "/updates", "escalation1", "{\"channel\":\"EMAIL\",\"text\":\"x\"}"));
            answers.put("POST too-slow", http.post(e + "/too-slow", "customer1", "{\"reason\":\"x\"}"));
            answers.put("POST resources", http.post(e + "/resources", "rem1", "{\"resources\":\"x\"}"));
            answers.put("POST de-escalate", http.post(e + "/de-escalate", "escalation1", DE_ESCALATE));
            answers.forEach((what, a) -> assertProblem(a, 503, "escalation", what));

            // SRs keep working.
            JsonNode sr = ok(http.get("requests/" + n, "customer1"));
            assertEquals(n, sr.get("number").asText());
            created(http.post("requests/" + n + "/comments", "customer1", "{\"text\":\"Still there?\"}"));
            open("customer1", "1001", "datacenter", 3, "While escalation is off " + UUID.randomUUID());
        } finally {
            ok(http.put("admin/features/escalation", "admin1", "{\"enabled\":true}"));
        }
        Http.Answer back = http.await(e, "escalation1", 200, WAIT);
        JsonNode after = withoutAge(ok(back));
        assertEquals("ACTIVE", after.get("state").asText());
        assertEquals(before.get("due"), after.get("due"));
        assertEquals(before.get("nextUpdateDueAt"), after.get("nextUpdateDueAt"));
        assertEquals("the escalation as it was", before, after);
        assertTrue(reviewIds("escalations", "duty1").contains(id));
    }

    // --- helpers

    private String open(String user, String account, String product, int severity, String subject) {
        JsonNode p = null;
        for (JsonNode x : http.get("products", user).json().get("items")) {
            if (x.get("id").asText().equals(product)) {
                p = x;
            }
        }
        assertNotNull(product, p);
        Http.Answer a = http.post("requests", user, "{\"account\":\"" + account + "\",\"product\":\"" + product
                + "\",\"category\":\"" + p.get("categories").get(0).get("id").asText() + "\",\"severity\":" + severity
                + ",\"subject\":\"" + subject + "\",\"description\":\"x\",\"contactMethod\":\"EMAIL\"}");
        assertEquals(a.body(), 201, a.status());
        return a.json().get("number").asText();
    }

    /** customer1 escalates SR {@code n}: the new escalation's id. */
    private String escalate(String n) {
        JsonNode e = created(http.post("requests/" + n + "/escalations", "customer1",
                requestBody("CRITICAL_BUSINESS_IMPACT", true, true, true, MILESTONES, "Business stopped")));
        assertEquals("REQUESTED", e.get("state").asText());
        return e.get("id").asText();
    }

    /** A request body; {@code milestones} null leaves the key out. */
    private static String requestBody(String reason, boolean problemStatement, boolean businessImpact,
            boolean workaroundUnacceptable, String milestones, String detail) {
        ObjectNode b = JSON.createObjectNode();
        b.put("reason", reason);
        b.put("problemStatementConfirmed", problemStatement);
        b.put("businessImpactConfirmed", businessImpact);
        b.put("workaroundUnacceptable", workaroundUnacceptable);
        if (milestones != null) {
            try {
                b.set("milestones", JSON.readTree(milestones));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        b.put("detail", detail);
        return b.toString();
    }

    /** Each user gets {@code status} for the same call. */
    private void refused(int status, String method, String path, String body, String... users) {
        for (String user : users) {
            Http.Answer a = http.send(method, path, user, body);
            assertEquals(method + " " + path + " as " + user + ": " + a.body(), status, a.status());
        }
    }

    /**
     * What may not change when a step is refused: the escalation with everything kept, and the SR's timeline
     * (but for the dispatcher's delivery records, which arrive when they arrive).
     */
    private record Snapshot(EscalationIT test, String number, String id, JsonNode escalation, List<String> timeline,
            List<JsonNode> entries) {
        void assertUnchanged() {
            Snapshot now = test.snapshot(number, id);
            assertEquals("the escalation is unchanged", escalation, now.escalation);
            assertEquals("the SR's timeline is unchanged", entries, now.entries);
        }
    }

    private Snapshot snapshot(String number, String id) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode t : ok(http.get("requests/" + number, "engineer1")).get("timeline")) {
            if (!t.get("kind").asText().startsWith("NOTIFICATION_")) {
                entries.add(t);
            }
        }
        return new Snapshot(this, number, id, withoutAge(ok(http.get("escalations/" + id, "duty1"))),
                escalationTimeline(number, "engineer1"), entries);
    }

    /** "KIND/actor" of the SR's escalation entries, oldest first, as {@code user} sees the SR. */
    private List<String> escalationTimeline(String number, String user) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : ok(http.get("requests/" + number, user)).get("timeline")) {
            String kind = t.get("kind").asText();
            if (STEP_KINDS.contains(kind)) {
                out.add(kind + "/" + t.get("actor").asText());
            }
        }
        return out;
    }

    /** Message kind → recipients of the SR's notifications in the outbox, whatever state they reached. */
    private Map<String, Set<String>> outbox(String number) {
        Map<String, Set<String>> told = new LinkedHashMap<>();
        for (String state : List.of("PENDING", "SENDING", "SENT", "DEAD")) {
            for (JsonNode m : ok(http.get("admin/outbox?state=" + state + "&limit=500", "admin1")).get("items")) {
                if (number.equals(m.get("number").asText(null)) && m.get("type").asText().equals("notification")) {
                    told.computeIfAbsent(m.get("kind").asText(), k -> new HashSet<>()).add(m.get("destination").asText());
                }
            }
        }
        return told;
    }

    /** The outbox read until {@code done} holds (a message moves on between the states' reads), merged. */
    private Map<String, Set<String>> awaitOutbox(String number, Predicate<Map<String, Set<String>>> done)
            throws InterruptedException {
        Map<String, Set<String>> told = new LinkedHashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            outbox(number).forEach((kind, to) -> told.computeIfAbsent(kind, k -> new HashSet<>()).addAll(to));
            if (done.test(told)) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return told;
    }

    /** A message of {@code kind} went to the demo user {@code login} (their e-mail address, or their login). */
    private static boolean to(Map<String, Set<String>> told, String kind, String login) {
        return told.getOrDefault(kind, Set.of()).stream().anyMatch(d -> d.equals(login) || d.startsWith(login + "@"));
    }

    private List<JsonNode> review(String path, String user) {
        JsonNode page = ok(http.get(path, user));
        List<JsonNode> out = new ArrayList<>();
        page.get("items").forEach(out::add);
        return out;
    }

    private List<String> reviewIds(String path, String user) {
        return review(path + (path.contains("?") ? "&" : "?") + "limit=500", user).stream()
                .map(v -> v.get("id").asText()).toList();
    }

    private static List<String> ids(JsonNode array) {
        assertTrue(array.toString(), array.isArray());
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.get("id").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    private static boolean absent(JsonNode node, String key) {
        return !node.has(key) || node.get(key).isNull();
    }

    private static Instant instant(JsonNode node, String key) {
        assertFalse(key + " in " + node, absent(node, key));
        return Instant.parse(node.get(key).asText());
    }

    /** A login from an actor as a view shows it: the login itself, or an object with it. */
    private static String login(JsonNode by) {
        if (by == null || by.isNull()) {
            return null;
        }
        if (by.isTextual()) {
            return by.asText();
        }
        return by.has("login") ? by.get("login").asText() : by.get("id").asText();
    }

    /** The view without its age, which grows by itself. */
    private static JsonNode withoutAge(JsonNode view) {
        ObjectNode copy = view.deepCopy();
        copy.remove("age");
        return copy;
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
        assertProblem(a, status, detailContains, "");
    }

    private static void assertProblem(Http.Answer a, int status, String detailContains, String what) {
        assertEquals(what + " " + a.body(), status, a.status());
        assertNotNull(what + " a problem with a detail: " + a.body(), a.json() == null ? null : a.json().get("detail"));
        if (detailContains != null) {
            assertTrue(what + " " + a.body(), a.json().get("detail").asText().contains(detailContains));
        }
    }

    /** A problem whose detail names each of {@code named} and none of {@code notNamed}. */
    private static void assertProblem(Http.Answer a, int status, List<String> named, List<String> notNamed) {
        assertProblem(a, status, null);
        String detail = a.json().get("detail").asText();
        for (String n : named) {
            assertTrue(n + " named in: " + detail, detail.contains(n));
        }
        for (String n : notNamed) {
            assertFalse(n + " holds, so not named in: " + detail, detail.contains(n));
        }
    }

    /** A 400 with exactly one error for each of {@code fields}, and no other. */
    private static void assertFieldErrors(Http.Answer a, String... fields) {
        assertEquals(a.body(), 400, a.status());
        List<String> got = new ArrayList<>();
        for (JsonNode err : a.json().get("errors")) {
            got.add(err.get("field").asText());
            assertFalse(a.body(), err.get("message").asText().isBlank());
        }
        assertEquals(a.body(), Set.of(fields), new HashSet<>(got));
        assertEquals("one error per field: " + a.body(), fields.length, got.size());
    }

    /** A POST answered with its Location header (the shared client does not keep headers). */
    private record Posted(int status, String location, JsonNode json, String body) {
    }

    private Posted postForLocation(String path, String user, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/" + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = r.body();
        return new Posted(r.statusCode(), r.headers().firstValue("Location").orElse(""),
                body.isEmpty() ? null : JSON.readTree(body), body);
    }
}
