package org.srplatform.openapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiDocumentTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode platform = ApiDescriptions.platform(json, "1.2.3");

    private Fragment fragment(String capability, String content) throws Exception {
        return new Fragment(capability, "SR platform " + capability, "org.srplatform." + capability + " test.json",
                (ObjectNode) json.readTree(content.replace('\'', '"')));
    }

    private static String textForm(String field) {
        return "'components':{'schemas':{'TextForm':{'type':'object','properties':{'" + field + "':{'type':'string'}}}}}";
    }

    @Test
    public void theFragmentsPathsJoinThePlatformsPart() throws Exception {
        ApiDocument.Merged merged = ApiDocument.merge(platform, List.of(
                fragment("requests", "{'paths':{'/requests':{'get':{'operationId':'list','responses':{'200':{'description':'ok'}}}}}}"),
                fragment("casework", "{'paths':{'/queues':{'get':{'operationId':'list','responses':{'200':{'description':'ok'}}}}}}")));
        JsonNode doc = merged.document();
        assertEquals(List.of(), merged.warnings());
        assertEquals("1.2.3", doc.at("/info/version").asText());
        assertEquals("/api/v1", doc.at("/servers/0/url").asText());
        assertEquals("requestsList", doc.at("/paths/~1requests/get/operationId").asText(), "qualified by the capability");
        assertEquals("caseworkList", doc.at("/paths/~1queues/get/operationId").asText());
        assertEquals("requests", doc.at("/paths/~1requests/get/tags/0").asText());
        assertEquals(List.of("casework", "requests"), doc.get("tags").findValuesAsText("name"));
        assertEquals("SR platform casework", doc.at("/tags/0/description").asText());
        assertTrue(doc.at("/components/schemas/Problem/properties/errors").isObject(), "the problem detail is described");
    }

    @Test
    public void everyOperationGetsTheProblemAnswersItCanGive() throws Exception {
        JsonNode doc = ApiDocument.merge(platform, List.of(fragment("requests", "{'paths':{"
                + "'/requests':{'get':{'responses':{'200':{'description':'ok'}}}},"
                + "'/requests/{number}/status':{'post':{'requestBody':{'content':{'application/json':{'schema':{'type':'object'}}}},"
                + "'responses':{'200':{'description':'ok'},'409':{'$ref':'#/components/responses/Conflict'}}}},"
                + "'/health':{'get':{'x-sr-open':true,'responses':{'200':{'description':'up'}}}}}}"))).document();
        JsonNode list = doc.at("/paths/~1requests/get/responses");
        assertEquals(List.of("200", "401", "403", "503", "default"), names(list), "no input, no path parameter");
        JsonNode status = doc.at("/paths/~1requests~1{number}~1status/post/responses");
        assertEquals(List.of("200", "409", "400", "401", "403", "404", "413", "503", "default"), names(status));
        assertEquals("#/components/responses/BadRequest", status.at("/400/$ref").asText());
        JsonNode health = doc.at("/paths/~1health/get");
        assertTrue(health.get("security").isArray() && health.get("security").isEmpty(), "open: no sign-in");
        assertFalse(health.has("x-sr-open"));
        assertEquals(List.of("200", "503", "default"), names(health.get("responses")));
        assertEquals("requestsGetRequests", doc.at("/paths/~1requests/get/operationId").asText(),
                "an operation without id gets one from method and path");
    }

    @Test
    public void aSchemaNameTwoBundlesUseDifferentlyIsQualifiedInTheSecond() throws Exception {
        JsonNode doc = ApiDocument.merge(platform, List.of(
                fragment("collaboration", "{'paths':{'/notes':{'post':{'requestBody':{'content':{'application/json':"
                        + "{'schema':{'$ref':'#/components/schemas/TextForm'}}}},'responses':{'200':{'description':'ok'}}}}},"
                        + textForm("text") + "}"),
                fragment("escalation", "{'paths':{'/plans':{'put':{'requestBody':{'content':{'application/json':"
                        + "{'schema':{'$ref':'#/components/schemas/Plan'}}}},'responses':{'200':{'description':'ok'}}}}},"
                        + "'components':{'schemas':{'TextForm':{'type':'object','properties':{'body':{'type':'string'}}},"
                        + "'Plan':{'type':'object','properties':{'text':{'$ref':'#/components/schemas/TextForm'}}}}}}"),
                fragment("requests", "{'paths':{}," + textForm("text") + "}"))).document();
        JsonNode schemas = doc.at("/components/schemas");
        assertEquals("text", schemas.get("TextForm").get("properties").fieldNames().next(), "the first keeps the name");
        assertEquals("body", schemas.get("EscalationTextForm").get("properties").fieldNames().next());
        assertEquals("#/components/schemas/EscalationTextForm", schemas.at("/Plan/properties/text/$ref").asText(),
                "references follow the rename");
        assertFalse(schemas.has("RequestsTextForm"), "an identical schema is shared, not copied");
    }

    @Test
    public void aFragmentWithItsOwnServerBelowTheBaseIsRebased() throws Exception {
        ApiDocument.Merged merged = ApiDocument.merge(platform, List.of(
                fragment("collaboration", "{'servers':[{'url':'/api/v1/partner-events'}],'paths':{'/{connector}':{'post':"
                        + "{'x-sr-open':true,'responses':{'200':{'description':'ok'}}}}}}"),
                fragment("elsewhere", "{'servers':[{'url':'/other'}],'paths':{'/x':{'get':{'responses':{'200':{'description':'ok'}}}}}}")));
        assertTrue(merged.document().at("/paths/~1partner-events~1{connector}/post").isObject());
        assertFalse(merged.document().at("/paths").has("/x"));
        assertEquals(1, merged.warnings().size(), merged.warnings().toString());
    }

    @Test
    public void anOperationTwoBundlesDescribeIsTheFirstsAndWarned() throws Exception {
        ApiDocument.Merged merged = ApiDocument.merge(platform, List.of(
                fragment("a", "{'paths':{'/x':{'get':{'operationId':'one','responses':{'200':{'description':'ok'}}}}}}"),
                fragment("b", "{'paths':{'/x':{'get':{'operationId':'two','responses':{'200':{'description':'ok'}}},"
                        + "'put':{'operationId':'three','responses':{'200':{'description':'ok'}}}}}}")));
        assertEquals("aOne", merged.document().at("/paths/~1x/get/operationId").asText());
        assertEquals("bThree", merged.document().at("/paths/~1x/put/operationId").asText());
        assertEquals(1, merged.warnings().size(), merged.warnings().toString());
    }

    @Test
    public void aSignInSchemeABundleAddsIsAnotherWayIntoEveryEndpoint() throws Exception {
        JsonNode doc = ApiDocument.merge(platform, List.of(fragment("web", "{'paths':{},'components':{'securitySchemes':"
                + "{'session':{'type':'apiKey','in':'cookie','name':'SR_SESSION','x-sr-sign-in':true}}}}"))).document();
        assertEquals(2, doc.get("security").size());
        assertTrue(doc.at("/security/1/session").isArray());
        assertEquals("cookie", doc.at("/components/securitySchemes/session/in").asText());
    }

    @Test
    public void theMergeLeavesThePlatformsPartAndTheFragmentsUnchanged() throws Exception {
        Fragment f = fragment("a", "{'paths':{'/x':{'get':{'operationId':'one','responses':{'200':{'description':'ok'}}}}}}");
        ObjectNode before = f.content().deepCopy();
        ObjectNode platformBefore = platform.deepCopy();
        ApiDocument.merge(platform, List.of(f));
        assertEquals(before, f.content());
        assertEquals(platformBefore, platform);
    }

    @Test
    public void aMethodNameSeveralResourcesOfABundleUseGivesWayToThePath() throws Exception {
        JsonNode doc = ApiDocument.merge(platform, List.of(fragment("admin", "{'paths':{"
                + "'/admin/regions/{id}':{'put':{'operationId':'put','responses':{'200':{'description':'ok'}}}},"
                + "'/admin/offerings/{id}':{'put':{'operationId':'put_1','responses':{'200':{'description':'ok'}}}},"
                + "'/admin/export':{'get':{'operationId':'export','responses':{'200':{'description':'ok'}}}}}}"))).document();
        assertEquals("adminPutAdminRegionsId", doc.at("/paths/~1admin~1regions~1{id}/put/operationId").asText());
        assertEquals("adminPutAdminOfferingsId", doc.at("/paths/~1admin~1offerings~1{id}/put/operationId").asText());
        assertEquals("adminExport", doc.at("/paths/~1admin~1export/get/operationId").asText());
    }

    @Test
    public void onlyTheSchemasAnOperationUsesAreKept() throws Exception {
        JsonNode doc = ApiDocument.merge(platform, List.of(fragment("admin", "{'paths':{'/x':{'get':{'responses':{'200':"
                + "{'description':'ok','content':{'application/json':{'schema':{'$ref':'#/components/schemas/Used'}}}}}}}},"
                + "'components':{'schemas':{'Used':{'type':'object','properties':{'inner':{'$ref':'#/components/schemas/Inner'}}},"
                + "'Inner':{'type':'object','properties':{'a':{'type':'string'}}},'JsonNode':{'type':'object'}}}}"))).document();
        JsonNode schemas = doc.at("/components/schemas");
        assertTrue(schemas.has("Used") && schemas.has("Inner"), schemas.toString());
        assertTrue(schemas.has("Problem") && schemas.has("FieldError"), "the problem answers use them");
        assertFalse(schemas.has("JsonNode"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
