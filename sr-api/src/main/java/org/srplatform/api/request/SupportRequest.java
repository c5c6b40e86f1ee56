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
 * @param queue             the internal queue that works the SR (staff only: customers never see queue names)
 */
public record SupportRequest(SrNumber number, String account, String product, String category, Severity severity,
        SrStatus status, String subject, String description, List<String> tags, ContactMethod contactMethod,
        Optional<String> phone, String contact, IntakeChannel channel, Optional<String> assignee, Instant createdAt,
        Instant updatedAt, ResponseTargets targets, boolean suggestionsShown, long version, Optional<String> queue) {

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
        queue = queue == null ? Optional.empty() : queue;
    }

    /** An SR in no queue (as before queues existed). */
    public SupportRequest(SrNumber number, String account, String product, String category, Severity severity,
            SrStatus status, String subject, String description, List<String> tags, ContactMethod contactMethod,
            Optional<String> phone, String contact, IntakeChannel channel, Optional<String> assignee, Instant createdAt,
            Instant updatedAt, ResponseTargets targets, boolean suggestionsShown, long version) {
        this(number, account, product, category, severity, status, subject, description, tags, contactMethod, phone,
                contact, channel, assignee, createdAt, updatedAt, targets, suggestionsShown, version, Optional.empty());
    }

    /** Whether the first response came on or before its target; empty until there is a first response. */
    public Optional<Boolean> firstResponseMet() {
        return targets.firstResponseMet();
    }

    /**
     * When the customer is owed a response: while the SR is worked ({@code NEW}, {@code ASSIGNED},
     * {@code IN_PROGRESS}), the first response's target until it came, then the next update's; empty while
     * the SR waits on the customer or a vendor (its clocks are paused) and once it is resolved. An SR is
     * overdue when this lies in the past.
     *
     * @since 1.3
     */
    public Optional<Instant> responseOwedBy() {
        if (!status.slaClockRuns()) {
            return Optional.empty();
        }
        return targets.firstRespondedAt().isEmpty() ? targets.firstResponseDueAt() : targets.nextUpdateDueAt();
    }

    public SupportRequest withStatus(SrStatus next, Instant at) {
        return new SupportRequest(number, account, product, category, severity, next, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, at, targets, suggestionsShown, version, queue);
    }

    public SupportRequest withSeverity(Severity next, Optional<Instant> newFirstResponseDueAt, Instant at) {
        return new SupportRequest(number, account, product, category, next, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, at,
                targets.withFirstResponseDueAt(newFirstResponseDueAt), suggestionsShown, version, queue);
    }

    public SupportRequest withAssignee(Optional<String> engineer, Instant at) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, engineer, createdAt, at, targets, suggestionsShown, version, queue);
    }

    public SupportRequest withFirstResponse(Instant respondedAt, Optional<Instant> nextUpdate, Instant at) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, at,
                targets.withFirstResponse(respondedAt, nextUpdate), suggestionsShown, version, queue);
    }

    /** @since 1.3 */
    public SupportRequest withTargets(ResponseTargets next, Instant at) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, at, next, suggestionsShown, version, queue);
    }

    /** @since 1.3 */
    public SupportRequest withQueue(Optional<String> next) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, updatedAt, targets, suggestionsShown, version,
                next);
    }

    public SupportRequest withVersion(long next) {
        return new SupportRequest(number, account, product, category, severity, status, subject, description, tags,
                contactMethod, phone, contact, channel, assignee, createdAt, updatedAt, targets, suggestionsShown, next, queue);
    }
}
