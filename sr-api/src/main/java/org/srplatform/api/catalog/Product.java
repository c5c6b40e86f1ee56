package org.srplatform.api.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A technical product that customers get support for.
 *
 * @param id           stable key used in URLs and contracts ({@code datacenter})
 * @param name         display name
 * @param supportHours when phones are staffed
 * @param categories   its problem categories, in display order
 */
public record Product(String id, String name, SupportHours supportHours, List<ProblemCategory> categories) {
    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(supportHours, "supportHours");
        categories = List.copyOf(categories);
    }

    public Optional<ProblemCategory> category(String categoryId) {
        return categories.stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }
}
