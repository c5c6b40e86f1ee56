package org.srplatform.spi.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored outbound message and its delivery state.
 *
 * @param id            unique, increasing
 * @param message       the message
 * @param createdAt     when the causing change committed
 * @param state         delivery state
 * @param attempts      delivery attempts so far
 * @param nextAttemptAt when a dispatcher may (re)try it
 * @param lastError     why the last attempt failed
 */
public record OutboxEntry(long id, OutboundMessage message, Instant createdAt, OutboxState state, int attempts,
        Instant nextAttemptAt, Optional<String> lastError) {
    public OutboxEntry {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        lastError = lastError == null ? Optional.empty() : lastError;
    }
}
