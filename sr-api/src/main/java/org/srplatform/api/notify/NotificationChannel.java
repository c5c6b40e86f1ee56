package org.srplatform.api.notify;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Delivers notifications on one channel (e-mail, SMS, chat...). Register an implementation as an OSGi
 * service; the dispatcher uses every registered channel that {@link #accepts} a notification, and
 * picks up a hot-deployed channel at once.
 *
 * <p>The dispatcher calls {@link #deliver} from its own thread, one notification at a time per
 * channel; an implementation may block for network I/O but should time out within a minute.
 * Delivery is at least once: use {@link Notification#id()} to drop duplicates where the medium allows.
 *
 * @since 1.0
 */
@ConsumerType
public interface NotificationChannel {

    /** Stable id of the channel ({@code email}); names it in logs and deliveries. */
    String id();

    /** Whether this channel can and should carry the notification (e.g. the recipient has an address). */
    boolean accepts(Notification notification);

    /**
     * Hands the notification over.
     *
     * @throws DeliveryException when it could not; transient failures are retried
     */
    Delivery deliver(Notification notification) throws DeliveryException;
}
