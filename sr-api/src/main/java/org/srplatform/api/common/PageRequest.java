package org.srplatform.api.common;

import java.util.Optional;

/**
 * Which page of a list to return: at most {@code limit} items after the position the opaque
 * {@code cursor} names (empty for the first page).
 *
 * @param limit  1 to {@value #MAX_LIMIT}
 * @param cursor the {@link Page#next()} of the previous page, or empty
 */
public record PageRequest(int limit, Optional<String> cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException(FieldError.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        cursor = cursor == null ? Optional.empty() : cursor.filter(c -> !c.isBlank());
    }

    /** The first page with the default limit. */
    public static PageRequest first() {
        return new PageRequest(DEFAULT_LIMIT, Optional.empty());
    }

    /** The first page with the given limit. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }
}
