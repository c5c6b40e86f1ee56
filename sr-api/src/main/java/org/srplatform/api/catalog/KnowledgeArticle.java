package org.srplatform.api.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A knowledge article, offered as a suggested resource while a customer writes an SR.
 *
 * @param id        stable key
 * @param product   the product it is about
 * @param category  the problem category, if it is about one
 * @param title     headline
 * @param summary   one or two sentences shown in the suggestion list
 * @param body      the full text (searched, not listed)
 * @param url       where the customer reads it
 * @param tags      keywords
 * @param updatedAt last change
 */
public record KnowledgeArticle(String id, String product, Optional<String> category, String title, String summary,
        String body, String url, List<String> tags, Instant updatedAt) {
    public KnowledgeArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(product, "product");
        category = category == null ? Optional.empty() : category;
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(url, "url");
        tags = List.copyOf(tags);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
