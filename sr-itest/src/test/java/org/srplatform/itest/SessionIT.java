package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.srplatform.spi.store.Transactions;

/**
 * The web UI's sessions on the real platform: sign-in sets an HttpOnly, SameSite=Strict cookie that then opens the API
 * as Basic credentials do; a request that changes data with the cookie but without the session's CSRF token is
 * refused; sign-out and an administrator's change of the user end the session; the database keeps only a hash.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SessionIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private BundleContext context;

    @Inject
    private Transactions transactions;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    private record Answer(int status, String body, JsonNode json, HttpResponse<String> response) {
    }

    private String base() {
        return "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + "/api/v1/";
    }

    private Http http() throws InterruptedException {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("me", "admin1", 200, WAIT).status());
        assertEquals(200, http.await("me", "customer1", 200, WAIT).status());
        return http;
    }

    /** A request as a browser's script makes it: the cookie, and the CSRF token when given. */
    private Answer send(String method, String path, String cookie, String csrf, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String type = r.headers().firstValue("Content-Type").orElse("");
        return new Answer(r.statusCode(), r.body(), type.contains("json") && !r.body().isEmpty() ? JSON.readTree(r.body()) : null, r);
    }

    private Answer signIn(String login, String password) throws Exception {
        return send("POST", "session", null, null, "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}");
    }

    /** "SR_SESSION=..." from the Set-Cookie header. */
    private static String cookieOf(Answer signedIn) {
        String set = signedIn.response().headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    public void aSignedInBrowserUsesTheApiWithItsCookieAndItsCsrfToken() throws Exception {
        Http http = http();
        Answer signedIn = signIn("customer1", "customer1");
        assertEquals(signedIn.body(), 200, signedIn.status());
        String setCookie = signedIn.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie, setCookie.startsWith("SR_SESSION="));
        assertTrue(setCookie, setCookie.contains("HttpOnly"));
        assertTrue(setCookie, setCookie.contains("SameSite=Strict"));
        assertTrue(setCookie, setCookie.contains("Path=/"));
        assertFalse("plain HTTP on loopback: no Secure flag, or the browser would never send it back", setCookie.contains("Secure"));
        JsonNode me = signedIn.json();
        assertEquals("customer1", me.get("login").asText());
        assertEquals("[\"CUSTOMER\"]", me.get("roles").toString());
        assertEquals("[\"1001\"]", me.get("accounts").toString());
        assertFalse(me.get("staff").asBoolean());
        String csrf = me.get("csrfToken").asText();
        assertTrue(csrf.length() > 20);
        String cookie = cookieOf(signedIn);

        // Reads with the cookie alone, as Basic does.
        Answer list = send("GET", "requests", cookie, null, null);
        assertEquals(list.body(), 200, list.status());
        Answer again = send("GET", "session", cookie, null, null);
        assertEquals(csrf, again.json().get("csrfToken").asText());

        // A change without the token (what another site's page could make the browser send) is refused.
        String sr = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\",\"severity\":3,"
                + "\"subject\":\"Session test\",\"description\":\"Opened with a session\",\"contactMethod\":\"EMAIL\"}";
        Answer refused = send("POST", "requests", cookie, null, sr);
        assertEquals(refused.body(), 403, refused.status());
        assertTrue(refused.body(), refused.body().contains("X-CSRF-Token"));
        assertEquals(403, send("POST", "requests", cookie, "wrong" + csrf, sr).status());
        Answer opened = send("POST", "requests", cookie, csrf, sr);
        assertEquals(opened.body(), 201, opened.status());

        // Basic calls are as before: no token needed.
        assertEquals(200, http.get("requests", "customer1").status());

        // Only a hash of the token is in the database.
        String token = cookie.substring(cookie.indexOf('=') + 1);
        List<String> stored = storedHashes("customer1");
        assertFalse(stored.isEmpty());
        assertFalse(stored.contains(token));
        assertTrue(stored.stream().allMatch(h -> h.length() == 64 && !h.contains(token)));
        assertTrue(stored.contains(BrowserHash.of(token)));

        // Signed out: the cookie opens nothing any more.
        assertEquals(403, send("DELETE", "session", cookie, null, null).status());
        Answer out = send("DELETE", "session", cookie, csrf, null);
        assertEquals(out.body(), 204, out.status());
        assertTrue(out.response().headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, send("GET", "requests", cookie, null, null).status());
        assertFalse(storedHashes("customer1").contains(BrowserHash.of(token)));
    }

    @Test
    public void aWrongPasswordOpensNoSessionAndAnUnknownCookieNothing() throws Exception {
        http();
        Answer wrong = signIn("customer2", "not-the-password");
        assertEquals(wrong.body(), 401, wrong.status());
        assertTrue(wrong.response().headers().firstValue("Set-Cookie").isEmpty());
        assertEquals(400, send("POST", "session", null, null, "{\"login\":\"customer2\"}").status());
        assertEquals(401, send("GET", "requests", "SR_SESSION=invented", null, null).status());
    }

    @Test
    public void signingInIsThrottledAsBasicIs() throws Exception {
        http();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, signIn("rem1", "guess-" + i).status());
        }
        Answer refused = signIn("rem1", "rem1");
        assertEquals(refused.body(), 429, refused.status());
        assertTrue(refused.response().headers().firstValue("Retry-After").isPresent());
        assertTrue(refused.response().headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    public void anAdministratorsChangeOfTheUserEndsTheirSessions() throws Exception {
        Http http = http();
        Answer signedIn = signIn("engineer1", "engineer1");
        assertEquals(200, signedIn.status());
        String cookie = cookieOf(signedIn);
        assertEquals(200, send("GET", "me", cookie, null, null).status());
        Http.Answer otp = http.post("admin/users/engineer1/one-time-password", "admin1", "{}");
        assertEquals(otp.body(), 200, otp.status());
        assertEquals(401, send("GET", "me", cookie, null, null).status());
    }

    private List<String> storedHashes(String login) {
        return transactions.read(tx -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = tx.connection().prepareStatement("SELECT token_hash FROM web_sessions WHERE login = ?")) {
                s.setString(1, login);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** The hash the platform keeps of a token (BrowserSessions.hash). */
    static final class BrowserHash {
        static String of(String token) throws Exception {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(("session\0" + token).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        }
    }
}
