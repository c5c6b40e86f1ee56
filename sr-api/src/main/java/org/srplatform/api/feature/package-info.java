/**
 * Runtime feature switches: every capability is a set of DS components that operators can disable and enable while the platform runs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.srplatform.api.feature;
