package org.srplatform.api.common;

import java.util.List;

/** The caller is known but may not do this (HTTP 403); the message says why, the errors name the fields. */
public class NotAllowedException extends SrException {
    private static final long serialVersionUID = 1L;
    private final List<FieldError> errors;

    public NotAllowedException(String message) {
        this(message, List.of());
    }

    /** @since 1.1 */
    public NotAllowedException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /**
     * The fields whose values the caller may not use (an account that is not theirs); may be empty.
     *
     * @since 1.1
     */
    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String title() {
        return "Not allowed";
    }
}
