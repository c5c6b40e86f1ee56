package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.srplatform.api.common.NotAllowedException;

class CrossSiteOriginsTest {
    private final CrossSiteOrigins unconfigured = new CrossSiteOrigins(new PublicOrigin("", false, "8080"));
    private final CrossSiteOrigins configured = new CrossSiteOrigins(new PublicOrigin("https://sr.example.com", false, "8080"));

    @Test
    void aChangeSentByAnotherSitesPageIsRefusedNamingItsOrigin() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            NotAllowedException e = assertThrows(NotAllowedException.class, () -> unconfigured.filter(
                    FakeExchange.request(method, "http://127.0.0.1:8080/api/v1/requests/26000000001/attachments")
                            .header("Origin", "https://evil.example").context()), method);
            assertTrue(e.getMessage().contains("https://evil.example"), e.getMessage());
        }
        assertThrows(NotAllowedException.class, () -> unconfigured.filter(FakeExchange.request("POST",
                "http://127.0.0.1:8080/api/v1/phone/callbacks/1/done").header("Referer", "https://evil.example/page").context()));
        assertThrows(NotAllowedException.class, () -> unconfigured.filter(FakeExchange.request("POST",
                "http://127.0.0.1:8080/api/v1/requests").header("Origin", "null").context()), "a sandboxed page");
        assertThrows(NotAllowedException.class, () -> configured.filter(FakeExchange.request("POST",
                "http://sr.example.com/api/v1/requests").header("Origin", "http://sr.example.com").context()),
                "the configured address is https");
    }

    @Test
    void theOwnOriginReadingAndApiClientsWithoutOriginPass() {
        unconfigured.filter(FakeExchange.request("POST", "http://127.0.0.1:8080/api/v1/requests")
                .header("Origin", "http://127.0.0.1:8080").context());
        unconfigured.filter(FakeExchange.request("POST", "http://127.0.0.1:8080/api/v1/requests")
                .header("Referer", "http://127.0.0.1:8080/ui/new").context());
        configured.filter(FakeExchange.request("POST", "http://10.0.0.5:8080/api/v1/requests")
                .header("Origin", "https://sr.example.com").context());
        unconfigured.filter(FakeExchange.request("GET", "http://127.0.0.1:8080/api/v1/requests")
                .header("Origin", "https://evil.example").context());
        unconfigured.filter(FakeExchange.request("POST", "http://127.0.0.1:8080/api/v1/phone/callbacks/1/done").context());
    }
}
