package org.srplatform.api.escalation;

import java.time.Instant;
import java.util.Objects;

/** The customer's recorded agreement to de-escalate. */
public record CustomerAgreement(String name, Instant at, String note) {
    public CustomerAgreement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        note = note == null ? "" : note;
    }
}
