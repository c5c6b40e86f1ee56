package org.srplatform.spi.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.request.SrNumber;

/**
 * A message to send once the change that caused it has committed: a notification, a partner call.
 * Written to the outbox in the change's transaction, so it is sent if and only if the change happened.
 *
 * @param type        which dispatcher sends it ({@code notification}, {@code partner:tsanet}...)
 * @param request     the SR it is about, if any (set by the store on creation)
 * @param destination where it goes, in the dispatcher's terms (an e-mail address, a partner id)
 * @param subject     short subject or operation
 * @param payload     the body; JSON or text, as the type defines
 * @param dueAt       when it should have been sent at the latest (the confirmation: one hour)
 */
public record OutboundMessage(String type, Optional<SrNumber> request, String destination, String subject,
        String payload, Instant dueAt) {
    public OutboundMessage {
        Objects.requireNonNull(type, "type");
        request = request == null ? Optional.empty() : request;
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    public OutboundMessage forRequest(SrNumber number) {
        return new OutboundMessage(type, Optional.of(number), destination, subject, payload, dueAt);
    }
}
