package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefusedPathsTest {

    /** What Jetty's default URI compliance refused before any servlet (RegressionIT, fuzzer finding 2). */
    @Test
    void pathsJettyRefusesByDefaultAreRefused() {
        for (String path : new String[] {"/api/v1/accounts/%01", "/api/v1/accounts/%7F", "/api/v1/accounts/%2F",
            "/api/v1/accounts/%5C", "/api/v1/accounts/a%25b", "/api/v1/accounts/%2E%2E", "/api/v1/accounts/%2e",
            "/api/v1/accounts/%C3", "/api/v1/requests/%1F/attachments"}) {
            Optional<String> refused = RefusedPaths.refusal(path);
            assertTrue(refused.isPresent(), path);
            Problem p = RefusedPaths.problem(refused.get());
            assertEquals(400, p.status());
            assertEquals("path", p.errors().get(0).field());
            assertTrue(p.detail().contains(refused.get()), p.detail());
        }
    }

    @Test
    void ordinaryPathsPass() {
        for (String path : new String[] {"/api/v1/requests", "/api/v1/requests/20261129001", "/api/v1/accounts/a%20b",
            "/api/v1/knowledge/%E5%AD%98%E5%82%A8", "/", "", "/tsanet-sim/v1/collaboration-requests", "/api/v1/health"}) {
            assertEquals(Optional.empty(), RefusedPaths.refusal(path), path);
        }
        assertEquals(Optional.empty(), RefusedPaths.refusal(null));
    }

    @Test
    void aPathJettyCannotParseIsRefusedToo() {
        assertTrue(RefusedPaths.refusal("/api/v1/accounts/%ZZ").isPresent());
        assertTrue(RefusedPaths.refusal("/api/v1/requests/%00").isPresent());
    }
}
