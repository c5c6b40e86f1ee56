package org.srplatform.notify.tsanet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.srplatform.api.partner.CollaborationRequest;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.ConnectorState;
import org.srplatform.api.partner.Partner;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerField;
import org.srplatform.api.partner.PartnerEvent;
import org.srplatform.api.partner.PartnerNote;
import org.srplatform.api.partner.PartnerPush;
import org.srplatform.api.partner.PushRejectedException;
import org.srplatform.api.partner.WebhookSignature;
import org.srplatform.api.partner.PartnerPriority;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.health.HealthCheck;
import org.srplatform.tsanet.simulator.internal.TsanetSimulation;

class TsanetConnectorTest {
    private static final String USER = "api-user";
    private static final String PASSWORD = "s3cret-pass";
    private static final SrNumber SR = SrNumber.of(2026, 123);
    private static final Map<String, String> SERIAL = Map.of("301", "GX123456");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    private SimulatorServer server;
    private TsanetConnector connector;
    private ConnectionHealth health;

    @BeforeEach
    void start() throws Exception {
        server = serve(400);
        connector = connect(server.baseUrl(), PASSWORD, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        connector.stop();
        server.close();
    }

    private SimulatorServer serve(int validationStatus) throws Exception {
        return new SimulatorServer(new TsanetSimulation(new TsanetSimulation.Settings(USER, PASSWORD,
                Duration.ofSeconds(100), Duration.ofSeconds(30), 2, validationStatus), clock));
    }

    private TsanetConnector connect(URI base, String password, Duration timeout) {
        TsanetSettings settings = TsanetSettings.of(base, USER, password, timeout);
        health = new ConnectionHealth(settings);
        return new TsanetConnector(settings, health, clock);
    }

    private static CollaborationRequest request(String partner, String summary, Map<String, String> fields) {
        return new CollaborationRequest(SR, partner, summary, PartnerPriority.HIGH, "escalation1",
                "Datastore latency since the array's firmware upgrade", true, fields);
    }

    private TsanetSimulation sim() {
        return server.simulation;
    }

    @Test
    void tokenIsRenewedBeforeItExpiresSoNoCallIsRefused() throws Exception {
        connector.partners("Globex");
        clock.advance(Duration.ofSeconds(50));
        connector.partners("Globex");
        assertEquals(1, sim().logins());
        clock.advance(Duration.ofSeconds(31)); // past 80% of the 100 s the token lasts, before its end
        connector.partners("Globex");
        assertEquals(2, sim().logins());
        assertEquals(0, sim().refusedTokens());
    }

    @Test
    void refusedTokenIsRenewedOnceAndTheCallGoesThrough() throws Exception {
        connector.partners("Globex");
        sim().revokeTokens();
        assertEquals(1, connector.partners("Globex").size());
        assertEquals(2, sim().logins());
        assertEquals(1, sim().refusedTokens());
        assertEquals(ConnectorState.READY, connector.state());
    }

    @Test
    void openAfterALostAnswerFindsTheCaseInsteadOfOpeningASecond() throws Exception {
        connector.stop();
        connector = connect(server.baseUrl(), PASSWORD, Duration.ofSeconds(2));
        connector.partners("Globex"); // signed in, so that only the held answer can time out
        CountDownLatch held = server.holdNextCreate();
        PartnerException lost = assertThrows(PartnerException.class,
                () -> connector.open("c-1", request("1001", "Latency", SERIAL)));
        assertTrue(lost.isTransient(), lost.getMessage());
        assertEquals(ConnectorState.DEGRADED, connector.state());
        held.countDown();

        PartnerCase retried = connector.open("c-1", request("1001", "Latency", SERIAL));
        assertEquals(List.of(retried.externalId()), sim().cases(SR + "/c-1"));
        assertEquals(1, sim().createAttempts());
        assertEquals(ConnectorState.READY, connector.state());
    }

    @Test
    void serverErrorsAreTransientAndTheRetriesOpenOneCase() throws Exception {
        CollaborationRequest failing = request("1001", "[5xx 2] Latency", SERIAL);
        for (int attempt = 1; attempt <= 2; attempt++) {
            PartnerException e = assertThrows(PartnerException.class, () -> connector.open("c-5xx", failing));
            assertTrue(e.isTransient(), e.getMessage());
            assertEquals(ConnectorState.DEGRADED, connector.state());
            assertEquals(HealthCheck.Status.DEGRADED, new TsanetHealth(health).check().status());
        }
        PartnerCase opened = connector.open("c-5xx", failing);
        assertEquals(CollaborationState.OPEN, opened.state());
        assertEquals(ConnectorState.READY, connector.state());
        assertEquals(HealthCheck.Status.UP, new TsanetHealth(health).check().status());
        assertEquals(1, sim().caseCount());
        // The case's own calls fail twice too; each is worth retrying.
        assertTrue(assertThrows(PartnerException.class, () -> connector.follow(opened.externalId())).isTransient());
        assertTrue(assertThrows(PartnerException.class, () -> connector.follow(opened.externalId())).isTransient());
        assertEquals(opened.externalId(), connector.follow(opened.externalId()).externalId());
    }

    @Test
    void validationErrorsInA500AnswerAreNotTransient() throws Exception {
        server.close();
        server = serve(500); // the live service's habit
        connector.stop();
        connector = connect(server.baseUrl(), PASSWORD, Duration.ofSeconds(10));
        PartnerException e = assertThrows(PartnerException.class,
                () -> connector.open("c-bad", request("1001", "Latency", Map.of("301", "serial 12"))));
        assertFalse(e.isTransient(), e.getMessage());
        assertTrue(e.getMessage().contains("Array serial number must match"), e.getMessage());
        assertEquals(ConnectorState.READY, connector.state()); // TSANet answered: it is reachable
        assertEquals(0, sim().caseCount());
    }

    @Test
    void requestWithoutARequiredFieldIsRefusedBeforeItLeaves() {
        PartnerException e = assertThrows(PartnerException.class,
                () -> connector.open("c-2", request("1001", "Latency", Map.of("302", "7.1"))));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("'Array serial number' (field 301)"), e.getMessage());
        assertEquals(0, sim().createAttempts());

        PartnerException unknown = assertThrows(PartnerException.class, () -> connector.open("c-3",
                request("1001", "Latency", Map.of("301", "GX123456", "colour", "red"))));
        assertFalse(unknown.isTransient());
        assertTrue(unknown.getMessage().contains("no field colour"), unknown.getMessage());
        assertEquals(0, sim().createAttempts());
    }

