package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenPathsTest {
    @Test
    void onlyHealthIsReadWithoutSignInNotEvenTheOpenApiDocument() {
        assertTrue(BasicAuthentication.isOpen("health"));
        assertTrue(BasicAuthentication.isOpen("/api/v1/health/ready"));
        assertFalse(BasicAuthentication.isOpen("openapi.json"));
        assertFalse(BasicAuthentication.isOpen("/api/v1/openapi.json"));
        assertFalse(BasicAuthentication.isOpen("openapi.yaml"));
        assertFalse(BasicAuthentication.isOpen("openapi.json/x"));
        assertFalse(BasicAuthentication.isOpen("admin/openapi.json"));
    }
}
