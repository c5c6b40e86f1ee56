package org.srplatform.partner.contract.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.srplatform.api.notify.Delivery;
import org.srplatform.api.notify.DeliveryException;
import org.srplatform.api.notify.Notification;
import org.srplatform.api.notify.NotificationChannel;
import org.srplatform.api.partner.CollaborationRequest;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.ConnectorState;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerEvent;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerPush;
import org.srplatform.api.partner.PushRejectedException;
import org.srplatform.api.partner.WebhookSignature;
import org.srplatform.api.partner.PartnerPriority;
import org.srplatform.api.request.SrNumber;

class ContractConnectorTest {
    private final List<Notification> sent = new ArrayList<>();
    private boolean serverDown;
    private final NotificationChannel email = new NotificationChannel() {
        @Override public String id() { return "email"; }
        @Override public boolean accepts(Notification n) { return n.recipient().email().isPresent(); }
        @Override public Delivery deliver(Notification n) throws DeliveryException {
            if (serverDown) {
                throw new DeliveryException("connection refused", true, null);
            }
            sent.add(n);
            return new Delivery("email", "<" + n.id() + "@sr>", Instant.now());
        }
    };

    @Test
    void opensTheCaseByMailToTheVendorWithTheContractAndTheCaseInIt() throws Exception {
        ContractConnector connector = connector("globex|Globex Storage|support@globex.example", "not a vendor");
        connector.addChannel(email);

        var opened = connector.open("C7", request("globex", Map.of("contractNumber", "GX-42"), true));

        assertEquals(CollaborationState.OPEN, opened.state());
        assertEquals("C7", opened.externalId());
        Notification mail = sent.get(0);
        assertEquals("support@globex.example", mail.recipient().email().orElseThrow());
        assertTrue(mail.subject().startsWith("[SR 26000000001 / C7] ") && mail.subject().contains("GX-42"),
                mail.subject());
        assertTrue(mail.body().contains("Disk errors since the upgrade"), mail.body());
        assertEquals(List.of("globex"), connector.partners("glob").stream().map(p -> p.id()).toList());
        assertTrue(connector.partners("").get(0).fields().get(0).required());
        assertEquals(CollaborationState.CLOSED, connector.close("GX-1", "solved").state());
    }

    @Test
    void aMissingContractNumberOrConsentOrAnUnknownVendorIsRefusedForGoodAMailOutageIsRetried() {
        ContractConnector connector = connector("globex|Globex Storage|support@globex.example");
        connector.addChannel(email);
        PartnerException noContract = assertThrows(PartnerException.class,
                () -> connector.open("C1", request("globex", Map.of(), true)));
        assertFalse(noContract.isTransient());
        assertTrue(noContract.getMessage().contains("contractNumber"));
        assertFalse(assertThrows(PartnerException.class,
                () -> connector.open("C1", request("globex", Map.of("contractNumber", "1"), false))).isTransient());
        assertFalse(assertThrows(PartnerException.class,
                () -> connector.open("C1", request("initech", Map.of("contractNumber", "1"), true))).isTransient());
        serverDown = true;
        assertTrue(assertThrows(PartnerException.class,
                () -> connector.open("C1", request("globex", Map.of("contractNumber", "1"), true))).isTransient());
        assertEquals(List.of(), sent);
    }

    @Test
    void itsStateSaysWhatIsMissing() {
        assertEquals(ConnectorState.UNCONFIGURED, connector().state());
        ContractConnector configured = connector("globex|Globex Storage|support@globex.example");
        assertEquals(ConnectorState.DEGRADED, configured.state(), "no channel to send with");
        configured.addChannel(email);
        assertEquals(ConnectorState.READY, configured.state());
    }

    private static CollaborationRequest request(String partner, Map<String, String> fields, boolean consent) {
        return new CollaborationRequest(new SrNumber(26000000001L), partner, "Disk errors", PartnerPriority.HIGH,
                "escalation1", "Disk errors since the upgrade", consent, fields);
    }

