/**
 * The store's contract with the platform's own capability bundles: one transaction in which a
 * capability runs its own SQL together with the platform's writes (the SR, its timeline, the outbox),
 * and the schema scripts a capability ships in its own jar.
 *
 * <p>Platform SPI: versioned, but not part of the partner promise. Partners build against
 * {@code org.srplatform.api.*}; this package may change with any minor release of the platform.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.srplatform.spi.store;
