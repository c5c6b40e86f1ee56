package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionCookieTest {

    @Test
    void theCookieIsSecureWheneverTheBrowserCameOverTls() {
        PublicOrigin plain = new PublicOrigin("", false, "8080");
        assertFalse(SessionResource.secureCookie(false, null, plain), "plain HTTP (the demo on loopback)");
        assertTrue(SessionResource.secureCookie(true, null, plain), "the platform's own HTTPS");
        assertFalse(SessionResource.secureCookie(false, "https", plain), "a forwarded scheme is not believed without a proxy");

        PublicOrigin proxied = new PublicOrigin("", true, "8080");
        assertTrue(SessionResource.secureCookie(false, "https", proxied), "a TLS proxy in front says https");
        assertFalse(SessionResource.secureCookie(false, "http", proxied));

        PublicOrigin configured = new PublicOrigin("https://sr.example.com", false, "8080");
        assertTrue(SessionResource.secureCookie(false, null, configured), "the public address is https");
    }
}
