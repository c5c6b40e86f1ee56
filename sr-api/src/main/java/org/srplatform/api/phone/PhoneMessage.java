package org.srplatform.api.phone;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.request.SrNumber;

/**
 * A caller's message for a callback.
 *
 * @param id             stable id
 * @param name           the caller's name
 * @param company        the caller's company
 * @param callbackNumber the phone or pager number to call back
 * @param request        the SR the call is about, if any (checked to exist when given)
 * @param description    a short description of the problem
 * @param leftAt         when the message was taken
 * @param callbackDueAt  when the callback is due (30 minutes after {@code leftAt})
 * @param takenBy        login of who took the message
 * @param calledBackAt   when the caller was called back
 * @param calledBackBy   login of who called back
 */
public record PhoneMessage(String id, String name, String company, String callbackNumber, Optional<SrNumber> request,
        String description, Instant leftAt, Instant callbackDueAt, String takenBy, Optional<Instant> calledBackAt,
        Optional<String> calledBackBy) {
    public PhoneMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(callbackNumber, "callbackNumber");
        request = request == null ? Optional.empty() : request;
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(leftAt, "leftAt");
        Objects.requireNonNull(callbackDueAt, "callbackDueAt");
        Objects.requireNonNull(takenBy, "takenBy");
        calledBackAt = calledBackAt == null ? Optional.empty() : calledBackAt;
        calledBackBy = calledBackBy == null ? Optional.empty() : calledBackBy;
    }

    /** Whether the callback is late at {@code now}. */
    public boolean isOverdue(Instant now) {
        return calledBackAt.isEmpty() && now.isAfter(callbackDueAt);
    }
}
