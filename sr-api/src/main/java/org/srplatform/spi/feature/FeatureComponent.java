package org.srplatform.spi.feature;

import java.util.Objects;

/**
 * One DS component of a feature.
 *
 * @param name   component name
 * @param bundle symbolic name of its bundle
 * @param state  the SCR state ({@code ACTIVE}, {@code SATISFIED}, {@code UNSATISFIED_REFERENCE}...)
 */
public record FeatureComponent(String name, String bundle, String state) {
    public FeatureComponent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(state, "state");
    }
}
