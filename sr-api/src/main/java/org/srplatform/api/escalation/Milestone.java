package org.srplatform.api.escalation;

import java.time.LocalDate;
import java.util.Objects;

/** A critical date of the customer's (a go-live), recorded with the escalation. */
public record Milestone(String name, LocalDate date) {
    public Milestone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(date, "date");
    }
}
