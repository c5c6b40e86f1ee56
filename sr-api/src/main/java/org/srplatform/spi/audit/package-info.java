/**
 * The audit trail: administrative changes, sign-in failures and feature switches, each with who, what, when,
 * before and after.
 *
 * <p>Platform SPI: the platform's own contract between its bundles, versioned but not part of the partner
 * promise. Bundles that audit reference {@link org.srplatform.spi.audit.AuditTrail} optionally, so that they keep
 * working while no bundle keeps the trail.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.srplatform.spi.audit;
