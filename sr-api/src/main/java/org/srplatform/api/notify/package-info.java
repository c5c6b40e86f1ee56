/**
 * Notification dispatch: the {@link org.srplatform.api.notify.NotificationChannel} SPI that delivers a message on one channel (e-mail, SMS, chat...).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.srplatform.api.notify;
