/**
 * Support requests (SRs): the model, its timeline, the store that keeps it and the services that open and work it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.srplatform.api.request;
