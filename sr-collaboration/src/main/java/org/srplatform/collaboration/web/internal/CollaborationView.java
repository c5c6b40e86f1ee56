package org.srplatform.collaboration.web.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.collaboration.internal.Collaboration;

/** A collaboration as the API shows it to staff: our request, the partner's side, the notes both ways. */
public record CollaborationView(String id, String request, String connector, String partner, String summary,
        String detail, String priority, Map<String, String> fields, String requestedBy, Instant requestedAt,
        String state, String externalId, String caseNumber, String engineer, Instant respondBy, boolean respondByPassed, String response,
        String lastError, Instant updatedAt, List<NoteView> notes) {

    public record NoteView(Instant at, String author, String text, String direction, boolean sent) {
    }

    static CollaborationView of(Collaboration c, Instant now) {
        return new CollaborationView(Long.toString(c.id()), c.request().toString(), c.connector(), c.partner(),
                c.summary(), c.detail(), c.priority().name(), c.fields(), c.requestedBy(), c.requestedAt(),
                c.state().name(), c.externalId().orElse(null), c.caseNumber().orElse(null), c.engineer().orElse(null),
                c.respondBy().orElse(null),
                // The deadline is for the partner's first answer: past it only while that answer is owed.
                c.state() == CollaborationState.OPEN && c.respondBy().filter(now::isAfter).isPresent(), c.response().orElse(null),
                c.lastError().orElse(null), c.updatedAt(),
                c.notes().stream().map(n -> new NoteView(n.at(), n.author(), n.text(), n.direction(), n.sent()))
                        .toList());
    }
}
