package org.srplatform.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.srplatform.api.common.FieldError;

/**
 * An RFC 9457 problem detail, the body of every error answer.
 *
 * @param feature for 503: the feature that is off
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, String feature) {
    public static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }
}
