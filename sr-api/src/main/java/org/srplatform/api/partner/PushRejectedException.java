package org.srplatform.api.partner;

/**
 * A push from a partner the connector does not take: not for it, not authentic, or not readable. Never retried;
 * the platform answers the partner with 404, 401 or 400 and applies nothing.
 *
 * @since 1.1
 */
public class PushRejectedException extends PartnerException {
    private static final long serialVersionUID = 1L;

    /** Why a push was not taken. */
    public enum Reason {
        /** The connector takes no pushes, or none is set up (no shared secret). */
        NOT_SUPPORTED,
        /** Its signature, token or time does not check out. */
        NOT_AUTHENTIC,
        /** Authentic, but not a message the connector understands. */
        MALFORMED
    }

    private final Reason reason;

    public PushRejectedException(Reason reason, String message) {
        super(message, false, null);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
