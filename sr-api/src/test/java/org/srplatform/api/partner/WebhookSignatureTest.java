package org.srplatform.api.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final byte[] BODY = "{\"token\":\"T1\",\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);

    private static PartnerPush push(String id, Instant at, String signature, byte[] body) {
        return new PartnerPush(Map.of("Webhook-Id", List.of(id), "WEBHOOK-TIMESTAMP",
                List.of(Long.toString(at.getEpochSecond())), "webhook-signature", List.of(signature)), body);
    }

    @Test
    void aPushSignedWithTheSecretIsTakenAndItsIdReturned() throws Exception {
        WebhookSignature signer = WebhookSignature.of("a shared secret of some length");
        String signature = signer.sign("evt-1", NOW, BODY);
        assertEquals("evt-1", signer.verify(push("evt-1", NOW.minusSeconds(30), signer.sign("evt-1",
                NOW.minusSeconds(30), BODY), BODY), NOW));
        // Several signatures (a secret being rotated): one that matches is enough.
        assertEquals("evt-1", signer.verify(push("evt-1", NOW, "v1,AAAA " + signature, BODY), NOW));
    }

    @Test
    void theSpecificationsExampleVerifies() throws Exception {
        // The example of standardwebhooks.com's reference libraries.
        WebhookSignature signer = WebhookSignature.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .withTolerance(java.time.Duration.ofDays(365 * 100));
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.ofEpochSecond(1614265330);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek",
                at, body));
    }

    @Test
    void aChangedBodyAnotherSecretOrAnOldPushIsRefusedSayingWhy() {
        WebhookSignature signer = WebhookSignature.of("a shared secret of some length");
        String signature = signer.sign("evt-1", NOW, BODY);
        byte[] changed = "{\"token\":\"T1\",\"status\":\"REJECTED\"}".getBytes(StandardCharsets.UTF_8);
        PushRejectedException body = assertThrows(PushRejectedException.class,
                () -> signer.verify(push("evt-1", NOW, signature, changed), NOW));
        assertEquals(PushRejectedException.Reason.NOT_AUTHENTIC, body.reason());
        assertThrows(PushRejectedException.class, () -> WebhookSignature.of("another secret of some length")
                .verify(push("evt-1", NOW, signature, BODY), NOW));
        PushRejectedException old = assertThrows(PushRejectedException.class,
                () -> signer.verify(push("evt-1", NOW, signature, BODY), NOW.plusSeconds(301)));
        assertTrue(old.getMessage().contains("webhook-timestamp"), old.getMessage());
        PushRejectedException otherId = assertThrows(PushRejectedException.class,
                () -> signer.verify(push("evt-2", NOW, signature, BODY), NOW));
        assertTrue(otherId.getMessage().contains("no v1 signature"), otherId.getMessage());
        PushRejectedException unsigned = assertThrows(PushRejectedException.class,
                () -> signer.verify(new PartnerPush(Map.of(), BODY), NOW));
        assertTrue(unsigned.getMessage().contains("webhook-id"), unsigned.getMessage());
    }

    @Test
    void aShortSecretIsRefusedAndNeverShown() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.of("short"));
        assertTrue(!WebhookSignature.of("a shared secret of some length").toString().contains("shared"));
    }
}
