package org.srplatform.api.partner;

import java.util.Map;
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
 * @param detail      the problem in detail, as the partner should read it (since 1.1)
 * @param consent     the customer agreed that their details and the case's are shared with the partner (since 1.1)
 * @param fields      values of the partner's form ({@link PartnerField#id()} to value) (since 1.1)
 */
public record CollaborationRequest(SrNumber request, String partner, String summary, PartnerPriority priority,
        String requestedBy, String detail, boolean consent, Map<String, String> fields) {
    public CollaborationRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(requestedBy, "requestedBy");
        detail = detail == null ? "" : detail;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** The release 1.0 shape: no detail, no recorded consent, no form fields. */
    public CollaborationRequest(SrNumber request, String partner, String summary, PartnerPriority priority,
            String requestedBy) {
        this(request, partner, summary, priority, requestedBy, "", false, Map.of());
    }
}
