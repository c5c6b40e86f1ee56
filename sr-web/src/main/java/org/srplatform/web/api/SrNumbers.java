package org.srplatform.web.api;

import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.request.SrNumber;

/** SR numbers in paths ({@code /requests/{number}/...}), as a resource of any bundle reads them. */
public final class SrNumbers {
    private SrNumbers() {
    }

    /**
     * The SR number of a path segment.
     *
     * @throws NotFoundException (404) when the text is no SR number: an SR that cannot exist is not visible
     */
    public static SrNumber of(String text) {
        return SrNumber.parse(text).orElseThrow(() -> notFound(text));
    }

    /** The 404 of an SR that does not exist or that the caller may not see (the API tells these apart for nobody). */
    public static NotFoundException notFound(String number) {
        return new NotFoundException("No SR " + number + " is visible to you; SR numbers have 11 digits.");
    }
}
