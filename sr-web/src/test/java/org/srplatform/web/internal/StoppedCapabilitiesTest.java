package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class StoppedCapabilitiesTest {
    private static final String INTAKE = "intake;paths:List<String>=\"POST requests,GET requests/fields\","
            + "intake;paths:List<String>=\"phone\"";
    private static final String REQUESTS = "requests;paths:List<String>=\"GET requests,GET requests/{number},"
            + "POST requests/{number}/severity,POST requests/*/status\"";
    private static final String ATTACHMENTS = "attachments;paths:List<String>=\"requests/{number}/attachments\"";

    private static Optional<String> feature(String method, String path, StoppedCapabilities.Declared... bundles) {
        return StoppedCapabilities.find(Stream.of(bundles), method, path, false).map(StoppedCapabilities.Stopped::feature);
    }

    private static StoppedCapabilities.Declared stopped(long id, String header) {
        return new StoppedCapabilities.Declared("org.srplatform.b" + id, id, Bundle.RESOLVED, header);
    }

    private static StoppedCapabilities.Declared active(long id, String header) {
        return new StoppedCapabilities.Declared("org.srplatform.b" + id, id, Bundle.ACTIVE, header);
    }

    @Test
    void aMethodAndTemplateMatchThatMethodOnExactlyThatPath() {
        var intake = stopped(1, INTAKE);
        assertEquals(Optional.of("intake"), feature("POST", "requests", intake));
        assertEquals(Optional.of("intake"), feature("POST", "/requests/", intake));
        assertEquals(Optional.empty(), feature("GET", "requests", intake), "GET requests is not intake's");
        assertEquals(Optional.empty(), feature("POST", "requests/ABC-1", intake), "no prefix with a method");
        assertEquals(Optional.of("intake"), feature("GET", "requests/fields", intake));
        assertEquals(Optional.of("intake"), feature("HEAD", "requests/fields", intake), "HEAD goes with GET");
    }

    @Test
    void aTemplateWithoutMethodIsAPrefixForEveryMethod() {
        var intake = stopped(1, INTAKE);
        assertEquals(Optional.of("intake"), feature("GET", "phone", intake));
        assertEquals(Optional.of("intake"), feature("POST", "phone/callbacks/42/done", intake));
        assertEquals(Optional.empty(), feature("GET", "phones", intake), "segments, not characters");
    }

    @Test
    void parametersAndStarsMatchOneSegment() {
        var requests = stopped(2, REQUESTS);
        var attachments = stopped(3, ATTACHMENTS);
        assertEquals(Optional.of("requests"), feature("GET", "requests/20240101-0001", requests));
        assertEquals(Optional.of("requests"), feature("POST", "requests/20240101-0001/status", requests));
        assertEquals(Optional.of("requests"), feature("POST", "requests/X/severity;v=1", requests), "matrix parameters");
        assertEquals(Optional.empty(), feature("POST", "requests/X/Y/status", requests));
        assertEquals(Optional.of("attachments"), feature("POST", "requests/X/attachments", attachments));
        assertEquals(Optional.of("attachments"), feature("GET", "requests/X/attachments/7", attachments));
        assertEquals(Optional.empty(), feature("GET", "requests/X", attachments));
    }

    @Test
    void exactlyOnlyMatchesOneMethodOnALiteralPath() {
        var intake = List.of(stopped(1, INTAKE), stopped(2, REQUESTS));
        // What a running /requests/{number} takes from a stopped intake.
        assertEquals(Optional.of("intake"), StoppedCapabilities.find(intake.stream(), "GET", "requests/fields", true)
                .map(StoppedCapabilities.Stopped::feature));
        assertEquals(Optional.empty(), StoppedCapabilities.find(intake.stream(), "GET", "requests/20240101001", true),
                "a template is not exact: an unknown SR stays 404");
        assertEquals(Optional.empty(), StoppedCapabilities.find(intake.stream(), "GET", "phone/callbacks", true),
                "a prefix is not exact");
    }

    @Test
    void anActiveBundleNeverMatches() {
        assertEquals(Optional.empty(), feature("POST", "requests", active(1, INTAKE)));
        assertEquals(Optional.empty(), feature("GET", "phone", active(1, INTAKE)));
        // intake stopped, requests running: only intake's endpoints are reported.
        assertEquals(Optional.of("intake"), feature("POST", "requests", stopped(1, INTAKE), active(2, REQUESTS)));
        assertEquals(Optional.empty(), feature("GET", "requests", stopped(1, INTAKE), active(2, REQUESTS)));
        assertEquals(Optional.empty(), feature("DELETE", "requests", stopped(1, INTAKE), active(2, REQUESTS)));
    }

    @Test
    void everyStateButActiveCountsAndTheDetailSaysWhy() {
        for (int state : new int[] {Bundle.INSTALLED, Bundle.RESOLVED, Bundle.STARTING, Bundle.STOPPING}) {
            var b = new StoppedCapabilities.Declared("org.srplatform.intake", 42, state, INTAKE);
            StoppedCapabilities.Stopped s = StoppedCapabilities.find(Stream.of(b), "POST", "requests", false).orElseThrow();
            assertTrue(s.detail().startsWith("Feature 'intake' is not available: its bundle org.srplatform.intake "),
                    s.detail());
        }
        var resolved = new StoppedCapabilities.Declared("org.srplatform.intake", 42, Bundle.RESOLVED, INTAKE);
        String detail = StoppedCapabilities.find(Stream.of(resolved), "POST", "requests", false).orElseThrow().detail();
        assertTrue(detail.contains("is stopped") && detail.contains("start 42"), detail);
    }

    @Test
    void aBundleWithoutOrWithAMalformedHeaderMatchesNothing() {
        assertEquals(Optional.empty(), feature("POST", "requests", stopped(1, null)));
        assertEquals(Optional.empty(), feature("POST", "requests", stopped(1, "intake;paths=\"POST requests")));
        // A malformed declaration does not hide another bundle's.
        assertEquals(Optional.of("intake"), feature("POST", "requests", stopped(1, "intake;paths=\"POST requests"),
                stopped(2, "intake;paths=\"POST requests\"")));
    }

    @Test
    void theHeaderIsReadAsOsgiManifestClauses() {
        List<DeclaredEndpoint> endpoints = DeclaredEndpoint.parse(
                "suggestions;paths:List<String>=\"suggestions\", catalog;paths=articles;x:=y;note=\"a,b\"");
        assertEquals(List.of("suggestions", "catalog"), endpoints.stream().map(DeclaredEndpoint::feature).toList());
        assertEquals(List.of("articles"), endpoints.get(1).template());
        assertTrue(endpoints.get(1).prefix());
        assertThrows(IllegalArgumentException.class, () -> DeclaredEndpoint.parse("intake"), "no paths");
        assertThrows(IllegalArgumentException.class, () -> DeclaredEndpoint.parse("intake;paths=\"post requests\""));
        assertThrows(IllegalArgumentException.class, () -> DeclaredEndpoint.parse("intake;paths=\"POST a b\""));
        assertThrows(IllegalArgumentException.class, () -> DeclaredEndpoint.parse("intake;paths=\"/\""));
    }

    @Test
    void aStoppedCapabilityIsTheProblemOfADisabledFeature() {
        var s = new StoppedCapabilities.Stopped("intake", "org.srplatform.intake", 42, Bundle.RESOLVED);
        Problem stopped = ProblemMapper.stoppedProblem(s);
        Problem disabled = ProblemMapper.problemOf(new org.srplatform.api.common.FeatureUnavailableException("intake"));
        assertEquals(disabled.type(), stopped.type());
        assertEquals(disabled.title(), stopped.title());
        assertEquals(503, stopped.status());
        assertEquals("intake", stopped.feature());
        assertEquals(s.detail(), stopped.detail());
        assertEquals(null, stopped.errors());
        assertEquals("requests", ProblemMapper.relative("/api/v1/requests"));
        assertEquals("requests/fields", ProblemMapper.relative("requests/fields"));
    }
}
