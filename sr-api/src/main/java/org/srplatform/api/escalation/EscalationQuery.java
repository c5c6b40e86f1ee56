package org.srplatform.api.escalation;

import java.util.Optional;

/**
 * Filters of the daily review: open escalations, optionally of one state or region.
 *
 * @since 1.1
 */
public record EscalationQuery(Optional<EscalationState> state, Optional<String> region) {
    public EscalationQuery {
        state = state == null ? Optional.empty() : state;
        region = region == null ? Optional.empty() : region;
    }

    public static EscalationQuery all() {
        return new EscalationQuery(Optional.empty(), Optional.empty());
    }
}
