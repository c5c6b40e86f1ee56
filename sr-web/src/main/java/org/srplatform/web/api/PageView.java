package org.srplatform.web.api;

import java.util.List;
import java.util.function.Function;
import org.srplatform.api.common.Page;

/** The list shape of the API: {@code {"items": [...], "next": "<cursor or null>"}}. */
public record PageView<T>(List<T> items, String next) {

    /** A whole list: no next page. */
    public static <T> PageView<T> all(List<T> items) {
        return new PageView<>(items, null);
    }

    /** A page of the model, each item turned into its view. */
    public static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.next().orElse(null));
    }
}
