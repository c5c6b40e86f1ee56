package org.srplatform.web.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.ResponseTargets;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.TimelineEntry;

/**
 * An SR as the API shows it (the JSON shape every endpoint that answers an SR uses): the fields of
 * API.md, absent values as {@code null}, the timeline oldest first. Fields may be added, never renamed.
 */
public record SupportRequestView(String number, String status, int severity, String account, String product,
        String category, String subject, String description, List<String> tags, String contactMethod, String phone,
        String contact, String channel, String assignee, Instant createdAt, Instant updatedAt, Instant confirmationDueAt,
        Instant firstResponseDueAt, Instant firstRespondedAt, Boolean firstResponseMet, Instant nextUpdateDueAt,
        boolean suggestionsShown, List<AttachmentView> attachments, List<TimelineView> timeline, String queue,
        Instant responseOwedBy) {

    /** An attachment as listed with its SR. */
    public record AttachmentView(String id, String name, long size, String sha256, String contentType, Instant uploadedAt,
            String uploadedBy) {
        public static AttachmentView of(AttachmentInfo a) {
            return new AttachmentView(a.id(), a.name(), a.size(), a.sha256(), a.contentType(), a.uploadedAt(), a.uploadedBy());
        }
    }

    /** One change of the SR: who, when, what. */
    public record TimelineView(Instant at, String actor, String actorName, String kind, String summary,
            Map<String, String> details, boolean internal) {
        public static TimelineView of(TimelineEntry e) {
            return new TimelineView(e.at(), e.actor().id(), e.actor().name(), e.kind(), e.summary(), e.details(), e.internal());
        }
    }

    /** Without queue and owed response (web API 1.2). */
    public SupportRequestView(String number, String status, int severity, String account, String product,
            String category, String subject, String description, List<String> tags, String contactMethod, String phone,
            String contact, String channel, String assignee, Instant createdAt, Instant updatedAt,
            Instant confirmationDueAt, Instant firstResponseDueAt, Instant firstRespondedAt, Boolean firstResponseMet,
            Instant nextUpdateDueAt, boolean suggestionsShown, List<AttachmentView> attachments,
            List<TimelineView> timeline) {
        this(number, status, severity, account, product, category, subject, description, tags, contactMethod, phone,
                contact, channel, assignee, createdAt, updatedAt, confirmationDueAt, firstResponseDueAt,
                firstRespondedAt, firstResponseMet, nextUpdateDueAt, suggestionsShown, attachments, timeline, null, null);
    }

    /** The view of an SR as the service handed it out (already filtered for the caller). */
    public static SupportRequestView of(SupportRequestDetails details) {
        SupportRequest sr = details.request();
        ResponseTargets t = sr.targets();
        return new SupportRequestView(sr.number().toString(), sr.status().name(), sr.severity().level(), sr.account(),
                sr.product(), sr.category(), sr.subject(), sr.description(), sr.tags(), sr.contactMethod().name(),
                sr.phone().orElse(null), sr.contact(), sr.channel().name(), sr.assignee().orElse(null), sr.createdAt(),
                sr.updatedAt(), t.confirmationDueAt(), t.firstResponseDueAt().orElse(null),
                t.firstRespondedAt().orElse(null), t.firstResponseMet().orElse(null), t.nextUpdateDueAt().orElse(null),
                sr.suggestionsShown(), details.attachments().stream().map(AttachmentView::of).toList(),
                details.timeline().stream().map(TimelineView::of).toList(), sr.queue().orElse(null),
                sr.responseOwedBy().orElse(null));
    }
}
