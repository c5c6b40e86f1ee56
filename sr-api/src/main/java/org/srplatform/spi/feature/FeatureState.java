package org.srplatform.spi.feature;

/** A feature's state as operators see it. */
public enum FeatureState {
    /** Enabled and every component active: the capability works. */
    ACTIVE,
    /** Enabled but some component waits for something (a configuration, a service, a stopped bundle). */
    UNSATISFIED,
    /** Switched off by an operator. */
    DISABLED,
    /**
     * Enabled, but a feature it requires ({@value FeatureService#REQUIRES_PROPERTY}) is disabled, not
     * installed or not active itself; {@link Feature#reason()} names it. It follows by itself once that
     * feature is active again.
     *
     * @since 1.1
     */
    WAITING
}
