package org.srplatform.api.common;

/**
 * Base of the domain exceptions. Each subclass stands for one kind of answer (400, 403, 404, 409,
 * 413, 503); services throw them and the web layer maps them to problem details, so no service
 * builds an HTTP response.
 */
public abstract class SrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected SrException(String message) {
        super(message);
    }

    protected SrException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short, stable title for the kind of problem ("Invalid input", "Not found"). */
    public abstract String title();
}
