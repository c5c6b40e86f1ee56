package org.srplatform.spi.feature;

import java.time.Instant;
import java.util.Objects;

/**
 * A feature's switch as an operator last set it, on any node of the platform.
 *
 * @param featureId the feature ({@code intake})
 * @param enabled   whether it is switched on
 * @param changedAt when the switch was last set
 * @param changedBy who set it: {@code operator} (the admin API or the shell), or where it came from
 *                  ({@code features.properties})
 * @since 1.1
 */
public record FeatureSwitch(String featureId, boolean enabled, Instant changedAt, String changedBy) {
    public FeatureSwitch {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(changedBy, "changedBy");
    }
}
