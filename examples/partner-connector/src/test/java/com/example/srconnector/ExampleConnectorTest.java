package com.example.srconnector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.srplatform.api.partner.CollaborationRequest;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerPriority;
import org.srplatform.api.request.SrNumber;

class ExampleConnectorTest {
    private final ExampleConnector connector = new ExampleConnector(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"),
            ZoneOffset.UTC));

    private static CollaborationRequest request(String summary) {
        return new CollaborationRequest(SrNumber.of(2026, 7), "Example Corp", summary, PartnerPriority.HIGH, "escalation1");
    }

    @Test
    void openingTwiceWithOneCorrelationIdIsOneCase() throws PartnerException {
        PartnerCase first = connector.open("C1", request("Datastore latency"));
        PartnerCase again = connector.open("C1", request("Datastore latency"));
        PartnerCase other = connector.open("C2", request("Another problem"));

        assertEquals(CollaborationState.OPEN, first.state());
        assertEquals(first.externalId(), again.externalId());
        assertNotEquals(first.externalId(), other.externalId());
    }

    @Test
    void theFirstFollowAcceptsWithAnEngineerAndLaterFollowsChangeNothing() throws PartnerException {
        String id = connector.open("C1", request("Datastore latency")).externalId();

        PartnerCase accepted = connector.follow(id);
        assertEquals(CollaborationState.ACCEPTED, accepted.state());
        assertEquals(ExampleConnector.ENGINEER, accepted.engineer().orElseThrow());
        assertEquals(1, accepted.notes().size());
        assertEquals(accepted, connector.follow(id));
    }

    @Test
    void aCaseItNeverOpenedIsAPermanentFailure() {
        PartnerException e = assertThrows(PartnerException.class, () -> connector.follow("EX-9"));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("EX-9"));
    }

    @Test
    void aRequestWithoutSummaryIsRefusedNotRetried() {
        assertFalse(assertThrows(PartnerException.class, () -> connector.open("C1", request(" "))).isTransient());
    }
}
