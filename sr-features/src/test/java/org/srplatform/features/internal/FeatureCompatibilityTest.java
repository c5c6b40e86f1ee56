package org.srplatform.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureState;

/** Callers built against org.srplatform.spi.feature 1.0 construct features with four arguments. */
class FeatureCompatibilityTest {

    @Test
    void aFeatureBuiltWithTheFormerConstructorRequiresNothingAndWaitsOnNothing() {
        Feature f = new Feature("intake", true, FeatureState.ACTIVE, List.of());

        assertEquals(new Feature("intake", true, FeatureState.ACTIVE, List.of(), List.of(), Optional.empty(), List.of()), f);
    }
}
