package org.srplatform.spi.feature;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A capability operators can switch on and off while the platform runs.
 *
 * @param id         stable id ({@code intake}); used in {@code sr:disable} and the admin API
 * @param enabled    the operator's choice, kept across restarts
 * @param state      what actually runs now
 * @param components the DS components that make up the feature, with their states, for diagnosis
 * @param requires   ids of the features it needs, as its components declare them in
 *                   {@value FeatureService#REQUIRES_PROPERTY}, ordered by id (since 1.1)
 * @param reason     why it is {@link FeatureState#WAITING}, for operators ({@code requires feature
 *                   'requests', which is disabled}); empty in every other state (since 1.1)
 * @param waitedOnBy ids of the enabled features that are {@link FeatureState#WAITING} because this one is
 *                   not active, directly or through another waiting feature, ordered by id; empty
 *                   while it is active (since 1.1)
 */
public record Feature(String id, boolean enabled, FeatureState state, List<FeatureComponent> components,
        List<String> requires, Optional<String> reason, List<String> waitedOnBy) {
    public Feature {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        components = List.copyOf(components);
        requires = List.copyOf(requires);
        Objects.requireNonNull(reason, "reason");
        waitedOnBy = List.copyOf(waitedOnBy);
    }

    /**
     * A feature that requires no other feature and on which nothing waits: the constructor of version
     * 1.0, kept for callers built against it.
     */
    public Feature(String id, boolean enabled, FeatureState state, List<FeatureComponent> components) {
        this(id, enabled, state, components, List.of(), Optional.empty(), List.of());
    }
}
