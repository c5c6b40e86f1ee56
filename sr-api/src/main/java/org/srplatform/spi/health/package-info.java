/**
 * Health of the parts of the platform that capabilities bring: a capability registers a {@link HealthIndicator}
 * and {@code GET /api/v1/health} shows its check beside the platform's own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.srplatform.spi.health;
