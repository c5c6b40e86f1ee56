package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {
    private final ResponseHeaders filter = new ResponseHeaders(new PublicOrigin("https://sr.example.com", false, "8080"));

    @Test
    void everyAnswerIsNotStoredNotSniffedAndJsonSaysItsCharset() {
        MultivaluedMap<String, Object> headers = FakeExchange.headers("Content-Type", new MediaType("application", "json"));
        filter.filter(FakeExchange.request("GET", "http://127.0.0.1:8080/api/v1/me").context(), FakeExchange.response(headers));

        assertEquals("no-store", headers.getFirst("Cache-Control"));
        assertEquals("nosniff", headers.getFirst("X-Content-Type-Options"));
        assertEquals("utf-8", ((MediaType) headers.getFirst("Content-Type")).getParameters().get("charset"));
    }

    @Test
    void problemsSayTheirCharsetAndDownloadsKeepTheirTypeButAreNotStored() {
        MultivaluedMap<String, Object> problem = FakeExchange.headers("Content-Type", new MediaType("application", "problem+json"));
        filter.filter(FakeExchange.request("GET", "http://127.0.0.1:8080/api/v1/x").context(), FakeExchange.response(problem));
        assertEquals("utf-8", ((MediaType) problem.getFirst("Content-Type")).getParameters().get("charset"));

        MediaType bytes = new MediaType("application", "octet-stream");
        MultivaluedMap<String, Object> download = FakeExchange.headers("Content-Type", bytes);
        filter.filter(FakeExchange.request("GET", "http://127.0.0.1:8080/api/v1/requests/1/attachments/a").context(),
                FakeExchange.response(download));
        assertEquals(bytes, download.getFirst("Content-Type"));
        assertEquals("no-store", download.getFirst("Cache-Control"));
        assertEquals("nosniff", download.getFirst("X-Content-Type-Options"));
    }

    @Test
    void locationIsTheConfiguredAddressNotTheRequestsHost() {
        MultivaluedMap<String, Object> headers = FakeExchange.headers("Location", URI.create("/api/v1/requests/26000000001"));
        filter.filter(FakeExchange.request("POST", "http://evil.example/api/v1/requests").context(),
                FakeExchange.response(headers));
        assertEquals(URI.create("https://sr.example.com/api/v1/requests/26000000001"), headers.getFirst("Location"));
    }
}
