package org.srplatform.api.notify;

/**
 * A channel could not deliver. {@link #isTransient()} tells the dispatcher whether a retry may help
 * (server down) or not (address refused).
 */
public class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public DeliveryException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
