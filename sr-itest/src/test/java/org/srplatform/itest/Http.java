package org.srplatform.itest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the API, signed in as one user or anonymous. */
final class Http {
    record Answer(int status, String contentType, JsonNode json, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v1/";
    }

    Answer get(String path, String user) {
        return send(request(path, user).GET(), user);
    }

    Answer put(String path, String user, String json) {
        return send(request(path, user).header("Content-Type", "application/json; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), user);
    }

    Answer post(String path, String user, String json) {
        return send(request(path, user).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), user);
    }

    Answer postBytes(String path, String user, String contentType, byte[] body) {
        return send(request(path, user).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), user);
    }

    /** Any method with an optional JSON body. */
    Answer send(String method, String path, String user, String json) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
        HttpRequest.Builder b = request(path, user).method(method, body);
        if (json != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
        }
        return send(b, user);
    }

    /** Uploads one file as {@code multipart/form-data}, part {@code file}. */
    Answer upload(String path, String user, String fileName, byte[] content) {
        String boundary = "sr-test-boundary-7MA4YWxkTrZu0gW";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return postBytes(path, user, "multipart/form-data; boundary=" + boundary, body);
    }

    /** The raw bytes of a GET. */
    byte[] bytes(String path, String user) {
        try {
            HttpResponse<byte[]> r = client.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Demo users' passwords equal their names; others pass "login:password". */
    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (user != null) {
            String credentials = user.contains(":") ? user : user + ":" + user;
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private Answer send(HttpRequest.Builder request, String user) {
        try {
            HttpResponse<String> r;
            try {
                r = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                // A pooled connection the server had closed (after refusing an earlier body unread): nothing
                // was processed, so a client sends again on a fresh connection.
                r = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? JSON.readTree(r.body()) : null;
            return new Answer(r.statusCode(), type, json, r.body());
        } catch (IOException e) {
            return new Answer(-1, "", null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code GET path} answers {@code status}; returns the last answer either way. */
    Answer await(String path, String user, int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = get(path, user);
        while (last.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = get(path, user);
        }
        return last;
    }
}
