package org.srplatform.api.notify;

import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.request.SrNumber;

/**
 * A message for a person, ready for a channel.
 *
 * @param id        the outbox entry's id, stable across retries (channels use it to drop duplicates)
 * @param kind      what it is ({@code CONFIRMATION}, {@code RESPONSE}, {@code ESCALATION_UPDATE}...)
 * @param request   the SR it is about
 * @param recipient who gets it
 * @param subject   subject line
 * @param body      plain text, UTF-8
 */
public record Notification(String id, String kind, Optional<SrNumber> request, Recipient recipient, String subject,
        String body) {
    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        request = request == null ? Optional.empty() : request;
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
