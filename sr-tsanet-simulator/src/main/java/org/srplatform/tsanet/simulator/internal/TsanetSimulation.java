package org.srplatform.tsanet.simulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * TSANet Connect as the receiving members would answer it, in memory: login, {@code me}, the partner directory,
 * the members' forms, collaboration requests (create, list by {@code internalCaseNumber}, read by token), notes,
 * the receiver's responses (approval, rejection, information request) and the submitter's (information
 * response, closure). The receiver's answers are scripted from each case's problem summary ({@link Script}).
 *
 * <p>Independent of HTTP: an adapter hands over method, path below {@code /v1/}, query, the Authorization header
 * and the body, and writes the {@link Answer} back after its {@link Answer#delay()}. Thread-safe: one lock
 * around the whole state, which is small and held briefly.
 */
public final class TsanetSimulation {

    /**
     * How the simulator behaves.
     *
     * @param username         the one login it accepts
     * @param password         its password
     * @param tokenLifetime    how long an access token lasts ({@code expiresIn})
     * @param slow             the default delay of {@code [slow]}
     * @param failures         the default count of {@code [5xx]}
     * @param validationStatus the status of a validation failure: 400 as documented, or 500 as the live service
     *                         has been seen to answer
     */
    public record Settings(String username, String password, Duration tokenLifetime, Duration slow, int failures,
            int validationStatus) {
        public Settings {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings("demo", "demo", Duration.ofHours(1), Duration.ofSeconds(10), 2, 400);
        }
    }

    /** The answer to one call: an HTTP status, a JSON body, and how long to wait before sending it. */
    public record Answer(int status, String json, Duration delay) {
    }

    /** The submitting member: the platform, as the simulator knows it. */
    record Company(long id, String name, String domain) {
    }

    static final Company SUBMITTER = new Company(9001, "SR Platform (simulated member)", "srplatform.example");

    private static final Set<String> PRIORITIES = Set.of("LOW", "MEDIUM", "HIGH");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Settings settings;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> tokens = new HashMap<>();
    private final Map<String, SimulatedCase> cases = new LinkedHashMap<>();
    /** Create attempts answered 500 so far, by internal case number ({@code [5xx]}). */
    private final Map<String, Integer> failedCreates = new HashMap<>();
    private long nextId = 1;
    private int logins;
    private int refusedTokens;
    private int createAttempts;

    public TsanetSimulation(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Answers one call.
     *
     * @param method        {@code GET} or {@code POST}
     * @param path          below {@code /v1/}, such as {@code collaboration-requests/abc/notes}
     * @param query         the query parameters (first value of each)
     * @param authorization the Authorization header, or null
     * @param body          the request body (empty for none)
     */
    public synchronized Answer handle(String method, String path, Map<String, String> query, String authorization,
            byte[] body) {
        List<String> p = List.of(strip(path).split("/", -1));
        Instant now = clock.instant();
        boolean post = "POST".equalsIgnoreCase(method);
        boolean get = "GET".equalsIgnoreCase(method);
        JsonNode in;
        try {
            in = body == null || body.length == 0 ? JSON.objectNode() : mapper.readTree(body);
        } catch (IOException e) {
            return error(400, "Malformed JSON request body");
        }
        if (in == null || !in.isObject()) {
            in = JSON.objectNode();
        }
        if (post && p.equals(List.of("login"))) {
            return login(in, now);
        }
        if (!authorized(authorization, now)) {
            refusedTokens++;
            return error(401, "Full authentication is required to access this resource");
        }
        if (get && p.equals(List.of("me"))) {
            return ok(me());
        }
        if (get && p.size() == 2 && p.get(0).equals("partners")) {
            ArrayNode found = JSON.arrayNode();
            Directory.search(p.get(1)).forEach(m -> found.add(partner(m)));
            return ok(found);
        }
        if (get && p.size() == 3 && p.get(0).equals("forms")) {
            Optional<Long> id = number(p.get(2));
            Optional<Directory.Member> member = switch (p.get(1)) {
                case "company" -> id.flatMap(Directory::byCompany);
                case "department" -> id.flatMap(Directory::byDepartment);
                default -> Optional.empty();
            };
            return member.map(m -> ok(form(m))).orElseGet(() -> error(404, "No collaboration form found for " + p.get(1)
                    + " " + p.get(2)));
        }
        if (p.get(0).equals("collaboration-requests")) {
            if (p.size() == 1) {
                return get ? list(query) : post ? create(in, now) : notFound(method, path);
            }
            SimulatedCase c = cases.get(p.get(1));
            if (c == null) {
                return error(404, "Collaboration request not found");
            }
            if (c.failuresLeft > 0) {
                c.failuresLeft--;
                return error(500, "Internal Server Error");
            }
            return onCase(c, method, p.subList(2, p.size()), in, now);
        }
        return notFound(method, path);
    }

    private Answer onCase(SimulatedCase c, String method, List<String> rest, JsonNode in, Instant now) {
        boolean post = "POST".equalsIgnoreCase(method);
        if (rest.isEmpty() && !post) {
            c.followed(now);
            return ok(c.toJson(SUBMITTER));
        }
        if (rest.equals(List.of("notes"))) {
            if (!post) {
                return ok(c.notesJson());
            }
            List<ObjectNode> errors = new ArrayList<>();
            String summary = in.path("summary").asText("");
            String description = in.path("description").asText("");
            if (summary.isBlank() || summary.length() > 500) {
                errors.add(fieldError("summary", "must not be blank and at most 500 characters"));
            }
            if (description.isBlank() || description.length() > 5000) {
                errors.add(fieldError("description", "must not be blank and at most 5000 characters"));
            }
            if (!errors.isEmpty()) {
                return invalid(errors);
            }
            return ok(c.note(SUBMITTER.name(), "SR platform", settings.username(), summary, description, now));
        }
        if (!post || rest.size() != 1) {
            return notFound(method, "collaboration-requests/" + c.token + "/" + String.join("/", rest));
        }
        List<ObjectNode> errors = new ArrayList<>();
        Optional<String> refused;
        switch (rest.get(0)) {
            case "approval" -> {
                require(in, errors, "engineerName", "engineerEmail");
                refused = errors.isEmpty() ? c.approve(in, now) : Optional.empty();
            }
            case "rejection" -> {
                require(in, errors, "engineerName", "engineerEmail", "reason");
                refused = errors.isEmpty() ? c.reject(in, now) : Optional.empty();
            }
            case "information-request" -> {
                require(in, errors, "requestedInformation");
                refused = errors.isEmpty() ? c.requestInformation(in, now) : Optional.empty();
            }
            case "information-response" -> {
                require(in, errors, "requestedInformation");
                refused = errors.isEmpty() ? c.respondInformation(in, now) : Optional.empty();
            }
            case "closure" -> refused = c.close(now);
            default -> {
                return notFound(method, "collaboration-requests/" + c.token + "/" + rest.get(0));
            }
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        return refused.map(message -> error(400, message)).orElseGet(() -> ok(c.toJson(SUBMITTER)));
    }

    private Answer login(JsonNode in, Instant now) {
        if (!settings.username().equals(in.path("username").asText(null))
                || !settings.password().equals(in.path("password").asText(null))) {
            return error(401, "Invalid username or password");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "sim." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.values().removeIf(expiry -> !now.isBefore(expiry));
        tokens.put(token, now.plus(settings.tokenLifetime()));
        logins++;
        return ok(JSON.objectNode().put("accessToken", token).put("tokenType", "Bearer")
                .put("expiresIn", settings.tokenLifetime().toSeconds()));
    }

    private boolean authorized(String authorization, Instant now) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Instant expiry = tokens.get(authorization.substring(7).strip());
        return expiry != null && now.isBefore(expiry);
    }

    private ObjectNode me() {
        ObjectNode me = JSON.objectNode().put("id", 1).put("username", settings.username()).put("firstName", "SR")
                .put("lastName", "Platform").put("email", settings.username() + "@" + SUBMITTER.domain());
        me.putObject("company").put("id", SUBMITTER.id()).put("name", SUBMITTER.name()).put("domain", SUBMITTER.domain());
        return me;
    }

    private static ObjectNode partner(Directory.Member m) {
        ObjectNode n = JSON.objectNode().put("label", m.label()).put("companyName", m.companyName());
        n.put("departmentName", m.departmentName().orElse(null));
        n.put("companyId", m.companyId());
        n.put("departmentId", m.departmentId().orElse(null));
        n.put("documentId", m.documentId());
        return n;
    }

    private static ObjectNode form(Directory.Member m) {
        ObjectNode f = JSON.objectNode().put("documentId", m.documentId()).put("receiverCompanyId", m.companyId());
        f.put("departmentId", m.departmentId().orElse(null));
        f.put("adminNote", "<p>" + m.adminNote() + "</p>");
        ArrayNode fields = f.putArray("customFields");
        for (Directory.Field d : m.fields()) {
            ObjectNode field = fields.addObject().put("fieldId", d.id()).put("section", "CONTACT_SECTION")
                    .put("label", d.label()).put("options", "").put("type", "STRING").put("displayOrder", d.order());
            field.put("validationRules", d.rule().map(r -> r.pattern()).orElse(null));
            field.putNull("value");
            field.putArray("selections");
            field.put("required", d.required());
        }
        return f;
    }

    private Answer list(Map<String, String> query) {
        Optional<String> internal = Optional.ofNullable(query.get("internalCaseNumber")).filter(s -> !s.isBlank());
        Optional<String> status = Optional.ofNullable(query.get("status")).filter(s -> !s.isBlank());
        Optional<Instant> createdAfter;
        Optional<Instant> updatedAfter;
        try {
            createdAfter = Optional.ofNullable(query.get("createdAfter")).filter(s -> !s.isBlank()).map(Instant::parse);
            updatedAfter = Optional.ofNullable(query.get("updatedAfter")).filter(s -> !s.isBlank()).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return invalid(List.of(fieldError("updatedAfter", "must be a date-time such as 2026-01-01T00:00:00Z")));
        }
        ArrayNode found = JSON.arrayNode();
        for (SimulatedCase c : cases.values()) {
            if (internal.filter(i -> !i.equals(c.internalCaseNumber)).isPresent()
                    || status.filter(s -> !s.equalsIgnoreCase(c.status())).isPresent()
                    || createdAfter.filter(t -> !c.createdAt().isAfter(t)).isPresent()
                    || updatedAfter.filter(t -> !c.updatedAt().isAfter(t)).isPresent()) {
                continue;
            }
            found.add(c.toJson(SUBMITTER));
        }
        return ok(found);
    }

    private Answer create(JsonNode in, Instant now) {
        createAttempts++;
        List<ObjectNode> errors = new ArrayList<>();
        Optional<Directory.Member> member = Optional.empty();
        if (!in.path("documentId").canConvertToLong()) {
            errors.add(fieldError("documentId", "must not be null"));
        } else {
            member = Directory.byDocument(in.path("documentId").asLong());
            if (member.isEmpty()) {
                errors.add(fieldError("documentId", "no collaboration form has this documentId"));
            }
        }
        for (String key : List.of("internalCaseNumber", "problemSummary", "problemDescription")) {
            if (in.path(key).asText("").isBlank()) {
                errors.add(fieldError(key, "must not be blank"));
            }
        }
        if (!PRIORITIES.contains(in.path("priority").asText(""))) {
            errors.add(fieldError("priority", "must be one of LOW, MEDIUM, HIGH"));
        }
        if (!in.path("testSubmission").isBoolean()) {
            errors.add(fieldError("testSubmission", "must not be null"));
        }
        if (!in.path("internalNotes").isArray()) {
            errors.add(fieldError("internalNotes", "must not be null"));
        }
        if (!in.path("customFields").isArray()) {
            errors.add(fieldError("customFields", "must not be null"));
        } else if (member.isPresent()) {
            for (Directory.Field f : member.get().fields()) {
                String value = value(in.path("customFields"), f.id());
                if (f.required() && value.isEmpty()) {
                    errors.add(fieldError("customFields", f.label() + " is required"));
                } else if (!value.isEmpty() && f.rule().filter(r -> !r.matcher(value).matches()).isPresent()) {
                    errors.add(fieldError("customFields", f.label() + " must match " + f.rule().get().pattern()));
                }
            }
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        String internal = in.path("internalCaseNumber").asText().strip();
        Script script = Script.of(in.path("problemSummary").asText(), settings.slow(), settings.failures());
        int failed = failedCreates.getOrDefault(internal, 0);
        if (failed < script.failures()) {
            failedCreates.put(internal, failed + 1);
            return error(500, "Internal Server Error");
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SimulatedCase c = new SimulatedCase(nextId++, token, internal, member.get(), script, in, now);
        cases.put(token, c);
        Answer answer = ok(c.toJson(SUBMITTER));
        return script.slow().map(d -> new Answer(answer.status(), answer.json(), d)).orElse(answer);
    }

    // What tests (and integration tests, through these methods or the HTTP answers) observe.

    /** Successful logins so far. */
    public synchronized int logins() {
        return logins;
    }

    /** Calls refused for a missing, unknown or expired token so far. */
    public synchronized int refusedTokens() {
        return refusedTokens;
    }

    /** Calls that tried to create a case so far, refused ones included. */
    public synchronized int createAttempts() {
        return createAttempts;
    }

    /** The tokens of the cases opened with this internal case number. */
    public synchronized List<String> cases(String internalCaseNumber) {
        return cases.values().stream().filter(c -> c.internalCaseNumber.equals(internalCaseNumber))
                .map(c -> c.token).toList();
    }

    /** How many cases were opened in all. */
    public synchronized int caseCount() {
        return cases.size();
    }

    /** How many notes a case has, its receiver's included. */
    public synchronized int noteCount(String token) {
        SimulatedCase c = cases.get(token);
        return c == null ? 0 : c.noteCount();
    }

    /** Forgets every access token, as a restarted service or a revoked session would. */
    public synchronized void revokeTokens() {
        tokens.clear();
    }

    private static void require(JsonNode in, List<ObjectNode> errors, String... keys) {
        for (String key : keys) {
            if (in.path(key).asText("").isBlank()) {
                errors.add(fieldError(key, "must not be blank"));
            }
        }
    }

    private static ObjectNode fieldError(String field, String message) {
        return JSON.objectNode().put("field", field).put("message", message);
    }

    private Answer invalid(List<ObjectNode> errors) {
        ObjectNode e = JSON.objectNode().put("message", "Validation failed");
        e.putArray("validationErrors").addAll(errors);
        return answer(settings.validationStatus(), e);
    }

    private Answer notFound(String method, String path) {
        return error(404, "No endpoint " + method + " /v1/" + strip(path));
    }

    /** An error in TSANet's shape ({@code {"message": ...}}); also for what the servlet refuses before a call. */
    Answer error(int status, String message) {
        return answer(status, JSON.objectNode().put("message", message));
    }

    private Answer ok(JsonNode body) {
        return answer(200, body);
    }

    private Answer answer(int status, JsonNode body) {
        try {
            return new Answer(status, mapper.writeValueAsString(body), Duration.ZERO);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes is always written", e);
        }
    }

    private static String value(JsonNode customFields, long fieldId) {
        for (JsonNode given : customFields) {
            if (given.path("fieldId").asLong() == fieldId) {
                return given.path("value").asText("").strip();
            }
        }
        return "";
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String strip(String path) {
        String p = path == null ? "" : path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
