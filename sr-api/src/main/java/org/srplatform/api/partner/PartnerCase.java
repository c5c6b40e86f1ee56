package org.srplatform.api.partner;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The partner's side of a collaboration, as its connector reports it.
 *
 * @param externalId the partner's own case id
 * @param state      the partner-side state
 * @param engineer   the partner's engineer, once named
 * @param notes      notes from the partner, oldest first
 */
public record PartnerCase(String externalId, CollaborationState state, Optional<String> engineer, List<PartnerNote> notes) {
    public PartnerCase {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(state, "state");
        engineer = engineer == null ? Optional.empty() : engineer;
        notes = List.copyOf(notes);
    }
}
