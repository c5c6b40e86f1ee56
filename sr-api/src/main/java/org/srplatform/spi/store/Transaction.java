package org.srplatform.spi.store;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.api.request.TimelineEntry;

/**
 * One open transaction of the store, handed to {@link TransactionWork}: the connection for the
 * capability's own SQL, and the platform's writes that join it. Valid only while the work runs; not
 * thread-safe.
 */
@ProviderType
public interface Transaction {

    /** The transaction's connection: no commit, rollback or close; the store does those. */
    Connection connection();

    Dialect dialect();

    /**
     * Allocates an SR number (a rolled-back SR leaves a gap, never a duplicate) and stores a new SR
     * with its first timeline entry.
     */
    SupportRequest createRequest(SupportRequestDraft draft, TimelineEntry created);

    /**
     * Locks an SR's row for the rest of the transaction (changes of one SR serialise) and reads it.
     *
     * @throws org.srplatform.api.common.NotFoundException for an unknown number
     */
    SupportRequest lockRequest(SrNumber number);

    /**
     * Writes a new header of an SR that this transaction locked with {@link #lockRequest(SrNumber)}: its
     * status, assignee, queue and targets (number, account, product, contact and creation are kept as
     * stored). Leave the change's timeline entries with {@link #appendTimeline(SrNumber, List)} in the same
     * transaction. {@link SupportRequestParticipant}s are not told: the writer is the one who knows why.
     *
     * @return the SR as stored, with its increased {@code version}
     * @throws IllegalStateException when the SR was not locked in this transaction
     * @since 1.1
     */
    SupportRequest updateRequest(SupportRequest next);

    /** Appends entries to an SR's timeline and sets its {@code updatedAt} to the last entry's time. */
    void appendTimeline(SrNumber number, List<TimelineEntry> entries);

    /** Writes messages to the outbox: sent if and only if this transaction commits. */
    void enqueue(List<OutboundMessage> messages);

    /**
     * Records in this transaction that a claimed outbox entry was delivered, so that a dispatcher writes the
     * delivery and its timeline entry together.
     *
     * @return false when the entry is not claimed now (its lease ran out and another dispatcher took it, or it
     *         was delivered already): nothing is written
     * @since 1.1
     */
    boolean markSent(long outboxId, Instant at);

    /**
     * Runs an action once, after the commit (never when the transaction rolls back): an event, a cache
     * update. An action that throws is logged, the commit stands.
     */
    void afterCommit(Runnable action);
}
