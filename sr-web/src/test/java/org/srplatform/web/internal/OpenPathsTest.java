package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenPathsTest {
    @Test
    void theOpenApiDocumentIsReadWithoutSignInButNothingBesideIt() {
        assertTrue(BasicAuthentication.isOpen("openapi.json"));
        assertTrue(BasicAuthentication.isOpen("/api/v1/openapi.json"));
        assertFalse(BasicAuthentication.isOpen("openapi.yaml"));
        assertFalse(BasicAuthentication.isOpen("openapi.json/x"));
        assertFalse(BasicAuthentication.isOpen("admin/openapi.json"));
    }
}
