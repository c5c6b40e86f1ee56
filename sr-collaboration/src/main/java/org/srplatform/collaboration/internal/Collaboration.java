package org.srplatform.collaboration.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.PartnerPriority;
import org.srplatform.api.request.SrNumber;

/** A collaboration as stored: what we asked of whom, and the partner's side as last reported. */
public record Collaboration(long id, SrNumber request, String connector, String partner, String summary,
        String detail, PartnerPriority priority, Map<String, String> fields, boolean consent, String requestedBy,
        Instant requestedAt, CollaborationState state, Optional<String> externalId, Optional<String> caseNumber,
        Optional<String> engineer,
        Optional<Instant> respondBy, Optional<String> response, Optional<String> lastError, Instant updatedAt,
        List<Note> notes) {

    /** A note of either side: OUT ours (sent once {@code sent}), IN the partner's. */
    public record Note(int seq, Instant at, String author, String text, String direction, boolean sent) {
    }

    /** The same with its notes. */
    Collaboration withNotes(List<Note> all) {
        return new Collaboration(id, request, connector, partner, summary, detail, priority, fields, consent,
                requestedBy, requestedAt, state, externalId, caseNumber, engineer, respondBy, response, lastError,
                updatedAt, all);
    }

    /** The same with the partner's side as now known. */
    Collaboration withPartnerSide(CollaborationState newState, Optional<String> newExternalId,
            Optional<String> newCaseNumber, Optional<String> newEngineer, Optional<Instant> newRespondBy,
            Optional<String> newResponse, Optional<String> error, Instant at) {
        return new Collaboration(id, request, connector, partner, summary, detail, priority, fields, consent,
                requestedBy, requestedAt, newState, newExternalId, newCaseNumber, newEngineer, newRespondBy,
                newResponse, error, at, notes);
    }

    /** Finished on the partner's side, or never delivered: nothing more will come. */
    public boolean finished() {
        return state == CollaborationState.CLOSED || state == CollaborationState.REJECTED
                || state == CollaborationState.FAILED;
    }
}
