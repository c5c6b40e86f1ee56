package org.srplatform.api.suggest;

import java.util.Objects;

/**
 * A suggested resource.
 *
 * @param id      the resource's id at its provider
 * @param title   headline
 * @param summary one or two sentences
 * @param url     where to read it
 * @param score   relevance, higher is better; comparable only within one provider
 */
public record Suggestion(String id, String title, String summary, String url, double score) {
    public Suggestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(url, "url");
    }
}
