package org.srplatform.notify.tsanet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.srplatform.api.partner.PartnerException;

/**
 * TSANet Connect's REST API over HTTP: signs in, keeps the access token, and turns every answer into JSON or a
 * {@link PartnerException} that says whether a retry may help.
 *
 * <p>The token is refreshed at 80% of its {@code expiresIn}, so that a call never leaves with one about to
 * expire, and once more when TSANet answers 401 anyway (revoked, or the clocks disagree). One login at a time:
 * dispatcher threads that find the token stale wait for the one that signs in. Neither the token nor the
 * password appears in any message or log line; requests and answers are not logged.
 *
 * <p>What a failure means: no connection, a timeout, 5xx, 408 and 429 are transient (TSANet is unreachable for
 * now: the health says DEGRADED). An answer naming {@code validationErrors}, whatever its status (the live
 * service has answered them with 500), and any other 4xx are TSANet refusing the call: not transient, with
 * TSANet's message. A refused login is transient: the operator fixes the settings, and the calls waiting in
 * the outbox then go through.
 */
final class ConnectApi {
    private static final String JSON_TYPE = "application/json";

    private final TsanetSettings settings;
    private final URI base;
    /** Made at its first use ({@link TsanetConnector}). */
    private final Supplier<HttpClient> http;
    private final Clock clock;
    private final ConnectionHealth health;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Object loginLock = new Object();
    private volatile Token token;

    /** An access token and when to get the next; never printed. */
    private record Token(String value, Instant refreshAt) {
        @Override
        public String toString() {
            return "Token[refreshAt=" + refreshAt + "]";
        }
    }

    ConnectApi(TsanetSettings settings, Supplier<HttpClient> http, Clock clock, ConnectionHealth health) {
        this.settings = settings;
        this.base = settings.baseUrl().orElseThrow();
        this.http = http;
        this.clock = clock;
        this.health = health;
    }

    JsonNode get(String path, Map<String, String> query) throws PartnerException {
        return call("GET", path, query, null);
    }

    JsonNode post(String path, JsonNode body) throws PartnerException {
        return call("POST", path, Map.of(), body);
    }

