package org.srplatform.intake.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.FieldHelp;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SupportRequestForm;

/**
 * The SR form's field rules, in the seed's order (product, category, account, description and tags,
 * required fields), with the tooltip of each. {@link #check} reports every wrong field at once.
 */
final class IntakeForm {
    static final int SUBJECT_MAX = 200;
    static final int DESCRIPTION_MAX = 32_000;
    static final int TAGS_MAX = 20;
    static final int TAG_MAX = 50;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{5,29}");

    static final List<FieldHelp> FIELDS = List.of(
            new FieldHelp("product", "Technical product", true,
                    "The product the problem is with. Its support hours decide when phones are staffed.", List.of()),
            new FieldHelp("category", "Problem category", true,
                    "The area of the product; each category's description says what belongs there.", List.of()),
            new FieldHelp("account", "Entitled account", true,
                    "The account that holds a support contract for this product; only your accounts with a valid contract are accepted.", List.of()),
            new FieldHelp("severity", "Severity", true,
                    "1: production down or data at risk; 2: a major function fails; 3: a minor problem with a workaround; 4: a question or cosmetic issue.",
                    List.of("1", "2", "3", "4")),
            new FieldHelp("subject", "Subject", true,
                    "One line that says what is wrong (at most " + SUBJECT_MAX + " characters).", List.of()),
            new FieldHelp("description", "Problem description", true,
                    "What happens, what you expected, what changed, error messages. A description or at least one tag is required.", List.of()),
            new FieldHelp("tags", "Tags", true,
                    "Keywords that describe the problem further (at most " + TAGS_MAX + "). A description or at least one tag is required.", List.of()),
            new FieldHelp("contactMethod", "Preferred contact method", true,
                    "How the support engineer first responds: by phone, by e-mail, or both.", List.of("PHONE", "EMAIL", "BOTH")),
            new FieldHelp("phone", "Phone number", false,
                    "Required when the contact method is PHONE or BOTH; include the country code.", List.of()));

    record Checked(Severity severity, ContactMethod contactMethod, Optional<String> phone, List<String> tags,
            String subject, String description) {
    }

    private IntakeForm() {
    }

    /** Checks the fields that need no account; adds what is wrong to {@code errors}. */
    static Optional<Checked> check(SupportRequestForm form, Optional<Product> product, List<FieldError> errors) {
        if (blank(form.product())) {
            errors.add(FieldError.of("product", "is required; GET /api/v1/products lists the products"));
        } else if (product.isEmpty()) {
            errors.add(FieldError.of("product", "unknown product '" + form.product() + "'; GET /api/v1/products lists the products"));
        }
        if (blank(form.category())) {
            errors.add(FieldError.of("category", "is required"));
        } else if (product.isPresent() && product.get().category(form.category()).isEmpty()) {
            errors.add(FieldError.of("category", "'" + form.category() + "' is not a category of " + product.get().id()
                    + "; its categories: " + String.join(", ", product.get().categories().stream().map(c -> c.id()).toList())));
        }
        Severity severity = null;
        if (form.severity().isEmpty()) {
            errors.add(FieldError.of("severity", "is required: 1, 2, 3 or 4"));
        } else {
            try {
                severity = Severity.of(form.severity().get());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("severity", "must be 1, 2, 3 or 4, not " + form.severity().get()));
            }
        }
        String subject = form.subject() == null ? "" : form.subject().strip();
        if (subject.isEmpty()) {
            errors.add(FieldError.of("subject", "is required: one line that says what is wrong"));
        } else if (subject.length() > SUBJECT_MAX) {
            errors.add(FieldError.of("subject", "is longer than " + SUBJECT_MAX + " characters"));
        } else if (subject.chars().anyMatch(Character::isISOControl)) {
            errors.add(FieldError.of("subject", "must be one line without control characters"));
        }
        String description = form.description() == null ? "" : form.description().strip();
        if (description.length() > DESCRIPTION_MAX) {
            errors.add(FieldError.of("description", "is longer than " + DESCRIPTION_MAX + " characters; attach long logs as files"));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < form.tags().size(); i++) {
            String tag = form.tags().get(i) == null ? "" : form.tags().get(i).strip();
            if (tag.isEmpty() || tag.length() > TAG_MAX || tag.chars().anyMatch(Character::isISOControl)) {
                errors.add(FieldError.of("tags[" + i + "]", "must be 1 to " + TAG_MAX + " characters on one line"));
            } else {
                tags.add(tag);
            }
        }
        if (tags.size() > TAGS_MAX) {
            errors.add(FieldError.of("tags", "at most " + TAGS_MAX + " tags"));
        }
        if (description.isEmpty() && form.tags().isEmpty()) {
            errors.add(FieldError.of("description", "give a problem description or at least one tag"));
        }
        ContactMethod method = null;
        if (blank(form.contactMethod())) {
            errors.add(FieldError.of("contactMethod", "is required: PHONE, EMAIL or BOTH"));
        } else {
            try {
                method = ContactMethod.valueOf(form.contactMethod().strip());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("contactMethod", "must be PHONE, EMAIL or BOTH, not '" + form.contactMethod() + "'"));
            }
        }
        Optional<String> phone = form.phone().map(String::strip).filter(p -> !p.isEmpty());
        if (phone.isPresent() && !PHONE.matcher(phone.get()).matches()) {
            errors.add(FieldError.of("phone", "is not a phone number: digits, spaces and + ( ) . / - only, with the country code"));
        } else if (phone.isEmpty() && method != null && method.needsPhone()) {
            errors.add(FieldError.of("phone", "is required when the contact method is " + method));
        }
        if (severity == null || method == null || !errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Checked(severity, method, phone, new ArrayList<>(tags), subject, description));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
