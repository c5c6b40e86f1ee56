package org.srplatform.spi.request;

import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated, entitled SR ready to be stored; the store allocates its number. Intake builds it after
 * every check, so the store only checks integrity.
 */
public record SupportRequestDraft(String account, String product, String category, Severity severity, String subject,
        String description, List<String> tags, ContactMethod contactMethod, Optional<String> phone, String contact,
        IntakeChannel channel, Instant createdAt, Instant confirmationDueAt, Optional<Instant> firstResponseDueAt,
        boolean suggestionsShown) {

    public SupportRequestDraft {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
        Objects.requireNonNull(contactMethod, "contactMethod");
        phone = phone == null ? Optional.empty() : phone;
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(confirmationDueAt, "confirmationDueAt");
        firstResponseDueAt = firstResponseDueAt == null ? Optional.empty() : firstResponseDueAt;
    }
}
