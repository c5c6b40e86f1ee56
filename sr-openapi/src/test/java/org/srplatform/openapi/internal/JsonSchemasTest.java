package org.srplatform.openapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theRootAndEachDefinitionBecomeComponentsWithTheirReferencesFollowing() throws Exception {
        Map<String, JsonNode> schemas = JsonSchemas.toOpenApi("Setup", (ObjectNode) json.readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "x", "type": "object",
                 "properties": {"format": {"const": "setup/1"}, "users": {"type": "array", "items": {"$ref": "#/$defs/user"}}},
                 "$defs": {"key": {"type": "string", "minLength": 1},
                   "routingRule": {"type": "object", "properties": {
                     "id": {"$ref": "#/$defs/key", "maxLength": 16, "examples": ["APJ", "EMEA"]},
                     "type": {"type": ["string", "null"]},
                     "targets": {"type": "object", "patternProperties": {"^S[1-4]$": {"type": "string"}}}}},
                   "user": {"type": "object", "properties": {"login": {"$ref": "#/$defs/key"}}}}}
                """));
        assertEquals(List.of("Setup", "SetupKey", "SetupRoutingRule", "SetupUser"), List.copyOf(schemas.keySet()));
        JsonNode root = schemas.get("Setup");
        assertFalse(root.has("$schema") || root.has("$id") || root.has("$defs"));
        assertEquals("setup/1", root.at("/properties/format/enum/0").asText(), "const is an enum of one");
        assertEquals("#/components/schemas/SetupUser", root.at("/properties/users/items/$ref").asText());
        assertEquals("#/components/schemas/SetupKey", schemas.get("SetupUser").at("/properties/login/$ref").asText());
        JsonNode id = schemas.get("SetupRoutingRule").at("/properties/id");
        assertEquals("#/components/schemas/SetupKey", id.at("/allOf/0/$ref").asText(), "a $ref with siblings is an allOf");
        assertEquals(16, id.get("maxLength").asInt());
        assertEquals("APJ", id.get("example").asText());
        JsonNode type = schemas.get("SetupRoutingRule").at("/properties/type");
        assertEquals("string", type.get("type").asText(), "a property named type is a field, not the keyword");
        assertTrue(type.get("nullable").asBoolean());
        JsonNode targets = schemas.get("SetupRoutingRule").at("/properties/targets");
        assertEquals("string", targets.at("/additionalProperties/type").asText());
        assertTrue(targets.get("description").asText().contains("^S[1-4]$"));
    }

    @Test
    void theSetupDocumentsPublishedSchemaConvertsWithoutAJsonSchemaOnlyKeywordLeft() throws Exception {
        ObjectNode setup = (ObjectNode) json.readTree(Files.readString(Path.of("../docs/setup.schema.json")));
        Map<String, JsonNode> schemas = JsonSchemas.toOpenApi("Setup", setup);
        assertTrue(schemas.keySet().containsAll(List.of("Setup", "SetupProduct", "SetupCategory", "SetupContract",
                "SetupAccount", "SetupContact", "SetupUser", "SetupOffering", "SetupRegion")), schemas.keySet().toString());
        String text = json.writeValueAsString(schemas);
        for (String keyword : List.of("\"const\"", "\"examples\"", "\"patternProperties\"", "\"$defs\"", "#/$defs/")) {
            assertFalse(text.contains(keyword), keyword);
        }
    }
}
