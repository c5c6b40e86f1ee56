package org.srplatform.spi.feature;

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
 *
 * <p>A feature whose components use a service that another feature provides declares so with
 * {@value #REQUIRES_PROPERTY} (a String or String[] of feature ids) on those components:
 * <pre>
 * &#64;Component(property = {
 *     "sr.feature=attachments",
 *     "sr.feature.requires=requests",
 *     "osgi.ds.satisfying.condition.target=(&amp;(osgi.condition.id=sr.features)(!(disabled=attachments)))" })
 * </pre>
 * The declaration does not switch anything: SCR still wires the services. It tells operators why an
 * enabled feature does not run: while a required feature is disabled, not installed or not
 * {@link FeatureState#ACTIVE}, the feature is {@link FeatureState#WAITING} and {@link Feature#reason()}
 * names the required feature; a feature that requires a waiting feature waits too. Disabling a feature
 * that others require is allowed; the answer's {@link Feature#waitedOnBy()} lists the features that now wait.
 */
@ProviderType
public interface FeatureService {

    /** Component property naming the feature a component belongs to. */
    String FEATURE_PROPERTY = "sr.feature";

    /** {@code osgi.condition.id} of the condition that feature components are satisfied by. */
    String CONDITION_ID = "sr.features";

    /** Property of that condition listing the disabled feature ids. */
    String DISABLED_PROPERTY = "disabled";

    /**
     * Component property listing the ids of the features a feature component needs (String or String[]).
     * A feature requires the union of what its components declare.
     *
     * @since 1.1
     */
    String REQUIRES_PROPERTY = "sr.feature.requires";

    /** Every feature of the components installed now, ordered by id. */
    List<Feature> features();

    Optional<Feature> feature(String id);

    /**
     * Switches a feature on or off, at once and lasting across restarts.
     *
     * @return the feature after the switch (its components may take a moment to follow); after switching
     *         off a feature that others require, its {@link Feature#waitedOnBy()} names the enabled
     *         features that now wait on it
     * @throws org.srplatform.api.common.NotFoundException for an id no installed component names
     */
    Feature setEnabled(String id, boolean enabled);

    /**
     * Switches a feature as {@link #setEnabled(String, boolean)} does, for someone: the audit trail and the stored
     * switch name them (the administrator's login for the admin API, {@code shell} for the Gogo commands).
     *
     * @param actor who switches it, 1 to 128 characters
     * @since 1.1 (a default that does not record who, so that implementations made before compile unchanged)
     */
    default Feature setEnabled(String id, boolean enabled, String actor) {
        return setEnabled(id, enabled);
    }
}
