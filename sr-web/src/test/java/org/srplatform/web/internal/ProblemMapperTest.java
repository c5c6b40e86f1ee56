package org.srplatform.web.internal;

import org.srplatform.web.api.AuthenticationRequiredException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.PayloadTooLargeException;
import org.srplatform.api.common.ValidationException;

class ProblemMapperTest {
    private final ObjectMapper json = JsonProvider.mapper();

    @Test
    void domainExceptionsBecomeTheirStatus() {
        assertEquals(403, ProblemMapper.problemOf(new NotAllowedException("no")).status());
        assertEquals(404, ProblemMapper.problemOf(new org.srplatform.api.common.NotFoundException("no")).status());
        assertEquals(409, ProblemMapper.problemOf(new ConflictException("no")).status());
        assertEquals(413, ProblemMapper.problemOf(new PayloadTooLargeException("big")).status());
        assertEquals(401, ProblemMapper.problemOf(new AuthenticationRequiredException("who")).status());
    }

    @Test
    void aValidationFailureListsEveryField() {
        Problem p = ProblemMapper.problemOf(new ValidationException(List.of(FieldError.of("severity", "must be 1-4"),
                FieldError.of("product", "unknown"))));
        assertEquals(400, p.status());
        assertEquals(List.of("severity", "product"), p.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aMissingFeatureIsA503NamingIt() {
        Problem p = ProblemMapper.problemOf(new FeatureUnavailableException("intake"));
        assertEquals(503, p.status());
        assertEquals("intake", p.feature());
        assertTrue(p.detail().contains("intake"));
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnes() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> json.readValue("{\"enabeld\": true}", FeatureAdminResource.Switch.class));
        Problem p = ProblemMapper.problemOf(e);
        assertEquals(400, p.status());
        assertEquals("enabeld", p.errors().get(0).field());
        assertTrue(p.errors().get(0).message().contains("enabled"), p.errors().get(0).message());
    }

    @Test
    void aWrongTypeNamesTheField() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> json.readValue("{\"enabled\": \"perhaps\"}", FeatureAdminResource.Switch.class));
        Problem p = ProblemMapper.problemOf(e);
        assertEquals(400, p.status());
        assertEquals("enabled", p.errors().get(0).field());
    }

    @Test
    void malformedJsonAndInvalidUtf8AreBadInput() {
        Exception malformed = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> json.readValue("{\"enabled\": ", FeatureAdminResource.Switch.class));
        assertEquals("body", ProblemMapper.problemOf(malformed).errors().get(0).field());
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        Exception utf8 = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> json.readValue(invalid, java.util.Map.class));
        Problem p = ProblemMapper.problemOf(utf8);
        assertEquals(400, p.status());
        assertTrue(p.errors().get(0).message().contains("UTF-8"), p.errors().get(0).message());
    }

    /** A request body as resources declare them: boxed, with a description where the type alone says too little. */
    record Form(@JsonPropertyDescription("a number from 1 to 4") Integer severity, List<String> tags, String subject,
            Boolean internal) {
    }

    private Problem problemReading(String body) {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> json.readValue(body, Form.class));
        Problem p = ProblemMapper.problemOf(e);
        assertEquals(400, p.status(), p.detail());
        assertNoInternals(p);
        return p;
    }

    private static void assertNoInternals(Problem p) {
        String all = p.detail() + " " + (p.errors() == null ? "" : p.errors().toString());
        assertFalse(all.matches("(?s).*\\b(java|javax|jakarta|org|com)\\.[a-z].*"), all);
        assertFalse(all.contains("`") || all.contains("$") || all.contains("Coercion") || all.contains("instance of"), all);
    }

    @Test
    void aNumberSentAsAStringIsToldWhatTheFieldTakesInWords() {
        Problem p = problemReading("{\"severity\":\"2\"}");
        assertEquals("severity", p.errors().get(0).field());
        assertEquals("must be a number from 1 to 4", p.errors().get(0).message());
        assertEquals("severity must be a number from 1 to 4.", p.detail());
    }

    @Test
    void aStringWhereAListBelongsIsToldToSendAListOfStrings() {
        Problem p = problemReading("{\"tags\":\"upgrade\"}");
        assertEquals("tags", p.errors().get(0).field());
        assertEquals("must be a list of strings", p.errors().get(0).message());
        Problem element = problemReading("{\"tags\":[\"ok\", {\"a\": 1}]}");
        assertEquals("tags[1]", element.errors().get(0).field());
        assertTrue(element.errors().get(0).message().startsWith("must be a string"), element.errors().get(0).message());
        assertTrue(problemReading("{\"internal\":\"yes\"}").errors().get(0).message().contains("true or false"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsToldSoWithoutNamingTheClass() {
        Problem p = problemReading("[1,2]");
        assertEquals("body", p.errors().get(0).field());
        assertEquals("must be a JSON object", p.errors().get(0).message());
        assertEquals("The body must be a JSON object.", p.detail());
    }

    @Test
    void malformedJsonSaysWhereWithoutJacksonInternals() {
        Problem p = problemReading("{\"subject\": \"x\",\n \"tags\": [}");
        assertEquals("body", p.errors().get(0).field());
        assertTrue(p.detail().contains("line 2"), p.detail());
        assertTrue(problemReading("{\"subject\": ").detail().contains("ends before"));
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413NotA400() {
        // Past Jackson's first buffer, so that the limit breaks off the read inside a field (Jackson wraps that).
        byte[] body = ("{\"subject\":\"" + "x".repeat(30_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        InputStream limited = new RequestSizeLimit(10_000).limited(new ByteArrayInputStream(body));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> json.readValue(limited, Form.class));
        assertEquals(413, ProblemMapper.problemOf(e).status());
    }

    @Test
    void somethingUnexpectedIsA500WithoutInternals() {
        Problem p = ProblemMapper.problemOf(new IllegalStateException("secret internals"));
        assertEquals(500, p.status());
        assertTrue(!p.detail().contains("secret"));
    }
}
