package org.srplatform.tsanet.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TsanetSimulationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    private final TsanetSimulation sim = new TsanetSimulation(
            new TsanetSimulation.Settings("demo", "secret", Duration.ofSeconds(100), Duration.ofSeconds(30), 2, 400),
            clock);

    @Test
    void loginGivesABearerTokenThatExpires() throws Exception {
        assertEquals(401, call("POST", "login", null, Map.of("username", "demo", "password", "wrong")).status());
        String token = login();
        assertEquals(200, call("GET", "me", token, null).status());
        clock.advance(Duration.ofSeconds(100));
        assertEquals(401, call("GET", "me", token, null).status());
        assertEquals(401, call("GET", "partners/Globex", null, null).status());
    }

    @Test
    void directoryFindsMembersAndTheirFormsWithOneRequiredField() throws Exception {
        String token = login();
        JsonNode found = body(call("GET", "partners/globex", token, null));
        assertEquals(1, found.size());
        assertEquals(1001, found.get(0).path("companyId").asLong());
        JsonNode form = body(call("GET", "forms/company/1001", token, null));
        assertEquals(found.get(0).path("documentId").asLong(), form.path("documentId").asLong());
        long required = 0;
        for (JsonNode f : form.path("customFields")) {
            required += f.path("required").asBoolean() ? 1 : 0;
        }
        assertEquals(1, required);
        assertEquals(5102, body(call("GET", "forms/department/2102", token, null)).path("documentId").asLong());
        assertEquals(404, call("GET", "forms/company/4242", token, null).status());
    }

    @Test
    void acceptedWithCaseNumberAndEngineerAfterOneFollowUp() throws Exception {
        String token = login();
        String caseToken = body(create(token, "Latency after upgrade", "GX123456", "SR1/c1")).path("token").asText();
        assertEquals("OPEN", follow(token, caseToken).path("status").asText());
        JsonNode accepted = follow(token, caseToken);
        assertEquals("ACCEPTED", accepted.path("status").asText());
        JsonNode approval = accepted.path("caseResponses").get(0);
        assertEquals("APPROVAL", approval.path("type").asText());
        assertTrue(approval.path("caseNumber").asText().startsWith("GX-"));
        assertEquals("Dana Reyes", approval.path("engineerName").asText());
        assertEquals("<p>", accepted.path("caseNotes").get(0).path("summary").asText().substring(0, 3));
    }

    @Test
    void rejectedWithAReason() throws Exception {
        String token = login();
        String caseToken = body(create(token, "[reject] Latency", "GX123456", "SR1/c2")).path("token").asText();
        follow(token, caseToken);
        JsonNode rejected = follow(token, caseToken);
        assertEquals("REJECTED", rejected.path("status").asText());
        assertFalse(rejected.path("caseResponses").get(0).path("reason").asText().isBlank());
    }

    @Test
    void informationRequestedThenAcceptedOnceAnswered() throws Exception {
        String token = login();
        String caseToken = body(create(token, "[info] Latency", "GX123456", "SR1/c3")).path("token").asText();
        follow(token, caseToken);
        assertEquals("INFORMATION", follow(token, caseToken).path("status").asText());
        assertEquals(200, call("POST", "collaboration-requests/" + caseToken + "/information-response", token,
                Map.of("requestedInformation", "bundle attached")).status());
        assertEquals("OPEN", follow(token, caseToken).path("status").asText());
        assertEquals("ACCEPTED", follow(token, caseToken).path("status").asText());
    }

    @Test
    void slowCaseIsCreatedAtOnceButAnsweredLateAndAcceptedOnlyAfterItsTime() throws Exception {
        String token = login();
        TsanetSimulation.Answer created = create(token, "[slow 20] Latency", "GX123456", "SR1/c4");
        assertEquals(Duration.ofSeconds(20), created.delay());
        String caseToken = body(created).path("token").asText();
        assertEquals(1, sim.cases("SR1/c4").size());
        follow(token, caseToken);
        assertEquals("OPEN", follow(token, caseToken).path("status").asText());
        clock.advance(Duration.ofSeconds(20));
        assertEquals("ACCEPTED", follow(token, caseToken).path("status").asText());
    }

    @Test
    void failingCaseAnswers500KTimesAtCreationAndOnItsCallsThenWorks() throws Exception {
        String token = login();
        assertEquals(500, create(token, "[5xx 2] Latency", "GX123456", "SR1/c5").status());
        assertEquals(500, create(token, "[5xx 2] Latency", "GX123456", "SR1/c5").status());
        assertEquals(0, sim.caseCount());
        String caseToken = body(create(token, "[5xx 2] Latency", "GX123456", "SR1/c5")).path("token").asText();
        assertEquals(500, call("GET", "collaboration-requests/" + caseToken, token, null).status());
        assertEquals(500, call("GET", "collaboration-requests/" + caseToken, token, null).status());
        assertEquals(200, call("GET", "collaboration-requests/" + caseToken, token, null).status());
        assertEquals(1, sim.caseCount());
    }

    @Test
    void validationFailuresNameTheFieldWithTheConfiguredStatus() throws Exception {
        String token = login();
        TsanetSimulation.Answer missing = create(token, "Latency", "", "SR1/c6");
        assertEquals(400, missing.status());
        assertTrue(body(missing).path("validationErrors").toString().contains("Array serial number is required"));
        TsanetSimulation live = new TsanetSimulation(
                new TsanetSimulation.Settings("demo", "secret", Duration.ofSeconds(100), Duration.ZERO, 0, 500), clock);
        String t = body(live.handle("POST", "login", Map.of(), null, bytes(Map.of("username", "demo", "password",
                "secret")))).path("accessToken").asText();
        TsanetSimulation.Answer badFormat = live.handle("POST", "collaboration-requests", Map.of(), "Bearer " + t,
                bytes(request("Latency", "serial 1", "SR1/c7")));
        assertEquals(500, badFormat.status());
        assertTrue(body(badFormat).path("validationErrors").toString().contains("Array serial number must match"));
        assertEquals(0, live.caseCount());
    }

    @Test
    void listFindsCasesByInternalCaseNumber() throws Exception {
        String token = login();
        create(token, "Latency", "GX123456", "SR1/c8");
        create(token, "Latency", "GX123456", "SR1/c9");
        JsonNode listed = body(sim.handle("GET", "collaboration-requests", Map.of("internalCaseNumber", "SR1/c9"),
                "Bearer " + token, new byte[0]));
        assertEquals(1, listed.size());
        assertEquals("SR1/c9", listed.get(0).path("submitterCaseNumber").asText());
    }

    @Test
    void notesNeedSummaryAndDescriptionAndClosureClosesOnce() throws Exception {
        String token = login();
        String caseToken = body(create(token, "[manual] Latency", "GX123456", "SR1/c10")).path("token").asText();
        assertEquals(400, call("POST", "collaboration-requests/" + caseToken + "/notes", token,
                Map.of("summary", "only a summary")).status());
        assertEquals(200, call("POST", "collaboration-requests/" + caseToken + "/notes", token,
                Map.of("summary", "s", "description", "a <b> & c")).status());
        JsonNode notes = body(call("GET", "collaboration-requests/" + caseToken + "/notes", token, null));
        assertEquals("<p>a &lt;b&gt; &amp; c</p>", notes.get(0).path("description").asText());
        assertEquals(200, call("POST", "collaboration-requests/" + caseToken + "/closure", token, null).status());
        assertEquals(400, call("POST", "collaboration-requests/" + caseToken + "/closure", token, null).status());
        assertEquals("CLOSED", follow(token, caseToken).path("status").asText());
    }

    private String login() throws Exception {
        return body(call("POST", "login", null, Map.of("username", "demo", "password", "secret"))).path("accessToken")
                .asText();
    }

    private TsanetSimulation.Answer create(String token, String summary, String serial, String internal)
            throws Exception {
        return sim.handle("POST", "collaboration-requests", Map.of(), "Bearer " + token,
                bytes(request(summary, serial, internal)));
    }

    private static ObjectNode request(String summary, String serial, String internal) {
        ObjectNode r = JSON.createObjectNode().put("documentId", 5101).put("internalCaseNumber", internal)
                .put("problemSummary", summary).put("problemDescription", "detail").put("priority", "HIGH")
                .put("testSubmission", false);
        r.putArray("internalNotes");
        r.putArray("customFields").addObject().put("fieldId", 301).put("value", serial);
        return r;
    }

    private JsonNode follow(String token, String caseToken) throws Exception {
        return body(call("GET", "collaboration-requests/" + caseToken, token, null));
    }

    private TsanetSimulation.Answer call(String method, String path, String token, Object body) throws Exception {
        return sim.handle(method, path, Map.of(), token == null ? null : "Bearer " + token,
                body == null ? new byte[0] : bytes(body));
    }

    private static byte[] bytes(Object body) throws Exception {
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode body(TsanetSimulation.Answer answer) throws Exception {
        return JSON.readTree(answer.json());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
