package org.srplatform.api.catalog;

import java.util.Objects;

/**
 * A problem category of a product ("Performance", "Installation"...).
 *
 * @param id          unique within its product
 * @param name        shown in the category list
 * @param description explains what belongs here; a UI shows it on hover
 */
public record ProblemCategory(String id, String name, String description) {
    public ProblemCategory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
