/**
 * The user directory: users, roles, passwords.
 *
 * <p>Platform SPI: the platform's own contract between its bundles, versioned but not part of the partner
 * promise. Its services read and write past the visibility rules, so partners get the caller-checked
 * services of {@code org.srplatform.api.*} instead.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.srplatform.spi.security;
