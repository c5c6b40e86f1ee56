package org.srplatform.api.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * Proof that a channel handed a notification over.
 *
 * @param channel   the channel's id
 * @param reference the channel's own reference (a Message-ID, a call id)
 * @param at        when it was handed over
 */
public record Delivery(String channel, String reference, Instant at) {
    public Delivery {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(at, "at");
    }
}
