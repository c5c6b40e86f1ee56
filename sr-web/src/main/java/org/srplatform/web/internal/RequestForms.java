package org.srplatform.web.internal;

import java.util.List;
import java.util.Optional;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.SupportRequestForm;

/** The JSON bodies of the SR endpoints; boxed types so that a missing field is told apart from zero. */
final class RequestForms {
    private RequestForms() {
    }

    /** {@code POST /requests} and, with {@code customerNumber}, {@code POST /phone/requests}. */
    public record OpenRequest(String account, String product, String category, Integer severity, String subject,
            String description, List<String> tags, String contactMethod, String phone, String customerNumber,
            Boolean suggestionsShown) {
        SupportRequestForm toForm() {
            return new SupportRequestForm(account, product, category, Optional.ofNullable(severity), subject, description,
                    tags, contactMethod, Optional.ofNullable(phone), Optional.ofNullable(customerNumber),
                    Boolean.TRUE.equals(suggestionsShown));
        }
    }

    public record SeverityChange(Integer severity, String reason) {
    }

    public record StatusChange(String status, String reason) {
    }

    public record Comment(String text, Boolean internal) {
    }

    static <T> T required(T body) {
        if (body == null) {
            throw new ValidationException(FieldError.of("body", "a JSON object is required"));
        }
        return body;
    }
}
