/**
 * The platform's setup (catalog, offerings, accounts, contracts, contacts, users and roles, regions; queues and routing
 * rules through {@link org.srplatform.spi.admin.QueueSetup}, since 1.1) as one JSON document: exported, and imported
 * all or nothing.
 *
 * <p>Platform SPI: the platform's own contract between its bundles (the demo loads its data through it),
 * versioned but not part of the partner promise.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.srplatform.spi.admin;
