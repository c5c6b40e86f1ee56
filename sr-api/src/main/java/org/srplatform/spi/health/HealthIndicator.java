package org.srplatform.spi.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One check of {@code GET /api/v1/health}, contributed by a capability (the mail server's settings, the
 * confirmations the outbox owes). Register it as a DS service. Called on every health request: answer from
 * what is known already (a state kept up to date elsewhere), never with network or database I/O.
 */
@ConsumerType
public interface HealthIndicator {

    /** The check's name in the health answer ({@code email}). */
    String name();

    /** What the check says now. */
    HealthCheck check();
}
