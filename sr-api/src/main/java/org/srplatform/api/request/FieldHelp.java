package org.srplatform.api.request;

import java.util.List;
import java.util.Objects;

/**
 * What a UI shows beside a field of the SR form: its label, whether it is required, the tooltip that
 * explains what to enter, and the allowed values where there is a fixed set.
 *
 * @param field    the field's name in {@link SupportRequestForm} and the JSON body
 * @param label    short label
 * @param required whether the form is refused without it ({@code description} and {@code tags}: one of them)
 * @param help     the tooltip
 * @param choices  allowed values, empty when free
 * @since 1.1
 */
public record FieldHelp(String field, String label, boolean required, String help, List<String> choices) {
    public FieldHelp {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(help, "help");
        choices = List.copyOf(choices);
    }
}
