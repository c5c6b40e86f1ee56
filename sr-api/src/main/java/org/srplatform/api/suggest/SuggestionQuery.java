package org.srplatform.api.suggest;

import java.util.Objects;
import java.util.Optional;

/**
 * What the customer has chosen and typed so far.
 *
 * @param product  product id
 * @param category problem category id, once chosen
 * @param text     the description typed so far, possibly empty
 * @param limit    how many suggestions at most, 1-50
 */
public record SuggestionQuery(String product, Optional<String> category, String text, int limit) {
    public SuggestionQuery {
        Objects.requireNonNull(product, "product");
        category = category == null ? Optional.empty() : category;
        text = text == null ? "" : text;
        if (limit < 1 || limit > 50) {
            throw new IllegalArgumentException("limit must be 1-50");
        }
    }
}
