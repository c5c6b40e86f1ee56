package org.srplatform.web.internal;

/** No or wrong credentials (HTTP 401). */
final class AuthenticationRequired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AuthenticationRequired(String message) {
        super(message);
    }
}
