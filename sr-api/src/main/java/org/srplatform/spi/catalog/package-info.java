/**
 * Where the catalog (products, support hours, categories, knowledge articles) is kept, with what administrators
 * deactivated of it and the update cadence of each support offering (1.2).
 *
 * <p>Platform SPI: the platform's own contract between its bundles, versioned but not part of the partner
 * promise. Its services read and write past the visibility rules, so partners get the caller-checked
 * services of {@code org.srplatform.api.*} instead.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.srplatform.spi.catalog;
