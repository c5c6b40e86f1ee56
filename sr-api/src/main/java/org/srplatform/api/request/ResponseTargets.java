package org.srplatform.api.request;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the vendor owes the customer on an SR, and when it was given.
 *
 * @param confirmationDueAt  when the confirmation message must have gone out (at most one hour after creation)
 * @param firstResponseDueAt the first-response target from the support offering, severity and support hours
 * @param firstRespondedAt   when a response first reached the customer
 * @param nextUpdateDueAt    when the customer is owed the next update
 */
public record ResponseTargets(Instant confirmationDueAt, Optional<Instant> firstResponseDueAt,
        Optional<Instant> firstRespondedAt, Optional<Instant> nextUpdateDueAt) {

    public ResponseTargets {
        Objects.requireNonNull(confirmationDueAt, "confirmationDueAt");
        firstResponseDueAt = firstResponseDueAt == null ? Optional.empty() : firstResponseDueAt;
        firstRespondedAt = firstRespondedAt == null ? Optional.empty() : firstRespondedAt;
        nextUpdateDueAt = nextUpdateDueAt == null ? Optional.empty() : nextUpdateDueAt;
    }

    /** Whether the first response came on or before its target; empty until there is a first response. */
    public Optional<Boolean> firstResponseMet() {
        return firstRespondedAt.flatMap(at -> firstResponseDueAt.map(due -> !at.isAfter(due)));
    }

    public ResponseTargets withFirstResponseDueAt(Optional<Instant> due) {
        return new ResponseTargets(confirmationDueAt, due, firstRespondedAt, nextUpdateDueAt);
    }

    /** @since 1.3 */
    public ResponseTargets withNextUpdateDueAt(Optional<Instant> due) {
        return new ResponseTargets(confirmationDueAt, firstResponseDueAt, firstRespondedAt, due);
    }

    public ResponseTargets withFirstResponse(Instant respondedAt, Optional<Instant> nextUpdate) {
        return new ResponseTargets(confirmationDueAt, firstResponseDueAt, Optional.of(respondedAt), nextUpdate);
    }
}
