package org.srplatform.api.request;

import java.util.List;
import java.util.Objects;

/**
 * One SR with its history: the header, the attached files' metadata and the timeline, oldest first.
 *
 * @param request     the header
 * @param attachments metadata of the attached files, oldest first
 * @param timeline    every change, oldest first (for a customer, without internal entries)
 */
public record SupportRequestDetails(SupportRequest request, List<AttachmentInfo> attachments,
        List<TimelineEntry> timeline) {

    public SupportRequestDetails {
        Objects.requireNonNull(request, "request");
        attachments = List.copyOf(attachments);
        timeline = List.copyOf(timeline);
    }

    public SrNumber number() {
        return request.number();
    }
}
