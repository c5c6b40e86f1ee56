package org.srplatform.intake.web.internal;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Optional;
import org.srplatform.api.request.SupportRequestForm;

/**
 * The body of {@code POST /requests} and, with {@code customerNumber}, of {@code POST /phone/requests};
 * boxed types so that a missing field is told apart from zero; a description words a wrongly typed value's problem.
 */
public record OpenRequest(String account, String product, String category,
        @JsonPropertyDescription("a number from 1 to 4") Integer severity, String subject,
        String description, List<String> tags, String contactMethod, String phone, String customerNumber,
        Boolean suggestionsShown) {

    SupportRequestForm toForm() {
        // A null tag becomes an empty one, which the form's check names (tags[i]) instead of failing on it.
        List<String> given = tags == null ? null : tags.stream().map(t -> t == null ? "" : t).toList();
        return new SupportRequestForm(account, product, category, Optional.ofNullable(severity), subject, description,
                given, contactMethod, Optional.ofNullable(phone), Optional.ofNullable(customerNumber),
                Boolean.TRUE.equals(suggestionsShown));
    }
}
