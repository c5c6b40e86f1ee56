package org.srplatform.partner.contract.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
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
import org.srplatform.api.partner.PartnerException;
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
        assertTrue(mail.subject().contains("[SR 26000000001]") && mail.subject().contains("GX-42"), mail.subject());
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

    private static ContractConnector connector(String... vendors) {
        return new ContractConnector(new ContractConfig() {
            @Override public Class<? extends Annotation> annotationType() { return ContractConfig.class; }
            @Override public String vendors() { return String.join(",", vendors); }
        });
    }
}
