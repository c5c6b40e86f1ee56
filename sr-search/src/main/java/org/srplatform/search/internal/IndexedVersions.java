package org.srplatform.search.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;

/**
 * The version of each SR the index last wrote, for the most recent ones: a change of this node is heard twice, from
 * its event and again from the store's changes of every node a moment later, and the second time the SR's header
 * has the same version (every change raises it), so its document is not written again. An SR no longer
 * remembered is simply written again. Used by the indexer thread only.
 */
final class IndexedVersions {
    /** About two minutes of intake at a thousand SRs a second, in a few megabytes. */
    static final int REMEMBERED = 100_000;

    private final Map<SrNumber, Long> versions = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SrNumber, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Whether the index may hold an older state of the SR than this header. */
    boolean isNewer(SupportRequest sr) {
        Long written = versions.get(sr.number());
        return written == null || sr.version() > written;
    }

    void written(SupportRequest sr) {
        versions.remove(sr.number()); // to the end: the eldest go first
        versions.put(sr.number(), sr.version());
    }

    void forget(SrNumber number) {
        versions.remove(number);
    }

    void clear() {
        versions.clear();
    }
}
