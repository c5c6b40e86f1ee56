package org.srplatform.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The schema components of a document and the references to them: renaming, and leaving out the unused. */
final class SchemaReferences {
    private static final String SCHEMAS = "#/components/schemas/";

    private SchemaReferences() {
    }

    /**
     * New names for a fragment's schemas ({@code own}) that another fragment already defines differently,
     * qualified by the capability's name ({@code TextForm} of escalation becomes {@code EscalationTextForm});
     * repeated until no schema differs only because one it refers to was renamed.
     */
    static Map<String, String> renames(String qualifier, ObjectNode existing, ObjectNode own) {
        Map<String, String> renames = new HashMap<>();
        if (own == null) {
            return renames;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            ObjectNode rewritten = own.deepCopy();
            rewrite(rewritten, renames);
            for (Map.Entry<String, JsonNode> schema : rewritten.properties()) {
                String name = schema.getKey();
                if (!renames.containsKey(name) && existing.has(name) && !existing.get(name).equals(schema.getValue())) {
                    renames.put(name, freeName(existing, own, qualifier + name));
                    changed = true;
                }
            }
        }
        return renames;
    }

    private static String freeName(ObjectNode existing, ObjectNode own, String wanted) {
        String name = wanted;
        for (int i = 2; existing.has(name) || own.has(name); i++) {
            name = wanted + i;
        }
        return name;
    }

    /** Keeps of {@code schemas} the ones the rest of {@code doc} refers to, directly or through other schemas. */
    static void retainUsed(ObjectNode doc, ObjectNode schemas) {
        Set<String> used = new HashSet<>();
        List<String> todo = new ArrayList<>();
        ObjectNode withoutSchemas = doc.deepCopy();
        ((ObjectNode) withoutSchemas.get("components")).remove("schemas");
        collectRefs(withoutSchemas, used, todo);
        while (!todo.isEmpty()) {
            JsonNode schema = schemas.get(todo.remove(todo.size() - 1));
            if (schema != null) {
                collectRefs(schema, used, todo);
            }
        }
        schemas.retain(used);
    }

    private static void collectRefs(JsonNode node, Set<String> used, List<String> todo) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMAS)) {
            String name = ref.asText().substring(SCHEMAS.length());
            if (used.add(name)) {
                todo.add(name);
            }
        }
        for (JsonNode child : node) {
            collectRefs(child, used, todo);
        }
    }

    static void rewrite(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMAS)) {
                String renamed = renames.get(ref.asText().substring(SCHEMAS.length()));
                if (renamed != null) {
                    object.set("$ref", TextNode.valueOf(SCHEMAS + renamed));
                }
            }
            if (node.path("components").path("schemas") instanceof ObjectNode schemas) {
                renameKeys(schemas, renames);
            }
            for (JsonNode child : object) {
                rewrite(child, renames);
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                rewrite(child, renames);
            }
        }
    }

    private static void renameKeys(ObjectNode schemas, Map<String, String> renames) {
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : schemas.properties()) {
            kept.put(renames.getOrDefault(e.getKey(), e.getKey()), e.getValue());
        }
        schemas.removeAll();
        kept.forEach(schemas::set);
    }
}
