/**
 * The transactional outbox: messages written in the same transaction as the SR change that causes them, drained by dispatchers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.srplatform.api.outbox;
