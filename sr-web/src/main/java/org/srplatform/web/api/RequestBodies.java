package org.srplatform.web.api;

import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;

/** The JSON body of a request, as a resource of any bundle reads it. */
public final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * The body, or a 400 problem naming the field {@code body} when the request had none (Jakarta REST
     * passes {@code null} for an empty JSON body).
     *
     * @throws ValidationException when {@code body} is {@code null}
     */
    public static <T> T required(T body) {
        if (body == null) {
            throw new ValidationException(FieldError.of("body", "a JSON object is required"));
        }
        return body;
    }
}
