package org.srplatform.escalation.web.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.srplatform.api.common.FieldError;

/** Reading the enums of escalation's forms, with an error that lists what is allowed. */
final class Forms {
    private Forms() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null; // the caller says whether it is required
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(field, "'" + value + "' is not one of " + names(type)));
            return null;
        }
    }

    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
