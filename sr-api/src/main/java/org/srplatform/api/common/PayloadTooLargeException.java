package org.srplatform.api.common;

/** An upload or body over a configured limit (HTTP 413); the message names the limit. */
public class PayloadTooLargeException extends SrException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Payload too large";
    }
}
