package org.srplatform.web.api;

/** No or wrong credentials: answered 401 with a problem body and a {@code WWW-Authenticate} challenge. */
public class AuthenticationRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthenticationRequiredException(String message) {
        super(message);
    }
}
