package org.srplatform.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.Jazzer;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input: Jazzer over HTTP against the running distribution, one fuzz target that picks a case of
 * {@link FuzzCases} (the JSON intake, the multipart upload, the list endpoints' query parameters, identifiers in
 * paths, the bodies of the SR's steps) and shapes the input as that case says. The oracle, for every answer:
 * never a 5xx nor a dropped connection; every 4xx an {@code application/problem+json} with {@code title},
 * {@code status} (the answer's) and {@code detail}; an SR or a file acknowledged with 201 is there, whole. At the end
 * every SR of the platform is checked whole (nothing half-stored by a refused input).
 *
 * <p>Jazzer fuzzes for {@code reliability.fuzz.seconds} (the module's pom passes it to libFuzzer); the server's
 * answers (status, problem title) are fed back as coverage with {@link Jazzer#exploreState}, so inputs that reach a
 * new answer are kept. A finding is written by Jazzer to {@code src/test/resources/.../FuzzITInputs/fuzz/} and
 * replayed by every later run (also with {@code -Djazzer.fuzz=false}, which only replays).
 */
class FuzzIT {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] CONTENT_TYPES = {"application/json; charset=utf-8", "application/json", "text/plain",
        "application/xml", "application/json; charset=iso-8859-1", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "application/problem+json", "*/*", "application/json;charset=utf-16"};

    private static Platform platform;
    private static Api api;
    private static Map<String, String> samples;
    private static final AtomicLong INPUTS = new AtomicLong();
    private static final Map<String, AtomicLong> PER_CASE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> STATUSES = new ConcurrentHashMap<>();
    private static final List<String> CREATED = new ArrayList<>();

    @BeforeAll
    static void start() throws java.io.IOException {
        // libFuzzer keeps what it generates there (the pom names it), and stops at once if it is missing.
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("reliability.corpus", "target/fuzz-corpus")));
        platform = Platform.copy("fuzz").start();
        api = platform.api();
        samples = samples(api);
    }

    @AfterAll
    static void stop() {
        try {
            if (platform != null && platform.alive()) {
                List<String> problems = everySrWhole();
                report(problems);
                Problems.none(problems, "after fuzzing, every SR of the platform is whole");
            }
        } finally {
            if (platform != null) {
                platform.close();
            }
        }
    }

    /** The endpoint list decides: each endpoint a bundle declares has a fuzz case or a stated reason not to. */
    @Test
    void everyDeclaredEndpointHasAFuzzCase() {
        List<Endpoints.Declared> declared = Endpoints.of(platform.home());
        assertTrue(declared.size() >= 20, "the bundles' SR-Endpoints headers were read: " + declared);
        List<String> missing = new ArrayList<>();
        for (Endpoints.Declared d : declared) {
            boolean covered = FuzzCases.CASES.stream().anyMatch(c -> d.covers(c.method(), c.template()))
                    || FuzzCases.NOT_FUZZED.keySet().stream().anyMatch(e -> d.covers(e.substring(0, e.indexOf(' ')),
                            e.substring(e.indexOf(' ') + 1)));
            if (!covered) {
                missing.add(d.toString());
            }
        }
        assertEquals(List.of(), missing, "declared endpoints without a line in FuzzCases (a case, or NOT_FUZZED with a reason)");
    }

    @FuzzTest(maxDuration = "60s")
    void fuzz(FuzzedDataProvider data) {
        int which = data.consumeInt(0, FuzzCases.CASES.size() - 1);
        FuzzCases.Case c = FuzzCases.CASES.get(which);
        INPUTS.incrementAndGet();
        PER_CASE.computeIfAbsent(c.toString(), k -> new AtomicLong()).incrementAndGet();
        switch (c.kind()) {
            case JSON -> json(c, data);
            case MULTIPART -> multipart(c, data);
            case QUERY -> query(c, data);
            case PATH -> path(c, data);
        }
    }

    // --- inputs

    private static void json(FuzzCases.Case c, FuzzedDataProvider data) {
        String path = path(c.template(), data, false);
        String contentType = data.consumeInt(0, 15) == 0 ? CONTENT_TYPES[data.consumeInt(0, CONTENT_TYPES.length - 1)]
                : CONTENT_TYPES[0];
        byte[] body;
        JsonNode sent = null;
        if (data.consumeInt(0, 7) == 0) {
            body = data.consumeBytes(4096);
        } else {
            sent = mutate(example(c), data, 0);
            body = sent.toString().getBytes(StandardCharsets.UTF_8);
        }
        Api.Answer a = api.send(c.method(), path, c.caller(), contentType, body, null);
        check(c, a, path, contentType, new String(body, StandardCharsets.UTF_8));
        if (c.endpoint().equals("POST requests") && a.status() == 201) {
            createdWhole(a, sent);
        }
    }

    private static JsonNode example(FuzzCases.Case c) {
        try {
            return Api.JSON.readTree(c.example());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the example of " + c + " is no JSON", e);
        }
    }

    /** The example with its fields kept, dropped, or replaced by a value of any JSON type; sometimes one more field. */
    private static JsonNode mutate(JsonNode example, FuzzedDataProvider data, int depth) {
        if (example instanceof ObjectNode object) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                int action = data.consumeInt(0, 9);
                if (action == 0) {
                    continue; // dropped
                }
                out.set(field.getKey(), action <= 5 ? field.getValue() : value(field.getValue(), data, depth));
            }
            if (data.consumeInt(0, 9) == 0) {
                out.set(data.consumeString(20), value(null, data, depth));
            }
            return out;
        }
        return value(example, data, depth);
    }

    private static JsonNode value(JsonNode like, FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, depth > 2 ? 6 : 9)) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(data.consumeBoolean());
            case 2:
                return NODES.numberNode(data.consumeInt());
            case 3:
                return NODES.numberNode(data.consumeLong());
            case 4:
                return NODES.numberNode(data.consumeDouble());
            case 5:
                return NODES.textNode(data.consumeString(data.consumeInt(0, 3) == 0 ? 70_000 : 200));
            case 6:
                return NODES.textNode(like != null && like.isTextual() ? like.asText() + data.consumeString(20) : data.consumeString(20));
            case 7: {
                ArrayNode array = NODES.arrayNode();
                int n = data.consumeInt(0, 5);
                for (int i = 0; i < n; i++) {
                    array.add(value(like != null && like.isArray() && like.size() > 0 ? like.get(0) : null, data, depth + 1));
                }
                return array;
            }
            case 8:
                return like != null && (like.isObject() || like.isArray()) ? mutate(like, data, depth + 1)
                        : NODES.objectNode().set(data.consumeString(10), value(null, data, depth + 1));
            default:
                return like == null ? NODES.textNode(data.consumeString(20)) : like;
        }
    }

    private static void multipart(FuzzCases.Case c, FuzzedDataProvider data) {
        String path = path(c.template(), data, false);
        boolean wellFormed = data.consumeInt(0, 3) != 0;
        String boundary = wellFormed || data.consumeBoolean() ? "fuzz-boundary-" + data.consumeInt(0, 1000)
                : data.consumeString(80);
        String name = wellFormed || data.consumeBoolean() ? "file" : data.consumeString(20);
        String fileName = data.consumeBoolean() ? "log-" + data.consumeInt(0, 99) + ".txt" : data.consumeString(120);
        String partType = data.consumeBoolean() ? "application/octet-stream" : data.consumeString(40);
        byte[] content = data.consumeBytes(data.consumeInt(0, 3) == 0 ? 70_000 : 2048);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (!wellFormed && data.consumeBoolean()) {
            body.writeBytes(data.consumeBytes(200)); // preamble, or a body that is no multipart at all
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        if (wellFormed || data.consumeBoolean()) {
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        String contentType = wellFormed || data.consumeBoolean() ? "multipart/form-data; boundary=" + boundary
                : data.consumeString(80);
        Api.Answer a = api.send("POST", path, c.caller(), contentType, body.toByteArray(), null);
        check(c, a, path + " (multipart, file name " + Api.quote(fileName) + ")", contentType, "");
        if (a.status() == 201 && a.json() != null) {
            String id = a.json().path("id").asText();
            Api.Answer stored = api.get(path + "/" + enc(id), "engineer1");
            finding(stored.status() != 200, c, "the file acknowledged with 201 is not there: " + stored, path);
            finding(stored.bytes().length != a.json().path("size").asLong()
                    || !IntakeLoad.sha256(stored.bytes()).equals(a.json().path("sha256").asText()), c,
                    "the file acknowledged with 201 is not whole: " + stored.bytes().length + " bytes, answer " + a, path);
            // The bytes must be the content sent when the request said plainly where the content is: no line break
            // or quote in the part's headers, no delimiter inside the content.
            boolean plain = wellFormed && name.equals("file") && (fileName + partType).chars().noneMatch(ch -> ch == '\r'
                    || ch == '\n' || ch == '"') && !new String(content, StandardCharsets.ISO_8859_1).contains("--" + boundary);
            finding(plain && !Arrays.equals(content, stored.bytes()), c, "the file stored is not the bytes sent ("
                    + content.length + " sent, " + stored.bytes().length + " stored, file name " + Api.quote(fileName)
                    + ", part type " + Api.quote(partType) + ")", path);
        }
    }

    private static void query(FuzzCases.Case c, FuzzedDataProvider data) {
        StringBuilder q = new StringBuilder();
        int n = data.consumeInt(0, Math.max(1, c.params().size()) + 1);
        for (int i = 0; i < n; i++) {
            String param = c.params().isEmpty() || data.consumeInt(0, 7) == 0 ? data.consumeString(12)
                    : c.params().get(data.consumeInt(0, c.params().size() - 1));
            q.append(q.length() == 0 ? "?" : "&").append(enc(param)).append('=').append(enc(queryValue(data)));
        }
        String path = path(c.template(), data, false) + q;
        check(c, api.get(path, c.caller()), path, null, "");
    }

    private static String queryValue(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> Integer.toString(data.consumeInt());
            case 1 -> Long.toString(data.consumeLong());
            case 2 -> "2026-11-" + data.consumeInt(0, 40) + "T" + data.consumeString(10);
            case 3 -> data.consumeBoolean() ? "OPEN" : "NEW";
            case 4 -> data.consumeString(2000);
            default -> data.consumeString(40);
        };
    }

    private static void path(FuzzCases.Case c, FuzzedDataProvider data) {
        String path = path(c.template(), data, true);
        Api.Answer a = api.send(c.method(), path, c.caller(), null, null, null);
        check(c, a, path, null, "");
    }

    /** The template with sample values, or (when {@code fuzz}) a fuzzed segment for some of its parameters. */
    private static String path(String template, FuzzedDataProvider data, boolean fuzz) {
        StringBuilder out = new StringBuilder();
        String[] segments = template.split("/");
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{")) {
                s = fuzz && data.consumeBoolean() ? enc(data.consumeString(60))
                        : enc(samples.getOrDefault(template.substring(0, template.indexOf(s)) + s, samples.get(s)));
                if (s.isEmpty()) {
                    s = "%20";
                }
            }
            out.append(i == 0 ? "" : "/").append(s);
        }
        return out.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- oracle

    private static void check(FuzzCases.Case c, Api.Answer a, String path, String contentType, String body) {
        STATUSES.computeIfAbsent(c.endpoint() + " " + a.status(), k -> new AtomicLong()).incrementAndGet();
        String title = a.json() == null ? "" : a.json().path("title").asText();
        Jazzer.exploreState((byte) (a.status() * 31 + title.hashCode()), FuzzCases.CASES.indexOf(c));
        if (!a.sent()) {
            return; // nothing reached the platform
        }
        for (KnownFindings.Known known : KnownFindings.ALL) {
            if (known.matches(path, contentType, body, a)) {
                KNOWN.computeIfAbsent(known.test(), k -> new AtomicLong()).incrementAndGet();
                return;
            }
        }
        finding(!a.answered(), c, "no answer, the connection was dropped or timed out: " + a.error(), path);
        finding(a.status() >= 500, c, "a server error: " + a, path);
        if (a.status() >= 400 && a.status() < 500) {
            JsonNode p = a.json();
            finding(!a.contentType().startsWith("application/problem+json"), c, "a 4xx that is not application/problem+json: " + a, path);
            finding(p == null || !p.path("title").isTextual() || !p.path("detail").isTextual()
                    || p.path("status").asInt() != a.status(), c, "a problem without title, detail or its status: " + a, path);
        }
    }

    /** An SR acknowledged with 201 is there, with the subject and description sent (when they were strings). */
    private static void createdWhole(Api.Answer a, JsonNode sent) {
        String number = a.json() == null ? "" : a.json().path("number").asText();
        synchronized (CREATED) {
            CREATED.add(number);
        }
        Api.Answer stored = api.get("requests/" + enc(number), "engineer1");
        FuzzCases.Case c = FuzzCases.CASES.get(0);
        finding(stored.status() != 200 || stored.json() == null, c, "the SR acknowledged with 201 is not there: " + stored, "requests");
        JsonNode sr = stored.json();
        finding(!"CREATED".equals(sr.path("timeline").path(0).path("kind").asText()), c, "SR " + number
                + " has no CREATED at the start of its timeline: " + stored, "requests");
        if (sent != null) {
            for (String field : List.of("subject", "description")) {
                if (sent.path(field).isTextual()) {
                    String s = sent.path(field).asText();
                    String kept = sr.path(field).asText();
                    finding(!kept.equals(s) && !kept.equals(s.strip()), c, "SR " + number + " keeps " + field + " "
                            + Api.quote(kept) + ", sent " + Api.quote(s), "requests");
                }
            }
        }
    }

    private static void finding(boolean wrong, FuzzCases.Case c, String what, String path) {
        if (wrong) {
            throw new AssertionError(c + ": " + c.method() + " /api/v1/" + Api.abbreviate(path, 300) + ": " + what);
        }
    }

    // --- setup and the sweep at the end

    /** Real values for path parameters: customer1's SR with a file, an escalation, a collaboration, a message. */
    private static Map<String, String> samples(Api api) {
        Map<String, String> s = new TreeMap<>();
        Api.Answer sr = api.postJson("requests", "customer1", FuzzCases.INTAKE);
        assertEquals(201, sr.status(), sr.toString());
        String number = sr.json().get("number").asText();
        Api.Answer file = api.upload("requests/" + number + "/attachments", "customer1", "a.log", "a".getBytes());
        assertEquals(201, file.status(), file.toString());
        Api.Answer escalation = api.postJson("requests/" + number + "/escalations", "customer1",
                FuzzCases.CASES.stream().filter(c -> c.endpoint().equals("POST requests/{number}/escalations")).findFirst()
                        .orElseThrow().example());
        Api.Answer collaboration = api.postJson("requests/" + number + "/collaborations", "escalation1",
                "{\"connector\":\"contract\",\"partner\":\"globex\",\"summary\":\"Fuzz\",\"consent\":true,"
                        + "\"fields\":{\"contractNumber\":\"1\"}}");
        Api.Answer message = api.postJson("phone/messages", "engineer1", "{\"name\":\"Pat\",\"company\":\"Globex\","
                + "\"callbackNumber\":\"+1 650 555 0100\",\"description\":\"Call back\"}");
        s.put("{number}", number);
        s.put("{id}", "1");
        s.put("{login}", "customer1");
        s.put("{category}", "performance");
        s.put("accounts/{number}", "1001");
        s.put("admin/accounts/{number}", "1001");
        s.put("requests/{number}/attachments/{id}", file.json().path("id").asText());
        s.put("requests/{number}/collaborations/{id}", collaboration.json() == null ? "1" : collaboration.json().path("id").asText("1"));
        s.put("escalations/{id}", escalation.json() == null ? "1" : escalation.json().path("id").asText("1"));
        s.put("phone/callbacks/{id}", message.json() == null ? "1" : message.json().path("id").asText("1"));
        s.put("products/{id}", "datacenter");
        s.put("admin/features/{id}", "suggestions");
        s.put("connectors/{id}", "contract");
        JsonNode articles = api.get("articles?product=datacenter", "customer1").json();
        s.put("articles/{id}", articles == null ? "1" : articles.path("items").path(0).path("id").asText("1"));
        return s;
    }

    /** Every SR of the platform: listed and read back, its timeline begun, each listed file's bytes as listed. */
    private static List<String> everySrWhole() {
        List<String> problems = new ArrayList<>();
        String cursor = null;
        int srs = 0;
        do {
            Api.Answer page = api.get("requests?limit=500" + (cursor == null ? "" : "&cursor=" + enc(cursor)), "engineer1");
            if (page.status() != 200 || page.json() == null) {
                problems.add("GET requests answered " + page);
                break;
            }
            for (JsonNode summary : page.json().path("items")) {
                srs++;
                String number = summary.path("number").asText();
                Api.Answer a = api.get("requests/" + enc(number), "engineer1");
                if (a.status() != 200 || a.json() == null) {
                    problems.add("SR " + number + " is listed but GET answers " + a);
                    continue;
                }
                if (!"CREATED".equals(a.json().path("timeline").path(0).path("kind").asText())) {
                    problems.add("SR " + number + " has no CREATED at the start of its timeline");
                }
                for (JsonNode f : a.json().path("attachments")) {
                    Api.Answer bytes = api.get("requests/" + enc(number) + "/attachments/" + enc(f.path("id").asText()), "engineer1");
                    if (bytes.status() != 200 || bytes.bytes().length != f.path("size").asLong()
                            || !IntakeLoad.sha256(bytes.bytes()).equals(f.path("sha256").asText())) {
                        problems.add("SR " + number + ": file " + f + " is not whole: " + bytes.status() + ", "
                                + bytes.bytes().length + " bytes");
                    }
                }
            }
            JsonNode next = page.json().path("next");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        SWEPT.set(srs);
        return problems;
    }

    private static final AtomicLong SWEPT = new AtomicLong();
    private static final Map<String, AtomicLong> KNOWN = new ConcurrentHashMap<>();

    private static void report(List<String> problems) {
        StringBuilder md = new StringBuilder("## Fuzzer (Jazzer over HTTP)\n\n");
        md.append("Inputs tried: **").append(INPUTS.get()).append("** over ").append(FuzzCases.CASES.size())
                .append(" cases (").append(Settings.fuzzSeconds()).append(" s); SRs created by fuzzed intake: **")
                .append(CREATED.size()).append("**; SRs checked whole at the end: **").append(SWEPT.get())
                .append("**; findings: **").append(problems.size()).append("** (a finding of the oracle stops Jazzer and fails"
                        + " the build; see failsafe-reports). Regression inputs replayed from src/test/resources/org/srplatform/"
                        + "reliability/FuzzITInputs/fuzz/.\n\n");
        md.append("| case | inputs | answers |\n| --- | --- | --- |\n");
        Map<String, AtomicLong> perCase = new TreeMap<>(PER_CASE);
        perCase.forEach((k, v) -> {
            String endpoint = k.substring(k.indexOf(' ') + 1, k.lastIndexOf(" as "));
            StringBuilder statuses = new StringBuilder();
            new TreeMap<>(STATUSES).forEach((s, n) -> {
                if (s.startsWith(endpoint + " ") && s.substring(endpoint.length() + 1).matches("-?\\d+")) {
                    statuses.append(s.substring(endpoint.length() + 1)).append(": ").append(n.get()).append(", ");
                }
            });
            md.append("| ").append(k).append(" | ").append(v.get()).append(" | ")
                    .append(statuses.length() > 2 ? statuses.substring(0, statuses.length() - 2) : "").append(" |\n");
        });
        KNOWN.forEach((test, n) -> md.append("\nKnown finding met again ").append(n.get())
                .append(" times (not counted as new; its regression test, disabled until fixed: ").append(test).append(")\n"));
        problems.forEach(p -> md.append("\n- ").append(p));
        Report.section("4-fuzz", md.toString());
    }
}
