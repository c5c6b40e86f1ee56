package org.srplatform.spi.request;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;
import org.srplatform.api.request.SrNumber;

/**
 * The SRs whose text matches a search, as a full-text index found them: read in slices from the newest
 * down, so that the store pages through them with its other filters without holding every match at once.
 *
 * @since 1.1
 */
@ConsumerType
@FunctionalInterface
public interface TextMatches {
    /**
     * @param before only numbers lower than this one; empty for the newest
     * @param max    at most this many numbers (at least 1)
     * @return matching SR numbers, highest first; fewer than {@code max} only when no more match
     */
    List<SrNumber> below(Optional<SrNumber> before, int max);
}
