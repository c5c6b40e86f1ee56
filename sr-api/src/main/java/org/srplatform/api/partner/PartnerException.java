package org.srplatform.api.partner;

/** The partner could not be reached or refused the call; {@link #isTransient()} says whether to retry. */
public class PartnerException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public PartnerException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
