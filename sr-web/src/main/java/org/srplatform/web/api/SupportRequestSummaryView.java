package org.srplatform.web.api;

import java.time.Instant;
import java.util.List;
import org.srplatform.api.request.ResponseTargets;
import org.srplatform.api.request.SupportRequest;

/**
 * An SR as a list shows it: the fields of {@link SupportRequestView} without its attachments and timeline,
 * which {@code GET /requests/{number}} gives. Fields may be added, never renamed.
 */
public record SupportRequestSummaryView(String number, String status, int severity, String account, String product,
        String category, String subject, String description, List<String> tags, String contactMethod, String phone,
        String contact, String channel, String assignee, Instant createdAt, Instant updatedAt, Instant confirmationDueAt,
        Instant firstResponseDueAt, Instant firstRespondedAt, Boolean firstResponseMet, Instant nextUpdateDueAt,
        boolean suggestionsShown, String queue, Instant responseOwedBy) {

    /** Without queue and owed response (web API 1.2). */
    public SupportRequestSummaryView(String number, String status, int severity, String account, String product,
            String category, String subject, String description, List<String> tags, String contactMethod, String phone,
            String contact, String channel, String assignee, Instant createdAt, Instant updatedAt,
            Instant confirmationDueAt, Instant firstResponseDueAt, Instant firstRespondedAt, Boolean firstResponseMet,
            Instant nextUpdateDueAt, boolean suggestionsShown) {
        this(number, status, severity, account, product, category, subject, description, tags, contactMethod, phone,
                contact, channel, assignee, createdAt, updatedAt, confirmationDueAt, firstResponseDueAt,
                firstRespondedAt, firstResponseMet, nextUpdateDueAt, suggestionsShown, null, null);
    }

    public static SupportRequestSummaryView of(SupportRequest sr) {
        ResponseTargets t = sr.targets();
        return new SupportRequestSummaryView(sr.number().toString(), sr.status().name(), sr.severity().level(),
                sr.account(), sr.product(), sr.category(), sr.subject(), sr.description(), sr.tags(),
                sr.contactMethod().name(), sr.phone().orElse(null), sr.contact(), sr.channel().name(),
                sr.assignee().orElse(null), sr.createdAt(), sr.updatedAt(), t.confirmationDueAt(),
                t.firstResponseDueAt().orElse(null), t.firstRespondedAt().orElse(null),
                t.firstResponseMet().orElse(null), t.nextUpdateDueAt().orElse(null), sr.suggestionsShown(),
                sr.queue().orElse(null), sr.responseOwedBy().orElse(null));
    }
}
