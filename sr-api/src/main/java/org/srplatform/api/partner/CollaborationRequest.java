package org.srplatform.api.partner;

import java.util.Objects;
import org.srplatform.api.request.SrNumber;

/**
 * A request to work an SR together with another vendor.
 *
 * @param request     our SR
 * @param partner     the other vendor, as the connector knows it
 * @param summary     the problem as the partner should read it
 * @param priority    how urgent
 * @param requestedBy login of the escalation engineer or manager
 */
public record CollaborationRequest(SrNumber request, String partner, String summary, PartnerPriority priority,
        String requestedBy) {
    public CollaborationRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
