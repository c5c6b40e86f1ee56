package org.srplatform.api.partner;

import java.util.Objects;

/**
 * What an authenticated push from a partner says: the partner's view of one case, under an id the partner gives
 * the event. The platform applies each event id once, so a partner that sends an event again (it did not see our
 * answer) changes nothing the second time.
 *
 * @param eventId     the partner's id of this event, the same when it is sent again
 * @param partnerCase the case as the partner sees it now; {@link PartnerCase#externalId()} names the collaboration
 * @since 1.1
 */
public record PartnerEvent(String eventId, PartnerCase partnerCase) {
    public PartnerEvent {
        Objects.requireNonNull(eventId, "eventId");
        if (eventId.isBlank() || eventId.length() > 200) {
            throw new IllegalArgumentException("an event id is 1 to 200 characters");
        }
        Objects.requireNonNull(partnerCase, "partnerCase");
    }
}
