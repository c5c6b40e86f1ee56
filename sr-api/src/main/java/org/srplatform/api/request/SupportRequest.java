package org.srplatform.api.request;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A support request's header: what it is about, where it stands, and its response targets. Lists of SRs
 * carry headers; one SR with its attachments and timeline is a {@link SupportRequestDetails}.
 *
 * @param number            the SR number shown to the customer
 * @param account           the entitled account's number
 * @param product           product id
 * @param category          problem category id within the product
 * @param severity          current severity
 * @param status            current state
 * @param subject           one line
 * @param description       the problem description (may be empty when tags are given)
 * @param tags              keywords chosen by the customer
 * @param contactMethod     the customer's preferred contact method for this SR
 * @param phone             the number to call, required for PHONE and BOTH
 * @param contact           login of the customer contact the SR is for
 * @param channel           how the SR came in
 * @param assignee          the engineer the customer deals with, once assigned
 * @param createdAt         when the SR number was allocated
 * @param updatedAt         last change
 * @param targets           the confirmation and response targets, and when they were met
 * @param suggestionsShown  whether suggested resources were shown before the SR was submitted
 * @param version           optimistic-lock version, increased by every change
 */
public record SupportRequest(SrNumber number, String account, String product, String category, Severity severity,
        SrStatus status, String subject, String description, List<String> tags, ContactMethod contactMethod,
        Optional<String> phone, String contact, IntakeChannel channel, Optional<String> assignee, Instant createdAt,
        Instant updatedAt, ResponseTargets targets, boolean suggestionsShown, long version) {

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
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(targets, "targets");
    }

    /** Whether the first response came on or before its target; empty until there is a first response. */
    public Optional<Boolean> firstResponseMet() {
        return targets.firstResponseMet();
    }

    public SupportRequest withStatus(SrStatus next, Instant at) {
        return new SupportRequest(number, account, product, category, severity, next, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, at, targets, suggestionsShown, version);
    }

    public SupportRequest withSeverity(Severity next, Optional<Instant> newFirstResponseDueAt, Instant at) {
        return new SupportRequest(number, account, product, category, next, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, at,
                targets.withFirstResponseDueAt(newFirstResponseDueAt), suggestionsShown, version);
    }

    public SupportRequest withAssignee(Optional<String> engineer, Instant at) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, engineer, createdAt, at, targets, suggestionsShown, version);
    }

    public SupportRequest withFirstResponse(Instant respondedAt, Optional<Instant> nextUpdate, Instant at) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, at,
                targets.withFirstResponse(respondedAt, nextUpdate), suggestionsShown, version);
    }

    public SupportRequest withVersion(long next) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, updatedAt, targets, suggestionsShown, next);
    }
}
