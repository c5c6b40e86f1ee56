package org.srplatform.api.feature;

import java.util.List;
import java.util.Objects;

/**
 * A capability operators can switch on and off while the platform runs.
 *
 * @param id         stable id ({@code intake}); used in {@code sr:disable} and the admin API
 * @param enabled    the operator's choice, kept across restarts
 * @param state      what actually runs now
 * @param components the DS components that make up the feature, with their states, for diagnosis
 */
public record Feature(String id, boolean enabled, FeatureState state, List<FeatureComponent> components) {
    public Feature {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        components = List.copyOf(components);
    }
}
