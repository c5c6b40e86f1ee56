package org.srplatform.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the platform's part of the document (info, servers, sign-in, problem details) with the fragments
 * of the bundles into one OpenAPI document. What the fragments cannot know is added here, the same for
 * every endpoint: the problem answers every endpoint may give (401 and 403 unless the operation is open,
 * 400 with input, 404 with a path parameter, 413 with a body, 503 always), a tag per capability, and
 * operation ids qualified by the capability (each bundle's generator only knows its own).
 */
final class ApiDocument {
    /** The base every fragment's paths are below, unless its {@code servers} names one further down. */
    static final String BASE = "/api/v1";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** A security scheme a fragment adds with this extension is another way to sign in to every endpoint. */
    static final String SIGN_IN = "x-sr-sign-in";
    /** An operation with this extension {@code true} is served without sign-in ({@code security: []}). */
    static final String OPEN = "x-sr-open";

    private final ObjectNode doc;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> operationIds = new HashSet<>();
    private final Map<String, String> tags = new TreeMap<>();

    /** The merged document, and what was left out of it and why. */
    record Merged(ObjectNode document, List<String> warnings) {
    }

    private ApiDocument(ObjectNode platform) {
        this.doc = platform.deepCopy();
        for (JsonNode tag : doc.path("tags")) {
            tags.put(tag.path("name").asText(), tag.path("description").asText(""));
        }
    }

    /**
     * @param platform  the platform's part: info, servers, security, the problem schemas and responses
     * @param fragments in the order they take precedence (an operation two fragments describe is the first's)
     */
    static Merged merge(ObjectNode platform, List<Fragment> fragments) {
        ApiDocument merged = new ApiDocument(platform);
        for (Fragment f : fragments) {
            merged.add(f);
        }
        return new Merged(merged.finish(), List.copyOf(merged.warnings));
    }

    private void add(Fragment fragment) {
        ObjectNode content = fragment.content().deepCopy();
        Optional<String> prefix = prefix(fragment, content);
        if (prefix.isEmpty()) {
            return;
        }
        ObjectNode schemas = object(object(doc, "components"), "schemas");
        ObjectNode own = content.path("components").path("schemas") instanceof ObjectNode o ? o : null;
        Map<String, String> renames = SchemaReferences.renames(upperCamel(fragment.capability()), schemas, own);
        if (!renames.isEmpty()) {
            SchemaReferences.rewrite(content, renames);
        }
        ObjectNode components = content.path("components") instanceof ObjectNode c ? c : null;
        if (components != null) {
            addComponents(fragment, components);
        }
        Map<String, Integer> ids = new HashMap<>();
        for (JsonNode item : content.path("paths")) {
            for (String method : METHODS) {
                ids.merge(baseId(item.path(method).path("operationId").asText("")), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, JsonNode> path : content.path("paths").properties()) {
            addPath(fragment, prefix.get() + path.getKey(), (ObjectNode) path.getValue(), ids);
        }
        for (JsonNode tag : content.path("tags")) {
            tags.putIfAbsent(tag.path("name").asText(), tag.path("description").asText(""));
        }
        tags.merge(fragment.capability(), fragment.description(), (given, bundle) -> given.isEmpty() ? bundle : given);
    }

    /** Where the fragment's paths are below {@code /api/v1}: its own {@code servers}, if it names one. */
    private Optional<String> prefix(Fragment fragment, ObjectNode content) {
        JsonNode servers = content.path("servers");
        if (servers.isEmpty()) {
            return Optional.of("");
        }
        String url = servers.get(0).path("url").asText("").replaceAll("/+$", "");
        if (url.equals(BASE) || url.startsWith(BASE + "/")) {
            return Optional.of(url.substring(BASE.length()));
        }
        warnings.add(fragment.source() + ": left out, its server " + url + " is not below " + BASE);
        return Optional.empty();
    }

    private void addComponents(Fragment fragment, ObjectNode components) {
        ObjectNode merged = object(doc, "components");
        for (Map.Entry<String, JsonNode> kind : components.properties()) {
            if (!(kind.getValue() instanceof ObjectNode entries)) {
                continue;
            }
            ObjectNode target = object(merged, kind.getKey());
            for (Map.Entry<String, JsonNode> entry : entries.properties()) {
                String name = entry.getKey();
                JsonNode present = target.get(name);
                if (present == null) {
                    target.set(name, entry.getValue());
                    if (kind.getKey().equals("securitySchemes") && entry.getValue().path(SIGN_IN).asBoolean(false)) {
                        doc.withArray("security").addObject().putArray(name);
                    }
                } else if (!present.equals(entry.getValue())) {
                    warnings.add(fragment.source() + ": components/" + kind.getKey() + "/" + name
                            + " differs from the one already there, which is kept");
                }
            }
        }
    }

    private void addPath(Fragment fragment, String path, ObjectNode item, Map<String, Integer> ids) {
        ObjectNode paths = object(doc, "paths");
        ObjectNode target = object(paths, path);
        for (Map.Entry<String, JsonNode> entry : item.properties()) {
            String key = entry.getKey();
            if (!METHODS.contains(key)) {
                if (!target.has(key)) {
                    target.set(key, entry.getValue());
                }
                continue;
            }
            if (target.has(key)) {
                warnings.add(fragment.source() + ": " + key.toUpperCase() + " " + path
                        + " is described by another bundle already; this description is left out");
                continue;
            }
            ObjectNode operation = (ObjectNode) entry.getValue();
            complete(fragment, key, path, operation, ids);
            target.set(key, operation);
        }
    }

    /** What every operation of the platform has and a bundle's generator cannot know. */
    private void complete(Fragment fragment, String method, String path, ObjectNode operation, Map<String, Integer> ids) {
        String id = operation.path("operationId").asText("");
        // A Java method name several resources of the bundle use (list, list_1...) says less than the path.
        if (id.isEmpty() || ids.getOrDefault(baseId(id), 0) > 1) {
            id = method + upperCamel(path.replaceAll("[{}]", ""));
        }
        String qualified = lowerCamel(fragment.capability()) + upperFirst(id);
        String unique = qualified;
        for (int i = 2; !operationIds.add(unique); i++) {
            unique = qualified + i;
        }
        operation.put("operationId", unique);
        if (operation.path("tags").isEmpty()) {
            operation.putArray("tags").add(fragment.capability());
        }
        for (JsonNode tag : operation.path("tags")) {
            tags.putIfAbsent(tag.asText(), "");
        }

        // The generator writes no empty security requirement: an open operation says so by an extension.
        JsonNode openFlag = operation.remove(OPEN);
        if (openFlag != null && openFlag.asBoolean(false)) {
            operation.putArray("security");
        }
        boolean open = operation.path("security").isArray() && operation.path("security").isEmpty();
        boolean body = operation.has("requestBody");
        boolean input = body || !operation.path("parameters").isEmpty();
        ObjectNode responses = object(operation, "responses");
        problem(responses, "400", "BadRequest", input);
        problem(responses, "401", "Unauthorized", !open);
        problem(responses, "403", "Forbidden", !open);
        problem(responses, "404", "NotFound", path.contains("{"));
        problem(responses, "413", "PayloadTooLarge", body);
        problem(responses, "503", "Unavailable", true);
        problem(responses, "default", "Problem", true);
    }

    /** An operation id without the generator's {@code _1}, {@code _2} for repeated method names. */
    private static String baseId(String id) {
        return id.replaceFirst("_\\d+$", "");
    }

    private static void problem(ObjectNode responses, String status, String response, boolean applies) {
        if (applies && !responses.has(status)) {
            responses.putObject(status).put("$ref", "#/components/responses/" + response);
        }
    }

    /**
     * Paths sorted, tags listed once each with their capability's description, and only the schemas an
     * operation uses (a generator also lists the types it was told to replace, such as a JsonNode body).
     */
    private ObjectNode finish() {
        SchemaReferences.retainUsed(doc, object(object(doc, "components"), "schemas"));
        ObjectNode paths = object(doc, "paths");
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        paths.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        paths.removeAll();
        sorted.forEach(paths::set);
        ArrayNode list = doc.putArray("tags");
        tags.forEach((name, description) -> {
            ObjectNode tag = list.addObject().put("name", name);
            if (!description.isEmpty()) {
                tag.put("description", description);
            }
        });
        return doc;
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        return child instanceof ObjectNode o ? o : parent.putObject(name);
    }

    /** {@code catalog.web} and {@code requests/{number}/status} to {@code CatalogWeb}, {@code RequestsNumberStatus}. */
    static String upperCamel(String words) {
        StringBuilder out = new StringBuilder();
        for (String word : words.split("[^A-Za-z0-9]+")) {
            out.append(upperFirst(word));
        }
        return out.toString();
    }

    static String lowerCamel(String words) {
        String upper = upperCamel(words);
        return upper.isEmpty() ? upper : Character.toLowerCase(upper.charAt(0)) + upper.substring(1);
    }

    private static String upperFirst(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
