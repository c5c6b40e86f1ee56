package org.srplatform.search.internal;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.srplatform.api.request.SrNumber;

/**
 * The SRs changed since the index last read them: each number once however many events it had, with when
 * its oldest change not yet indexed was heard of (a commit's watermark stays below it). Thread-safe: Event
 * Admin's threads add, the indexer takes.
 */
final class PendingChanges {
    private final LinkedHashMap<SrNumber, Instant> changes = new LinkedHashMap<>();
    /** Whether a drain is queued or running: one drain at a time empties the set. */
    private boolean draining;

    /**
     * Adds a change heard of at {@code heard}.
     *
     * @return true when no drain is queued: the caller queues one
     */
    synchronized boolean add(SrNumber number, Instant heard) {
        changes.merge(number, heard, PendingChanges::earlier);
        if (draining) {
            return false;
        }
        draining = true;
        return true;
    }

    /** Takes up to {@code max} numbers, the longest waiting first, each with when it was heard of. */
    synchronized Map<SrNumber, Instant> take(int max) {
        Map<SrNumber, Instant> batch = new LinkedHashMap<>();
        Iterator<Map.Entry<SrNumber, Instant>> it = changes.entrySet().iterator();
        while (it.hasNext() && batch.size() < max) {
            Map.Entry<SrNumber, Instant> e = it.next();
            batch.put(e.getKey(), e.getValue());
            it.remove();
        }
        return batch;
    }

    /**
     * Ends a drain: true when nothing is left, so the next {@link #add} queues a drain; false when changes
     * came in meanwhile, and the caller queues the next drain.
     */
    synchronized boolean drained() {
        if (changes.isEmpty()) {
            draining = false;
            return true;
        }
        return false;
    }

    /** Puts back a batch that could not be read, keeping when each change was first heard of. */
    synchronized void putBack(Map<SrNumber, Instant> batch) {
        batch.forEach((number, heard) -> changes.merge(number, heard, PendingChanges::earlier));
    }

    /** When the oldest change still waiting was heard of. */
    synchronized Optional<Instant> oldest() {
        return changes.values().stream().min(Instant::compareTo);
    }

    synchronized int size() {
        return changes.size();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
