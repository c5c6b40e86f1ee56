package org.srplatform.api.partner;

import java.time.Instant;
import java.util.Objects;

/** A note exchanged with the partner on a collaboration. */
public record PartnerNote(Instant at, String author, String text) {
    public PartnerNote {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
    }
}
