package org.srplatform.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document the distribution serves, as a client gets it: valid by swagger-parser (the OpenAPI
 * project's parser and validator, every reference resolved), and with real schemas: every object a body or an
 * answer has says its fields. Kept in target/openapi.json for a look.
 */
class OpenApiDocumentIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path data;

    private Process platform;

    @AfterEach
    void stop() throws InterruptedException {
        if (platform != null) {
            platform.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServedDocumentIsValidOpenApiWithRealSchemas() throws Exception {
        int port = TestPlatform.freePort();
        platform = new ProcessBuilder(TestPlatform.distribution().resolve("bin/sr-platform").toString(), "--port",
                Integer.toString(port), "--data", data.toString(), "--no-console", "--demo").redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + "-console.log").toFile()).start();
        Http http = new Http(port);
        assertEquals(200, http.await("health", null, 200, START).status(), "the platform is up");
        Http.Answer answer = http.get("openapi.json", "customer1");
        assertEquals(200, answer.status());
        Files.writeString(Path.of("target/openapi.json"), answer.body());

        ParseOptions resolve = new ParseOptions();
        resolve.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.body(), null, resolve);
        assertEquals(List.of(), parsed.getMessages(), "swagger-parser's findings");
        assertNotNull(parsed.getOpenAPI());
        assertTrue(parsed.getOpenAPI().getPaths().size() >= 60, "paths: " + parsed.getOpenAPI().getPaths().size());

        assertEquals(List.of(), vagueSchemas(answer.json()), "objects without their fields");
    }

    /**
     * Every component schema, request body and answer that is an object names its properties (or what its
     * values are, for a map), unless its description says why it cannot (a partner's own event format).
     */
    private static List<String> vagueSchemas(JsonNode doc) {
        List<String> vague = new ArrayList<>();
        for (Map.Entry<String, JsonNode> schema : doc.at("/components/schemas").properties()) {
            check("components/schemas/" + schema.getKey(), schema.getValue(), vague);
        }
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                List<String> statuses = new ArrayList<>();
                operation.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
                if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
                    vague.add(where + ": no success answer, only " + statuses);
                }
                for (Map.Entry<String, JsonNode> media : operation.getValue().at("/requestBody/content").properties()) {
                    check(where + " body " + media.getKey(), media.getValue().get("schema"), vague);
                }
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    JsonNode content = response.getValue().get("content");
                    if (content == null && response.getKey().startsWith("2") && !response.getKey().equals("204")
                            && !response.getValue().has("$ref")) {
                        vague.add(where + " " + response.getKey() + ": no content");
                    }
                    for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
                        check(where + " " + response.getKey() + " " + media.getKey(), media.getValue().get("schema"), vague);
                    }
                }
            }
        }
        return vague;
    }

    private static void check(String where, JsonNode schema, List<String> vague) {
        if (schema == null) {
            vague.add(where + ": no schema");
            return;
        }
        if (schema.has("$ref") || schema.has("allOf") || schema.has("oneOf") || schema.has("anyOf")) {
            return;
        }
        if (schema.path("type").asText().equals("array")) {
            check(where + "[]", schema.get("items"), vague);
            return;
        }
        boolean object = schema.path("type").asText().equals("object") || schema.has("properties");
        if (object && schema.path("properties").isEmpty() && !schema.has("additionalProperties")
                && !schema.has("description")) {
            vague.add(where + ": an object without properties");
        }
    }
}
