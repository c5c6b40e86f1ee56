package org.srplatform.spi.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The transactional outbox as dispatchers see it. A dispatcher claims due entries of its type for a
 * lease, delivers them, and marks each sent or failed; an entry whose lease runs out (the node died)
 * is claimed again, so delivery is at least once. Thread-safe; safe across nodes.
 */
@ProviderType
public interface Outbox {

    /** Stores a message that belongs to no SR change, in its own transaction. */
    OutboxEntry enqueue(OutboundMessage message);

    /**
     * Claims up to {@code max} entries of a type that are due for an attempt at {@code now}, oldest
     * first, for {@code lease}.
     */
    List<OutboxEntry> claim(String type, Instant now, int max, Duration lease);

    void markSent(long id, Instant at);

    /**
     * Records a failed attempt.
     *
     * @param retryAt when to try again, or {@code null} to give up (state FAILED)
     */
    void markFailed(long id, String error, Instant retryAt);

    /**
     * Puts a message the dispatcher gave up on ({@link OutboxState#FAILED}) back to be sent now, with its
     * attempts counted from zero again.
     *
     * @throws org.srplatform.api.common.NotFoundException for an unknown id
     * @throws org.srplatform.api.common.ConflictException when the entry is not FAILED
     * @since 1.1
     */
    OutboxEntry retry(long id);

    /**
     * How many messages of a type and subject are not sent yet (pending or being sent) though due before
     * an instant: what the platform owes late or soon (confirmations due within the hour).
     *
     * @since 1.1
     */
    long countUnsent(String type, String subject, Instant dueBefore);

    /**
     * One entry.
     *
     * @since 1.1
     */
    java.util.Optional<OutboxEntry> find(long id);

    /** Entries in a state, oldest first; for operators and tests. */
    List<OutboxEntry> list(OutboxState state, int max);
}
