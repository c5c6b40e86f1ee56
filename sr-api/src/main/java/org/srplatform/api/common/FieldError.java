package org.srplatform.api.common;

import java.util.Objects;

/**
 * What is wrong with one field of an input, said so that the user can fix it.
 *
 * @param field   the field's name as the client sent it ({@code severity}, {@code tags[2]})
 * @param message what is wrong and what is expected ({@code "must be 1, 2, 3 or 4"})
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public static FieldError of(String field, String message) {
        return new FieldError(field, message);
    }
}
