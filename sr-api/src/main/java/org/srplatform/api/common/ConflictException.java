package org.srplatform.api.common;

/** A state transition that is not allowed now, or a concurrent change that won (HTTP 409). */
public class ConflictException extends SrException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
