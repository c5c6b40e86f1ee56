/**
 * Shared vocabulary of the API: paging, the calling actor and the domain exceptions that the web layer maps to RFC 9457 problem details.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.srplatform.api.common;
