package org.srplatform.web.internal;

import org.srplatform.web.api.AuthenticationRequiredException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void somethingUnexpectedIsA500WithoutInternals() {
        Problem p = ProblemMapper.problemOf(new IllegalStateException("secret internals"));
        assertEquals(500, p.status());
        assertTrue(!p.detail().contains("secret"));
    }
}