    /** A path segment, percent-encoded (a member's name in {@code partners/{searchTerm}}). */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, Map<String, String> query, JsonNode body)
            throws PartnerException {
        String what = method + " /v1/" + path;
        String bearer = token();
        HttpResponse<byte[]> answer = send(method, path, query, body, bearer, what);
        if (answer.statusCode() == 401) { // expired early, revoked, or TSANet restarted: sign in again, once
            forget(bearer);
            answer = send(method, path, query, body, token(), what);
            if (answer.statusCode() == 401) {
                health.unreachable("TSANet Connect refuses the platform's access tokens",
                        "TSANet Connect refused a fresh access token for " + what);
                throw new PartnerException("TSANet Connect refused a fresh access token for " + what, true, null);
            }
        }
        return outcome(answer, what);
    }

    private String token() throws PartnerException {
        Token t = token;
        if (t != null && clock.instant().isBefore(t.refreshAt())) {
            return t.value();
        }
        synchronized (loginLock) {
            t = token;
            if (t == null || !clock.instant().isBefore(t.refreshAt())) {
                t = login();
                token = t;
            }
            return t.value();
        }
    }

    private void forget(String used) {
        synchronized (loginLock) {
            Token t = token;
            if (t != null && t.value().equals(used)) {
                token = null;
            }
        }
    }

    private Token login() throws PartnerException {
        String what = "the login of " + settings.username();
        Instant before = clock.instant();
        var credentials = mapper.createObjectNode().put("username", settings.username())
                .put("password", settings.password());
        HttpResponse<byte[]> answer = send("POST", "login", Map.of(), credentials, null, what);
        int status = answer.statusCode();
        JsonNode body = parse(answer.body());
        if (status / 100 == 2) {
            String value = body.path("accessToken").asText("").strip();
            if (value.isEmpty()) {
                health.unreachable("TSANet Connect's login answers without an access token",
                        "TSANet Connect answered " + what + " without an access token");
                throw new PartnerException("TSANet Connect answered " + what + " without an access token", true, null);
            }
            long seconds = body.path("expiresIn").asLong(0);
            Duration life = Duration.ofSeconds(seconds > 0 ? seconds : 300); // unknown: assume short
            health.reachable();
            return new Token(value, before.plus(life.multipliedBy(8).dividedBy(10)));
        }
        String message;
        String detail;
        if (status == 400 || status == 401 || status == 403) {
            message = "TSANet Connect refused " + what + " (HTTP " + status + "): " + message(body)
                    + "; check username and password in " + TsanetConfig.FILE;
            detail = "TSANet Connect refused the login (username, password)";
        } else if (status == 404) {
            message = "TSANet Connect was not found at base.url (HTTP 404 for /v1/login); check base.url in "
                    + TsanetConfig.FILE;
            detail = "TSANet Connect was not found at base.url";
        } else {
            message = "TSANet Connect answered " + what + " with HTTP " + status + ": " + message(body);
            detail = "TSANet Connect does not let the platform sign in (HTTP " + status + ")";
        }
        health.unreachable(detail, message);
        throw new PartnerException(message, true, null);
    }

    private HttpResponse<byte[]> send(String method, String path, Map<String, String> query, JsonNode body,
            String bearer, String what) throws PartnerException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query)).timeout(settings.timeout())
                .header("Accept", JSON_TYPE);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (method.equals("POST")) {
            byte[] bytes;
            try {
                bytes = mapper.writeValueAsBytes(body == null ? mapper.createObjectNode() : body);
            } catch (IOException e) {
                throw new IllegalStateException("a JSON tree is always written", e);
            }
            request.header("Content-Type", JSON_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            request.GET();
        }
        String server = "TSANet Connect at " + base.getHost();
        try {
            return http.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            health.unreachable("TSANet Connect does not answer in time", server + " did not answer " + what + " within "
                    + settings.timeout().toSeconds() + " s");
            throw new PartnerException(server + " did not answer " + what + " in time", true, e);
        } catch (ConnectException e) {
            health.unreachable("TSANet Connect cannot be reached", "cannot connect to " + server);
            throw new PartnerException("cannot connect to " + server + " for " + what, true, e);
        } catch (IOException e) {
            health.unreachable("the connection to TSANet Connect fails", "the connection to " + server
                    + " failed: " + e);
            throw new PartnerException("the connection to " + server + " failed during " + what + ": " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerException(what + " was interrupted (the platform is stopping)", true, e);
        }
    }

    private JsonNode outcome(HttpResponse<byte[]> answer, String what) throws PartnerException {
        int status = answer.statusCode();
        JsonNode body = parse(answer.body());
        if (status / 100 == 2) {
            health.reachable();
            return body;
        }
        List<String> invalid = validationErrors(body);
        if (!invalid.isEmpty()) { // TSANet judged the request: the same request will never pass
            health.reachable();
            throw new PartnerException("TSANet Connect refused " + what + ": " + message(body) + " ("
                    + String.join("; ", invalid) + ")", false, null);
        }
        if (status >= 500 || status == 408 || status == 429) {
            health.unreachable("TSANet Connect answers with errors (HTTP " + status + ")",
                    "TSANet Connect answered " + what + " with HTTP " + status + ": " + message(body));
            throw new PartnerException("TSANet Connect answered " + what + " with HTTP " + status + ": "
                    + message(body), true, null);
        }
        if (status >= 400) {
            health.reachable();
            throw new PartnerException("TSANet Connect refused " + what + " (HTTP " + status + "): " + message(body),
                    false, null);
        }
        health.unreachable("TSANet Connect answers unexpectedly (HTTP " + status + ")",
                "TSANet Connect answered " + what + " with HTTP " + status + "; check base.url in " + TsanetConfig.FILE);
        throw new PartnerException("TSANet Connect answered " + what + " with HTTP " + status, true, null);
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder s = new StringBuilder(base.toString()).append("/v1/").append(path);
        if (!query.isEmpty()) {
            StringJoiner q = new StringJoiner("&", "?", "");
            query.forEach((k, v) -> q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            s.append(q);
        }
        return URI.create(s.toString());
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) { // an HTML error page of a proxy, say: keep its text for the message
            return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** TSANet's message: one line, bounded (a proxy's error page can be long). */
    private static String message(JsonNode body) {
        String text = body.isTextual() ? body.asText()
                : body.path("message").asText(body.path("error").asText("no message"));
        text = text.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text.isEmpty() ? "no message" : text;
    }

    private static List<String> validationErrors(JsonNode body) {
        List<String> errors = new ArrayList<>();
        for (JsonNode e : body.path("validationErrors")) {
            String field = e.path("field").asText("");
            String message = e.path("message").asText(e.isTextual() ? e.asText() : "");
            errors.add(field.isEmpty() ? message : field + ": " + message);
        }
        return errors;
    }
}
