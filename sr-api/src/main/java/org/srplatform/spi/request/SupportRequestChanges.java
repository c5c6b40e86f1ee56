package org.srplatform.spi.request;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.request.SrNumber;

/**
 * The SRs changed through any node on the store's database, for whoever keeps something derived from SRs on one node
 * (the search index): the SR events a node hears ({@link org.srplatform.api.event.SupportRequestEvents}) are its own
 * node's changes only. Thread-safe.
 *
 * @since 1.3
 */
@ProviderType
public interface SupportRequestChanges {

    /**
     * Starts following: the follower's reads tell every SR whose change commits after this call, also the changes
     * under way now; not the changes committed before it (read those from the repository, after this call).
     *
     * @return empty when no other process writes the store's database (embedded Derby): this node's SR events then
     *         tell every change
     * @throws org.srplatform.spi.store.StoreException when the database cannot be read
     */
    Optional<Follower> follow();

    /** One reader's place in the changes. Not thread-safe: one thread reads. */
    @ProviderType
    interface Follower {

        /**
         * The SRs whose changes committed since the last read, in about commit order. An SR may come again, in a later
         * read; several changes of one SR may come as one. When the database cannot be read, this throws and the
         * follower stays where it was: the next read tells what was missed.
         *
         * @param max about how many changes to read at most; {@link Changes#more()} says whether more wait
         * @throws org.srplatform.spi.store.StoreException when the database cannot be read
         */
        Changes read(int max);

        /**
         * When this follower first noticed the oldest change it still waits for (one under way when it read past it),
         * so that whoever remembers what it read up to stays below it.
         */
        Optional<Instant> waitingSince();
    }

    /**
     * What one read found.
     *
     * @param numbers the SRs changed
     * @param more    whether more changes than the read took wait: read again at once
     */
    record Changes(Set<SrNumber> numbers, boolean more) {
        public Changes {
            numbers = Set.copyOf(Objects.requireNonNull(numbers, "numbers"));
        }
    }
}
