package org.srplatform.api.partner;

import java.time.Instant;
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
 * @param respondBy  when the partner must answer by, if the network sets a deadline (since 1.1)
 * @param response   the partner's latest answer in words: the reason of a rejection, the information asked
 *                   for, the next steps of an acceptance (since 1.1)
 */
public record PartnerCase(String externalId, CollaborationState state, Optional<String> engineer, List<PartnerNote> notes,
        Optional<Instant> respondBy, Optional<String> response) {
    public PartnerCase {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(state, "state");
        engineer = engineer == null ? Optional.empty() : engineer;
        notes = List.copyOf(notes);
        respondBy = respondBy == null ? Optional.empty() : respondBy;
        response = response == null ? Optional.empty() : response;
    }

    /** The release 1.0 shape: no deadline, no answer in words. */
    public PartnerCase(String externalId, CollaborationState state, Optional<String> engineer, List<PartnerNote> notes) {
        this(externalId, state, engineer, notes, Optional.empty(), Optional.empty());
    }
}
