/**
 * Runtime feature switches: every capability is a set of DS components that operators can disable and enable while the platform runs.
 *
 * <p>Platform SPI: switching features is an operator's act (the admin endpoint and the shell check who
 * asks), so the service is not part of the partner promise. A partner's components join a feature by the
 * component properties documented on {@link org.srplatform.spi.feature.FeatureService}, which need no
 * import of this package.
 *
 * <p>Since 1.1 the switches are kept by the store ({@link org.srplatform.spi.feature.FeatureSwitches}), so that every
 * platform node on one database follows the same switches.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.srplatform.spi.feature;
