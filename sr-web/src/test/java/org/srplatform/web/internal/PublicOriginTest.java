package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicOriginTest {

    @Test
    void withoutAConfiguredAddressLocationsGoToLocalhostOnTheHttpPort() {
        PublicOrigin origin = new PublicOrigin("", false, "9090");
        assertEquals(URI.create("http://localhost:9090/api/v1/requests/26000000001"),
                origin.absolute(URI.create("/api/v1/requests/26000000001")));
        assertEquals(URI.create("http://localhost:8080/api/v1/x"), new PublicOrigin(null, false, null)
                .absolute(URI.create("/api/v1/x")));
    }

    @Test
    void theConfiguredAddressReplacesWhateverHostTheRequestNamed() {
        PublicOrigin origin = new PublicOrigin("https://sr.example.com/support/", false, "8080");
        assertEquals(URI.create("https://sr.example.com/support/api/v1/requests/26000000001"),
                origin.absolute(URI.create("http://evil.example/api/v1/requests/26000000001")));
        assertEquals(URI.create("https://sr.example.com/support/api/v1/a?b=c"), origin.absolute(URI.create("/api/v1/a?b=c")));
    }

    @Test
    void anAddressThatIsNotHttpIsIgnoredForTheDefault() {
        for (String wrong : new String[] {"ftp://sr.example.com", "sr.example.com", "https://sr.example.com/?x=1", "http://"}) {
            PublicOrigin origin = new PublicOrigin(wrong, false, "8080");
            assertEquals(Optional.empty(), origin.configured(), wrong);
            assertEquals(URI.create("http://localhost:8080/p"), origin.absolute(URI.create("/p")), wrong);
        }
    }

    @Test
    void theOwnOriginIsTheConfiguredOneOrTheRequestsWithTheSchemeATrustedProxyReports() {
        URI base = URI.create("http://sr.example.com:8080/api/v1/");
        assertEquals("https://sr.example.com", new PublicOrigin("https://SR.example.com:443/x", false, "8080").own(base, null));
        assertEquals("http://sr.example.com:8080", new PublicOrigin("", false, "8080").own(base, "https"),
                "X-Forwarded-Proto is not believed without behind.tls.proxy");
        assertEquals("https://sr.example.com:8080", new PublicOrigin("", true, "8080").own(base, "https"));
        assertEquals("http://127.0.0.1:8080", new PublicOrigin("", true, "8080")
                .own(URI.create("http://127.0.0.1:8080/api/v1/"), null));
    }
}
