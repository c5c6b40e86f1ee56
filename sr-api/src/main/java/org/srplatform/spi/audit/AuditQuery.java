package org.srplatform.spi.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit entries to list, newest first; every filter given must hold.
 *
 * @param actor  exactly this actor
 * @param action actions starting with this ({@code user.} for every change of users)
 * @param from   recorded at or after
 * @param to     recorded before
 */
public record AuditQuery(Optional<String> actor, Optional<String> action, Optional<Instant> from, Optional<Instant> to) {
    public AuditQuery {
        actor = actor == null ? Optional.empty() : actor.filter(s -> !s.isBlank());
        action = action == null ? Optional.empty() : action.filter(s -> !s.isBlank());
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
    }

    /** Every entry. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
