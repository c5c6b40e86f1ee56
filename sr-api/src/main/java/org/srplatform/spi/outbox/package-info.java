/**
 * The transactional outbox: messages written in the same transaction as the SR change that causes them, drained by dispatchers.
 *
 * <p>Platform SPI: versioned, not part of the partner promise; partners deliver through
 * {@code org.srplatform.api.notify.NotificationChannel}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.srplatform.spi.outbox;