    @Test
    void requestWithoutTheCustomersConsentIsRefused() {
        CollaborationRequest noConsent = new CollaborationRequest(SR, "1001", "Latency", PartnerPriority.LOW,
                "escalation1", "", false, SERIAL);
        PartnerException e = assertThrows(PartnerException.class, () -> connector.open("c-4", noConsent));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("consent"), e.getMessage());
        assertEquals(0, sim().createAttempts());
    }

    @Test
    void acceptanceNamesTheEngineerTheCaseNumberAndTheDeadline() throws Exception {
        PartnerCase opened = connector.open("c-acc", request("1001", "Latency", SERIAL));
        assertEquals(CollaborationState.OPEN, opened.state());
        assertTrue(opened.respondBy().isPresent());
        assertEquals(CollaborationState.OPEN, connector.follow(opened.externalId()).state());
        PartnerCase accepted = connector.follow(opened.externalId());
        assertEquals(CollaborationState.ACCEPTED, accepted.state());
        assertTrue(accepted.engineer().orElseThrow().startsWith("Dana Reyes ("), accepted.engineer().toString());
        assertTrue(accepted.response().orElseThrow().startsWith("Accepted as case GX-"), accepted.response().toString());
        assertTrue(accepted.caseNumber().orElseThrow().startsWith("GX-"), accepted.caseNumber().toString());
        assertEquals(1, accepted.notes().size());
        assertTrue(accepted.notes().get(0).author().contains("Globex Storage"));
        assertFalse(accepted.notes().get(0).text().contains("<p>"), accepted.notes().get(0).text());
    }

    @Test
    void aSignedPushIsReadAsTheCaseItCarriesWithoutCallingTsanet() throws Exception {
        String secret = "push secret shared with TSANet";
        TsanetConnector pushed = new TsanetConnector(TsanetSettings.of(server.baseUrl(), USER, PASSWORD,
                Duration.ofSeconds(10)).withPushes(secret), health, clock);
        try {
            byte[] body = ("{\"collaborationRequest\":{\"token\":\"tok-1\",\"status\":\"ACCEPTED\","
                    + "\"receiverCaseNumber\":\"GX-42\",\"respondBy\":\"2026-11-25T13:00:00Z\",\"caseResponses\":["
                    + "{\"type\":\"APPROVAL\",\"engineerName\":\"Dana\",\"nextSteps\":\"Logs please\"}]}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String signature = WebhookSignature.of(secret).sign("evt-9", clock.instant(), body);
            PartnerPush push = new PartnerPush(Map.of("webhook-id", List.of("evt-9"), "webhook-timestamp",
                    List.of(Long.toString(clock.instant().getEpochSecond())), "webhook-signature", List.of(signature)),
                    body);

            PartnerEvent event = pushed.receive(push);

            assertEquals("evt-9", event.eventId());
            assertEquals("tok-1", event.partnerCase().externalId());
            assertEquals(CollaborationState.ACCEPTED, event.partnerCase().state());
            assertEquals(java.util.Optional.of("GX-42"), event.partnerCase().caseNumber());
            assertEquals(0, sim().logins(), "no call to TSANet");

            PushRejectedException forged = assertThrows(PushRejectedException.class, () -> pushed.receive(
                    new PartnerPush(push.headers(), "{\"token\":\"tok-1\",\"status\":\"CLOSED\"}".getBytes())));
            assertEquals(PushRejectedException.Reason.NOT_AUTHENTIC, forged.reason());
            PushRejectedException off = assertThrows(PushRejectedException.class, () -> connector.receive(push));
            assertEquals(PushRejectedException.Reason.NOT_SUPPORTED, off.reason());
            assertTrue(off.getMessage().contains("webhook.secret"), off.getMessage());
        } finally {
            pushed.stop();
        }
    }

    @Test
    void rejectionGivesTheReason() throws Exception {
        PartnerCase opened = connector.open("c-rej", request("1001", "[reject] Latency", SERIAL));
        connector.follow(opened.externalId());
        PartnerCase rejected = connector.follow(opened.externalId());
        assertEquals(CollaborationState.REJECTED, rejected.state());
        assertTrue(rejected.response().orElseThrow().contains("no support agreement"));
    }

    @Test
    void informationRequestIsAnsweredOnceAndThenAccepted() throws Exception {
        PartnerCase opened = connector.open("c-info", request("1001", "[info] Latency", SERIAL));
        connector.follow(opened.externalId());
        PartnerCase asked = connector.follow(opened.externalId());
        assertEquals(CollaborationState.INFORMATION_REQUESTED, asked.state());
        assertTrue(asked.response().orElseThrow().contains("support bundle"));

        assertEquals(CollaborationState.OPEN, connector.answer(opened.externalId(), "c-info-A1", "Bundle uploaded").state());
        assertEquals(CollaborationState.OPEN, connector.answer(opened.externalId(), "c-info-A1", "Bundle uploaded").state());
        PartnerCase accepted = connector.follow(opened.externalId());
        assertEquals(CollaborationState.ACCEPTED, accepted.state());
        assertTrue(accepted.response().orElseThrow().startsWith("Accepted as case GX-"));
    }

    @Test
    void closingTwiceClosesOnceWithOneReasonNote() throws Exception {
        PartnerCase opened = connector.open("c-close", request("1001", "[manual] Latency", SERIAL));
        assertEquals(CollaborationState.CLOSED, connector.close(opened.externalId(), "Fixed by a firmware update").state());
        assertEquals(CollaborationState.CLOSED, connector.close(opened.externalId(), "Fixed by a firmware update").state());
        assertEquals(1, sim().noteCount(opened.externalId()));
    }

    @Test
    void noteIsAddedOnceAndOursIsNotReadBackAsThePartners() throws Exception {
        PartnerCase opened = connector.open("c-note", request("1001", "[manual] Latency", SERIAL));
        PartnerNote note = new PartnerNote(clock.instant(), "escalation1", "Customer confirms the latency.\nDetails follow.");
        connector.addNote(opened.externalId(), "c-note-N1", note);
        PartnerCase after = connector.addNote(opened.externalId(), "c-note-N1", note);
        assertEquals(1, sim().noteCount(opened.externalId()));
        assertEquals(List.of(), after.notes());
        connector.addNote(opened.externalId(), "c-note-N2", note);
        assertEquals(2, sim().noteCount(opened.externalId()));
    }

    @Test
    void directoryGivesMembersWithTheirFormsAndAMemberIsNamedByName() throws Exception {
        List<Partner> found = connector.partners("Initech");
        assertEquals(1, found.size());
        assertEquals("1002/2102", found.get(0).id());
        assertEquals(List.of(new PartnerField("311", "Switch model", true),
                new PartnerField("312", "Support contract number", false)), found.get(0).fields());
        assertEquals(List.of(), connector.partners(" "));

        PartnerCase opened = connector.open("c-name", request("Initech Networks / Routing and Switching", "Flaps",
                Map.of("Switch model", "IN-9000")));
        assertEquals(CollaborationState.OPEN, opened.state());
        PartnerException none = assertThrows(PartnerException.class,
                () -> connector.open("c-none", request("Hooli", "Flaps", Map.of())));
        assertFalse(none.isTransient());
    }

    @Test
    void unconfiguredConnectorRefusesSayingWhatToSet() {
        TsanetSettings unset = TsanetSettings.of(Annotations.of(TsanetConfig.class, Map.of()), false, name -> null);
        ConnectionHealth h = new ConnectionHealth(unset);
        TsanetConnector off = new TsanetConnector(unset, h, clock);
        assertEquals(ConnectorState.UNCONFIGURED, off.state());
        PartnerException e = assertThrows(PartnerException.class, () -> off.open("c-6", request("1001", "x", SERIAL)));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("base.url, username and password"), e.getMessage());
        assertEquals(HealthCheck.Status.UP, new TsanetHealth(h).check().status());
        off.stop();
    }

    @Test
    void unreachableTsanetIsTransientAndDegradesTheHealth() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        connector.stop();
        connector = connect(URI.create("http://127.0.0.1:" + closedPort), PASSWORD, Duration.ofSeconds(5));
        PartnerException e = assertThrows(PartnerException.class, () -> connector.follow("abc"));
        assertTrue(e.isTransient());
        assertEquals(ConnectorState.DEGRADED, connector.state());
        HealthCheck check = new TsanetHealth(health).check();
        assertEquals(HealthCheck.Status.DEGRADED, check.status());
        assertFalse(check.detail().contains(Integer.toString(closedPort)), check.detail());
    }

    @Test
    void refusedLoginWaitsForTheOperatorAndNeverShowsThePassword() {
        connector.stop();
        connector = connect(server.baseUrl(), "wrong-password", Duration.ofSeconds(5));
        PartnerException e = assertThrows(PartnerException.class, () -> connector.partners("Globex"));
        assertTrue(e.isTransient());
        assertFalse(e.getMessage().contains("wrong-password"), e.getMessage());
        assertTrue(e.getMessage().contains("username and password"), e.getMessage());
        assertEquals("TSANet Connect refused the login (username, password)", new TsanetHealth(health).check().detail());
    }
}
