package org.srplatform.web.internal;

import java.util.List;
import java.util.function.Function;
import org.srplatform.api.common.Page;

/** The list shape of the API: {@code {"items": [...], "next": "<cursor or null>"}}. */
public record PageView<T>(List<T> items, String next) {

    static <T> PageView<T> all(List<T> items) {
        return new PageView<>(items, null);
    }

    static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.next().orElse(null));
    }
}
