/**
 * OSGi Event Admin topics on which capabilities announce their changes to each other.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.srplatform.api.event;
