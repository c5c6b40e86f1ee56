package org.srplatform.notify.tsanet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.srplatform.api.partner.Partner;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerField;

/**
 * TSANet's member directory ({@code GET /v1/partners/{searchTerm}}) and the members' collaboration forms
 * ({@code GET /v1/forms/company/{id}}, {@code /forms/department/{id}}). A member is named to the platform by its
 * company id, or {@code companyId/departmentId} when the form is a department's; its name works too.
 */
final class MemberForms {
    /** At most this many members of one search are described with their forms (a form is one call each). */
    static final int MAX_PARTNERS = 20;
    private static final Pattern ID = Pattern.compile("(\\d{1,18})(?:/(\\d{1,18}))?");

    /**
     * A member's collaboration form.
     *
     * @param member     how to name the member in messages
     * @param documentId the form's id, which a request names
     * @param fields     the form's custom fields as TSANet describes them
     */
    record Form(String member, long documentId, List<ObjectNode> fields) {

        List<PartnerField> partnerFields() {
            return fields.stream().map(f -> new PartnerField(f.path("fieldId").asText(), label(f),
                    f.path("required").asBoolean(false))).toList();
        }

        static String label(JsonNode field) {
            String label = field.path("label").asText("").strip();
            return label.isEmpty() ? "field " + field.path("fieldId").asText() : label;
        }

        /** The fields for the platform's operator: {@code 301 Array serial number (required), ...}. */
        String describeFields() {
            return fields.isEmpty() ? "none" : fields.stream().map(f -> f.path("fieldId").asText() + " " + label(f)
                    + (f.path("required").asBoolean(false) ? " (required)" : "")).collect(Collectors.joining(", "));
        }
    }

    private final ConnectApi api;

    MemberForms(ConnectApi api) {
        this.api = api;
    }

    /** Members whose name matches, with their forms' fields; none for an empty query (TSANet is searched, not listed). */
    List<Partner> partners(String query) throws PartnerException {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        List<Partner> found = new ArrayList<>();
        for (JsonNode entry : entries(api.get("partners/" + ConnectApi.segment(searchTerm(q)), Map.of()))) {
            if (found.size() == MAX_PARTNERS) {
                break;
            }
            Optional<String> id = id(entry);
            if (id.isEmpty()) {
                continue;
            }
            Optional<Form> form = formOf(entry, name(entry));
            if (form.isPresent()) { // a member without a form cannot be asked
                found.add(new Partner(id.get(), name(entry), form.get().partnerFields()));
            }
        }
        return found;
    }

    /**
     * The form of the member a request names.
     *
     * @throws PartnerException not transient when no member or several match, or the member has no form
     */
    Form form(String partner) throws PartnerException {
        String p = partner.strip();
        Matcher m = ID.matcher(p);
        if (m.matches()) {
            String member = "TSANet member " + p;
            JsonNode form = m.group(2) != null ? api.get("forms/department/" + m.group(2), Map.of())
                    : api.get("forms/company/" + m.group(1), Map.of());
            return form(form, member, Optional.empty());
        }
        List<JsonNode> candidates = entries(api.get("partners/" + ConnectApi.segment(searchTerm(p)), Map.of()));
        List<JsonNode> exact = candidates.stream().filter(e -> name(e).equalsIgnoreCase(p)
                || e.path("companyName").asText("").strip().equalsIgnoreCase(p)).toList();
        List<JsonNode> chosen = exact.size() == 1 ? exact : candidates.size() == 1 ? candidates : exact;
        if (chosen.size() != 1) {
            List<JsonNode> listed = chosen.isEmpty() ? candidates : chosen;
            if (listed.isEmpty()) {
                throw new PartnerException("TSANet's directory has no member named '" + p + "'", false, null);
            }
            throw new PartnerException("Several TSANet members match '" + p + "': " + listed.stream()
                    .map(e -> name(e) + " (" + id(e).orElse("?") + ")").collect(Collectors.joining(", "))
                    + "; name one by its id", false, null);
        }
        JsonNode entry = chosen.get(0);
        return formOf(entry, name(entry)).orElseThrow(() -> new PartnerException("TSANet member " + name(entry)
                + " has no collaboration form", false, null));
    }

    private Optional<Form> formOf(JsonNode entry, String member) throws PartnerException {
        JsonNode form;
        try {
            form = entry.hasNonNull("departmentId")
                    ? api.get("forms/department/" + entry.path("departmentId").asLong(), Map.of())
                    : api.get("forms/company/" + entry.path("companyId").asLong(), Map.of());
        } catch (PartnerException e) {
            if (e.isTransient()) {
                throw e;
            }
            return Optional.empty();
        }
        Optional<Long> listed = entry.path("documentId").canConvertToLong()
                ? Optional.of(entry.path("documentId").asLong()) : Optional.empty();
        return Optional.of(form(form, member, listed));
    }

    private static Form form(JsonNode form, String member, Optional<Long> listedDocument) throws PartnerException {
        Optional<Long> documentId = form.path("documentId").canConvertToLong()
                ? Optional.of(form.path("documentId").asLong()) : listedDocument;
        if (documentId.isEmpty()) {
            throw new PartnerException("TSANet gave no collaboration form (documentId) for " + member, false, null);
        }
        List<ObjectNode> fields = new ArrayList<>();
        for (JsonNode f : form.path("customFields")) {
            if (f.isObject() && f.hasNonNull("fieldId")) {
                fields.add(((ObjectNode) f).deepCopy());
            }
        }
        return new Form(member, documentId.get(), fields);
    }

    /**
     * The company part of a name: a department's label reads {@code Company / Department}, and a slash, even
     * encoded, is refused in a path by many servers.
     */
    private static String searchTerm(String name) {
        int slash = name.indexOf('/');
        String company = slash < 0 ? name : name.substring(0, slash).strip();
        return company.isEmpty() ? name.replace("/", " ").strip() : company;
    }

    /** The directory answers an array (older clients saw {@code {content: [...]}} too). */
    private static List<JsonNode> entries(JsonNode answer) {
        JsonNode list = answer.isArray() ? answer : answer.path("content");
        List<JsonNode> entries = new ArrayList<>();
        list.forEach(entries::add);
        return entries;
    }

    private static Optional<String> id(JsonNode entry) {
        if (!entry.path("companyId").canConvertToLong()) {
            return Optional.empty();
        }
        String company = Long.toString(entry.path("companyId").asLong());
        return Optional.of(entry.hasNonNull("departmentId") ? company + "/" + entry.path("departmentId").asLong()
                : company);
    }

    private static String name(JsonNode entry) {
        String label = entry.path("label").asText("").strip();
        if (!label.isEmpty()) {
            return label;
        }
        String company = entry.path("companyName").asText("").strip();
        String department = entry.path("departmentName").asText("").strip();
        return department.isEmpty() ? company : company + " / " + department;
    }
}
