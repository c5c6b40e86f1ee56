package org.srplatform.api.common;

/** The caller is known but may not do this (HTTP 403); the message says why. */
public class NotAllowedException extends SrException {
    private static final long serialVersionUID = 1L;

    public NotAllowedException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Not allowed";
    }
}
