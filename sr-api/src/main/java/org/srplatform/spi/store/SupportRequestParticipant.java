package org.srplatform.spi.store;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.TimelineEntry;

/**
 * A capability that takes part in the transactions that open and change SRs, so that what it keeps about
 * an SR (a queue, SLA clocks) is written with the SR or not at all. Register it as a DS service; the store
 * calls every registered participant, in service ranking order, inside the transaction. A participant that
 * throws rolls the whole transaction back, so it refuses only what must not happen.
 *
 * <p>The store calls it for SRs opened through {@link Transaction#createRequest} and for changes made
 * through {@code SupportRequestRepository.update}; not for {@link Transaction#updateRequest}, whose writer
 * keeps its own rules.
 *
 * @since 1.1
 */
@ConsumerType
public interface SupportRequestParticipant {

    /**
     * Before a new SR is stored: returns it with the fields this participant decides (its queue). Must not
     * block or call the store.
     */
    default SupportRequest opening(SupportRequest sr) {
        return sr;
    }

    /** After a new SR and its first timeline entry are written, in the same transaction. */
    default void opened(Transaction tx, SupportRequest sr) {
    }

    /**
     * After a change of an SR was written (its header and the change's timeline entries), in the same
     * transaction, with the SR still locked. May write its own tables, enqueue messages, append entries and
     * change the SR further with {@link Transaction#updateRequest}.
     *
     * @param before  the SR before the change
     * @param after   the SR as the change wrote it
     * @param entries the change's timeline entries
     */
    default void changed(Transaction tx, SupportRequest before, SupportRequest after, List<TimelineEntry> entries) {
    }
}
