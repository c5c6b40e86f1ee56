package org.srplatform.api.feature;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Lists features and switches them. A feature is every DS component whose {@value #FEATURE_PROPERTY}
 * property names it; switching it off makes those components unsatisfied (their services go away and
 * endpoints that need them answer 503), switching it on brings them back. The choice survives restarts.
 *
 * <p>To make a component part of feature {@code x}, give it these two properties:
 * <pre>
 * &#64;Component(property = {
 *     "sr.feature=x",
 *     "osgi.ds.satisfying.condition.target=(&amp;(osgi.condition.id=sr.features)(!(disabled=x)))" })
 * </pre>
 * The second one is what makes the switch work: the platform registers one OSGi condition,
 * {@value #CONDITION_ID}, whose {@value #DISABLED_PROPERTY} property lists the disabled features.
 */
@ProviderType
public interface FeatureService {

    /** Component property naming the feature a component belongs to. */
    String FEATURE_PROPERTY = "sr.feature";

    /** {@code osgi.condition.id} of the condition that feature components are satisfied by. */
    String CONDITION_ID = "sr.features";

    /** Property of that condition listing the disabled feature ids. */
    String DISABLED_PROPERTY = "disabled";

    /** Every feature of the components installed now, ordered by id. */
    List<Feature> features();

    Optional<Feature> feature(String id);

    /**
     * Switches a feature on or off, at once and lasting across restarts.
     *
     * @return the feature after the switch (its components may take a moment to follow)
     * @throws org.srplatform.api.common.NotFoundException for an id no installed component names
     */
    Feature setEnabled(String id, boolean enabled);
}
