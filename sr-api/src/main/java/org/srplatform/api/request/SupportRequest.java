package org.srplatform.api.request;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A support request as stored, with its full timeline.
 *
 * @param number             the SR number shown to the customer
 * @param account            the entitled account's number
 * @param product            product id
 * @param category           problem category id within the product
 * @param severity           current severity
 * @param status             current state
 * @param subject            one line
 * @param description        the problem description (may be empty when tags are given)
 * @param tags               keywords chosen by the customer
 * @param contactMethod      the customer's preferred contact method for this SR
 * @param phone              the number to call, required for PHONE and BOTH
 * @param contact            login of the customer contact the SR is for
 * @param channel            how the SR came in
 * @param assignee           the engineer the customer deals with, once assigned
 * @param attachments        metadata of the attached files
 * @param createdAt          when the SR number was allocated
 * @param updatedAt          last change
 * @param confirmationDueAt  when the confirmation message must have gone out (at most one hour after creation)
 * @param firstResponseDueAt the first-response target from the support offering, severity and support hours
 * @param firstRespondedAt   when a response first reached the customer
 * @param nextUpdateDueAt    when the customer is owed the next update
 * @param suggestionsShown   whether suggested resources were shown before the SR was submitted
 * @param timeline           every change, oldest first
 * @param version            optimistic-lock version, increased by every change
 */
public record SupportRequest(SrNumber number, String account, String product, String category, Severity severity,
        SrStatus status, String subject, String description, List<String> tags, ContactMethod contactMethod,
        Optional<String> phone, String contact, IntakeChannel channel, Optional<String> assignee,
        List<AttachmentInfo> attachments, Instant createdAt, Instant updatedAt, Instant confirmationDueAt,
        Optional<Instant> firstResponseDueAt, Optional<Instant> firstRespondedAt, Optional<Instant> nextUpdateDueAt,
        boolean suggestionsShown, List<TimelineEntry> timeline, long version) {

    public SupportRequest {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subject, "subject");
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
        Objects.requireNonNull(contactMethod, "contactMethod");
        phone = phone == null ? Optional.empty() : phone;
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(channel, "channel");
        assignee = assignee == null ? Optional.empty() : assignee;
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(confirmationDueAt, "confirmationDueAt");
        firstResponseDueAt = firstResponseDueAt == null ? Optional.empty() : firstResponseDueAt;
        firstRespondedAt = firstRespondedAt == null ? Optional.empty() : firstRespondedAt;
        nextUpdateDueAt = nextUpdateDueAt == null ? Optional.empty() : nextUpdateDueAt;
        timeline = List.copyOf(timeline);
    }

    /** Whether the first response came on or before its target; empty until there is a first response. */
    public Optional<Boolean> firstResponseMet() {
        return firstRespondedAt.flatMap(at -> firstResponseDueAt.map(due -> !at.isAfter(due)));
    }

    public SupportRequest withStatus(SrStatus next, Instant at) {
        return new SupportRequest(number, account, product, category, severity, next, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, attachments, createdAt, at, confirmationDueAt,
                firstResponseDueAt, firstRespondedAt, nextUpdateDueAt, suggestionsShown, timeline, version);
    }

    public SupportRequest withSeverity(Severity next, Optional<Instant> newFirstResponseDueAt, Instant at) {
        return new SupportRequest(number, account, product, category, next, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, attachments, createdAt, at, confirmationDueAt,
                newFirstResponseDueAt, firstRespondedAt, nextUpdateDueAt, suggestionsShown, timeline, version);
    }

    public SupportRequest withAssignee(Optional<String> engineer, Instant at) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, engineer, attachments, createdAt, at, confirmationDueAt,
                firstResponseDueAt, firstRespondedAt, nextUpdateDueAt, suggestionsShown, timeline, version);
    }

    public SupportRequest withFirstResponse(Instant respondedAt, Optional<Instant> nextUpdate, Instant at) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, attachments, createdAt, at, confirmationDueAt,
                firstResponseDueAt, Optional.of(respondedAt), nextUpdate, suggestionsShown, timeline, version);
    }
}