    @Test
    void aVendorsReplyPushedByTheMailGatewayGivesItsCaseNumberAndNoteOnce() throws Exception {
        ContractConnector connector = new ContractConnector(ContractSetup.settings(config(SECRET,
                "globex|Globex Storage|support@globex.example"), CLOCK));
        String reply = "{\"messageId\":\"<r1@globex.example>\",\"from\":\"Val <val@globex.example>\","
                + "\"subject\":\"RE: [SR 26000000001 / C7] New support case under contract GX-42: Disk errors\","
                + "\"text\":\"We opened Case Number: VX-1234 for this.\\nVal\\n\\nOn Mon, Nov 30, 2026 SR wrote:\\n> quoted\"}";

        PartnerEvent event = connector.receive(signed("w-1", reply));

        assertEquals("<r1@globex.example>", event.eventId(), "the mail's own id: relayed twice is one event");
        PartnerCase reported = event.partnerCase();
        assertEquals("C7", reported.externalId());
        assertEquals(CollaborationState.ACCEPTED, reported.state());
        assertEquals(Optional.of("VX-1234"), reported.caseNumber());
        assertEquals("We opened Case Number: VX-1234 for this.\nVal", reported.notes().get(0).text());

        PartnerCase noteOnly = connector.receive(signed("w-2", "{\"from\":\"val@globex.example\",\"subject\":"
                + "\"Re: [SR 26000000001 / C7] more\",\"text\":\"In this case the logs help.\"}")).partnerCase();
        assertEquals(CollaborationState.OPEN, noteOnly.state(), "no number: a note only");
        assertEquals(Optional.empty(), noteOnly.caseNumber());
    }

    @Test
    void aReplyNotSignedNotOursOrWithoutASecretIsRefusedSayingWhy() {
        ContractConnector connector = new ContractConnector(ContractSetup.settings(config(SECRET, "g|G|s@g.example"),
                CLOCK));
        String reply = "{\"subject\":\"Re: [SR 26000000001 / C7] x\",\"text\":\"Case 1234\"}";
        PartnerPush forged = new PartnerPush(signed("w-1", reply).headers(), "{\"subject\":\"other\"}".getBytes());
        assertEquals(PushRejectedException.Reason.NOT_AUTHENTIC,
                assertThrows(PushRejectedException.class, () -> connector.receive(forged)).reason());
        PushRejectedException noMarker = assertThrows(PushRejectedException.class, () -> connector.receive(
                signed("w-3", "{\"subject\":\"Hello\",\"text\":\"Case 1234\"}")));
        assertEquals(PushRejectedException.Reason.MALFORMED, noMarker.reason());
        assertTrue(noMarker.getMessage().contains("marker"), noMarker.getMessage());
        PushRejectedException off = assertThrows(PushRejectedException.class, () -> connector("g|G|s@g.example")
                .receive(signed("w-1", reply)));
        assertEquals(PushRejectedException.Reason.NOT_SUPPORTED, off.reason());
        assertTrue(off.getMessage().contains("webhook.secret"), off.getMessage());
    }

    private static final String SECRET = "mail gateway shared secret";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

    private static PartnerPush signed(String id, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new PartnerPush(Map.of(WebhookSignature.ID, List.of(id), WebhookSignature.TIMESTAMP,
                List.of(Long.toString(CLOCK.instant().getEpochSecond())), WebhookSignature.SIGNATURE,
                List.of(WebhookSignature.of(SECRET).sign(id, CLOCK.instant(), bytes))), bytes);
    }

    private static ContractConfig config(String secret, String... vendors) {
        return new ContractConfig() {
            @Override public Class<? extends Annotation> annotationType() { return ContractConfig.class; }
            @Override public String vendors() { return String.join(",", vendors); }
            @Override public String webhook_secret() { return secret; }
            @Override public String case_number_pattern() { return ContractReplies.DEFAULT_CASE_NUMBER; }
        };
    }

    private static ContractConnector connector(String... vendors) {
        return new ContractConnector(ContractSetup.settings(config("", vendors), CLOCK));
    }
}
