package org.srplatform.web.api;

import java.util.Optional;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;

/** Reads the {@code limit} and {@code cursor} query parameters of a list. */
public final class Paging {
    private Paging() {
    }

    /** @throws ValidationException naming {@code limit} when it is not 1 to the maximum */
    public static PageRequest of(String limit, String cursor) {
        int n = PageRequest.DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > PageRequest.MAX_LIMIT) {
                throw new ValidationException(FieldError.of("limit", "must be a number from 1 to " + PageRequest.MAX_LIMIT));
            }
        }
        return new PageRequest(n, Optional.ofNullable(cursor));
    }
}
