package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.srplatform.api.common.NotAllowedException;

class TransportSecurityTest {
    private static final String BASIC = "Basic Y3VzdG9tZXIxOmN1c3RvbWVyMQ==";

    @Test
    void basicCredentialsInClearTextFromAnotherMachineAreRefusedTellingToUseHttps() {
        TransportSecurity filter = filter(false, "192.0.2.7");
        NotAllowedException e = assertThrows(NotAllowedException.class, () -> filter.filter(
                FakeExchange.request("GET", "http://192.0.2.2:8080/api/v1/me").header("Authorization", BASIC).context()));
        assertTrue(e.getMessage().contains("HTTPS"), e.getMessage());
    }

    @Test
    void loopbackTlsAndRequestsWithoutCredentialsPass() {
        filter(false, "127.0.0.1").filter(FakeExchange.request("GET", "http://127.0.0.1:8080/api/v1/me")
                .header("Authorization", BASIC).context());
        filter(false, "0:0:0:0:0:0:0:1").filter(FakeExchange.request("GET", "http://[::1]:8080/api/v1/me")
                .header("Authorization", BASIC).context());
        filter(false, "192.0.2.7").filter(FakeExchange.request("GET", "https://192.0.2.2:8443/api/v1/me")
                .header("Authorization", BASIC).context());
        filter(false, "192.0.2.7").filter(FakeExchange.request("GET", "http://192.0.2.2:8080/api/v1/health").context());
    }

    @Test
    void behindATlsProxyItsForwardedProtocolDecides() {
        assertTrue(TransportSecurity.allowed(false, "192.0.2.9", "https", true));
        assertFalse(TransportSecurity.allowed(false, "127.0.0.1", "http", true), "the client used plain HTTP to the proxy");
        assertFalse(TransportSecurity.allowed(false, "192.0.2.9", "https", false), "not believed unless configured");
        assertFalse(TransportSecurity.allowed(false, "192.0.2.9", null, true));
        assertTrue(TransportSecurity.allowed(false, "127.0.0.1", null, true));
    }

    @Test
    void onlyLoopbackAddressesAreLoopback() {
        assertTrue(TransportSecurity.isLoopback("127.0.0.1"));
        assertTrue(TransportSecurity.isLoopback("127.1.2.3"));
        assertTrue(TransportSecurity.isLoopback("[::1]"));
        assertTrue(TransportSecurity.isLoopback("::ffff:127.0.0.1"));
        assertFalse(TransportSecurity.isLoopback("192.0.2.7"));
        assertFalse(TransportSecurity.isLoopback("localhost"), "names are not looked up");
        assertFalse(TransportSecurity.isLoopback(null));
    }

    private static TransportSecurity filter(boolean behindTlsProxy, String remote) {
        TransportSecurity filter = new TransportSecurity(new PublicOrigin("", behindTlsProxy, "8080"));
        filter.servlet = (HttpServletRequest) Proxy.newProxyInstance(TransportSecurityTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> {
                    if (m.getName().equals("getRemoteAddr")) {
                        return remote;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return filter;
    }
}
