package org.srplatform.api.common;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param items the items of this page, in the list's order
 * @param next  the cursor of the following page, empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
        next = next == null ? Optional.empty() : next;
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }
}
