package org.srplatform.spi.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A recorded {@link AuditChange}.
 *
 * @param id     increasing in the order of recording
 * @param at     when it was recorded (the change's commit, for changes recorded with them)
 * @param change what was recorded
 */
public record AuditEntry(long id, Instant at, AuditChange change) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(change, "change");
    }
}
