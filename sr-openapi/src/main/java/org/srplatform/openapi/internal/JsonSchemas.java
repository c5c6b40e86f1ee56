package org.srplatform.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (2020-12) document of a bundle as OpenAPI 3.0 schemas, so that a capability whose bodies are
 * defined by a published JSON Schema (the setup document of sr-admin) describes them with that very file
 * instead of a copy: the root becomes {@code <name>}, each {@code $defs} entry {@code <name><Def>}. The
 * keywords OpenAPI 3.0 lacks are said its way: {@code const} an enum of one, {@code examples} its first
 * {@code example}, a {@code $ref} with siblings an {@code allOf}, {@code patternProperties} (one pattern) the
 * {@code additionalProperties} with the pattern in the description, a type list with {@code null} nullable.
 */
final class JsonSchemas {
    /** On a fragment: {@code {"<name>": "<entry in the bundle>"}}, JSON Schema files to add as components. */
    static final String EXTENSION = "x-sr-json-schemas";
    private static final String COMPONENTS = "#/components/schemas/";
    private static final List<String> NAMED_SCHEMAS = List.of("properties", "patternProperties", "$defs", "definitions");

    private JsonSchemas() {
    }

    static Map<String, JsonNode> toOpenApi(String name, ObjectNode document) {
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        ObjectNode root = document.deepCopy();
        JsonNode defs = root.remove("$defs");
        root.remove(List.of("$schema", "$id"));
        schemas.put(name, convert(name, root));
        if (defs != null) {
            for (Map.Entry<String, JsonNode> def : defs.properties()) {
                schemas.put(component(name, def.getKey()), convert(name, def.getValue().deepCopy()));
            }
        }
        return schemas;
    }

    static String component(String name, String def) {
        return name + ApiDocument.upperCamel(def);
    }

    private static JsonNode convert(String name, JsonNode node) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, convert(name, array.get(i)));
            }
            return array;
        }
        if (!(node instanceof ObjectNode schema)) {
            return node;
        }
        for (Map.Entry<String, JsonNode> child : new ArrayList<>(schema.properties())) {
            if (NAMED_SCHEMAS.contains(child.getKey()) && child.getValue() instanceof ObjectNode named) {
                // names of fields (or patterns), not keywords: their values are the schemas
                for (Map.Entry<String, JsonNode> entry : new ArrayList<>(named.properties())) {
                    named.set(entry.getKey(), convert(name, entry.getValue()));
                }
            } else {
                schema.set(child.getKey(), convert(name, child.getValue()));
            }
        }
        JsonNode constant = schema.remove("const");
        if (constant != null) {
            schema.putArray("enum").add(constant);
        }
        JsonNode examples = schema.remove("examples");
        if (examples instanceof ArrayNode list && !list.isEmpty() && !schema.has("example")) {
            schema.set("example", list.get(0));
        }
        JsonNode patterns = schema.remove("patternProperties");
        if (patterns != null && patterns.size() == 1) {
            Map.Entry<String, JsonNode> only = patterns.properties().iterator().next();
            schema.set("additionalProperties", only.getValue());
            String said = schema.path("description").asText("");
            schema.put("description", (said.isEmpty() ? "" : said + "; ") + "keys match " + only.getKey());
        }
        if (schema.get("type") instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            types.forEach(t -> named.add(t.asText()));
            if (named.remove("null")) {
                schema.put("nullable", true);
            }
            if (named.size() == 1) {
                schema.put("type", named.get(0));
            } else {
                schema.remove("type");
            }
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            String target = ref.asText().equals("#") ? COMPONENTS + name
                    : ref.asText().startsWith("#/$defs/") ? COMPONENTS + component(name, ref.asText().substring(8))
                    : ref.asText();
            schema.remove("$ref");
            if (schema.isEmpty()) {
                schema.put("$ref", target);
            } else { // OpenAPI 3.0 ignores what stands beside a $ref
                ObjectNode referred = schema.objectNode().put("$ref", target);
                schema.putArray("allOf").add(referred);
            }
        }
        return schema;
    }
}
