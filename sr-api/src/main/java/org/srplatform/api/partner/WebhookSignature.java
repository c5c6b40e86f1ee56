package org.srplatform.api.partner;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks pushes the way the Standard Webhooks specification (standardwebhooks.com) does, for connectors
 * whose partners sign with a shared secret: headers {@code webhook-id}, {@code webhook-timestamp} (Unix seconds)
 * and {@code webhook-signature} ({@code v1,<base64 HMAC-SHA256>} entries separated by spaces), signed over
 * {@code id.timestamp.body}. A push older or newer than the tolerance is refused, so a captured push cannot be
 * replayed later; the platform's once-per-event-id rule covers replays within it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 1.1
 */
public final class WebhookSignature {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** How far a push's time may be from ours: the specification's five minutes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String PREFIX = "whsec_";
    private final byte[] key;
    private final Duration tolerance;

    private WebhookSignature(byte[] key, Duration tolerance) {
        this.key = key;
        this.tolerance = tolerance;
    }

    /**
     * A signer for a shared secret: {@code whsec_} and Base64 as the specification writes secrets, or any other
     * text of at least 16 characters, taken as its UTF-8 bytes.
     *
     * @throws IllegalArgumentException if the secret is too short or its Base64 is broken
     */
    public static WebhookSignature of(String secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] key;
        if (secret.startsWith(PREFIX)) {
            try {
                key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a secret that starts with whsec_ continues in Base64", e);
            }
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("a webhook secret has at least 16 bytes; this one has " + key.length);
        }
        return new WebhookSignature(key, DEFAULT_TOLERANCE);
    }

    /** The same secret with another tolerance for the push's time. */
    public WebhookSignature withTolerance(Duration tolerance) {
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        return new WebhookSignature(key, tolerance);
    }

    /** The {@code webhook-signature} value for a push: {@code v1,<base64>}. */
    public String sign(String id, Instant timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(id, timestamp.getEpochSecond(), body));
    }

    /**
     * Checks a push: its id, its time within the tolerance of {@code now}, and one of its signatures.
     *
     * @return the push's {@code webhook-id}, for the platform's once-per-event rule
     * @throws PushRejectedException {@link PushRejectedException.Reason#NOT_AUTHENTIC}, saying what is wrong
     */
    public String verify(PartnerPush push, Instant now) throws PushRejectedException {
        String id = push.header(ID).map(String::strip).filter(s -> !s.isEmpty() && s.length() <= 200)
                .orElseThrow(() -> rejected("header " + ID + " is missing (or longer than 200 characters)"));
        String time = push.header(TIMESTAMP).map(String::strip)
                .orElseThrow(() -> rejected("header " + TIMESTAMP + " is missing"));
        long seconds;
        try {
            seconds = Long.parseLong(time);
        } catch (NumberFormatException e) {
            throw rejected("header " + TIMESTAMP + " is not Unix seconds: '" + time + "'");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            throw rejected("header " + TIMESTAMP + " is more than " + tolerance.toSeconds()
                    + " s away from the platform's clock; a push is signed when it is sent");
        }
        String signatures = push.header(SIGNATURE)
                .orElseThrow(() -> rejected("header " + SIGNATURE + " is missing"));
        byte[] expected = mac(id, seconds, push.body());
        for (String entry : signatures.strip().split("\\s+")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) { // constant time: no timing oracle
                return id;
            }
        }
        throw rejected("no v1 signature in " + SIGNATURE + " matches the body with the shared secret");
    }

    private byte[] mac(String id, long seconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    private static PushRejectedException rejected(String why) {
        return new PushRejectedException(PushRejectedException.Reason.NOT_AUTHENTIC, why);
    }

    @Override
    public String toString() {
        return "WebhookSignature[secret hidden, tolerance " + tolerance + "]";
    }
}
