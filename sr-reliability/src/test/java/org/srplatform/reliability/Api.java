package org.srplatform.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small client of {@code /api/v1}, signed in as a demo user (password = name) or anonymous. */
final class Api {
    /** One answer; {@code status} -1 when no answer came (connection refused or reset, time-out). */
    record Answer(int status, String contentType, byte[] bytes, String error) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return bytes.length == 0 ? null : JSON.readTree(bytes);
            } catch (IOException e) {
                return null;
            }
        }

        boolean answered() {
            return status > 0;
        }

        boolean sent() {
            return status != NOT_SENT;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (error != null ? error : abbreviate(body(), 400));
        }
    }

    /** The status of a request the client could not even send. */
    static final int NOT_SENT = -2;
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Duration timeout;

    Api(int port) {
        this(port, Duration.ofSeconds(60));
    }

    /** {@code timeout}: how long a request may go unanswered before it counts as unanswered (status -1). */
    Api(int port, Duration timeout) {
        this.base = "http://127.0.0.1:" + port + "/api/v1/";
        this.timeout = timeout;
    }

    Answer get(String path, String user) {
        return send("GET", path, user, null, null, null);
    }

    Answer postJson(String path, String user, String json) {
        return send("POST", path, user, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), null);
    }

    Answer putJson(String path, String user, String json) {
        return send("PUT", path, user, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Uploads one file as {@code multipart/form-data}, part {@code file}. */
    Answer upload(String path, String user, String fileName, byte[] content) {
        String boundary = "sr-reliability-7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, user, "multipart/form-data; boundary=" + boundary, body.toByteArray(), null);
    }

    /**
     * Any request. {@code path} is below /api/v1 and may carry a query; {@code idempotencyKey} is sent as
     * {@code Idempotency-Key} when not null.
     */
    Answer send(String method, String path, String user, String contentType, byte[] body, String idempotencyKey) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(base + path));
            b.timeout(timeout).header("Accept", "application/json");
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)));
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        } catch (IllegalArgumentException e) {
            // A URI or header value no HTTP client can send (a line break in a header...): nothing reached the platform.
            return new Answer(NOT_SENT, "", new byte[0], "not sendable: " + e.getMessage());
        }
        try {
            HttpResponse<byte[]> r;
            try {
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                // A pooled connection the server had closed (after refusing an earlier body unread): nothing was
                // processed, so a client sends again on a fresh connection.
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), null);
        } catch (IOException e) {
            return new Answer(-1, "", new byte[0], e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "", new byte[0], "interrupted");
        }
    }

    /** Waits until {@code GET path} answers {@code status}; returns the last answer either way. */
    Answer await(String path, String user, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = get(path, user);
        while (last.status() != status && System.nanoTime() < deadline) {
            Platform.sleep(100);
            last = get(path, user);
        }
        return last;
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
