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
 * @param caseNumber the partner's own case number as its people quote it, once known; {@code externalId} is the
 *                   handle the connector follows the case by, which may be another thing (since 1.1)
 */
public record PartnerCase(String externalId, CollaborationState state, Optional<String> engineer, List<PartnerNote> notes,
        Optional<Instant> respondBy, Optional<String> response, Optional<String> caseNumber) {
    public PartnerCase {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(state, "state");
        engineer = engineer == null ? Optional.empty() : engineer;
        notes = List.copyOf(notes);
        respondBy = respondBy == null ? Optional.empty() : respondBy;
        response = response == null ? Optional.empty() : response;
        caseNumber = caseNumber == null ? Optional.empty() : caseNumber.filter(n -> !n.isBlank());
    }

    /** Without the partner's case number. */
    public PartnerCase(String externalId, CollaborationState state, Optional<String> engineer, List<PartnerNote> notes,
            Optional<Instant> respondBy, Optional<String> response) {
        this(externalId, state, engineer, notes, respondBy, response, Optional.empty());
    }

    /** The release 1.0 shape: no deadline, no answer in words. */
    public PartnerCase(String externalId, CollaborationState state, Optional<String> engineer, List<PartnerNote> notes) {
        this(externalId, state, engineer, notes, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
