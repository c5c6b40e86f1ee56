package org.srplatform.web.internal;

import org.srplatform.web.api.AuthenticationRequiredException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.io.CharConversionException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.PayloadTooLargeException;
import org.srplatform.api.common.SrException;
import org.srplatform.api.common.ValidationException;

/**
 * The one place where errors become answers: every exception of every resource is written as an
 * RFC 9457 problem. Domain exceptions keep their message; anything unexpected is logged once with
 * its stack and answered 500 without internals. A path or method no resource serves is 404 or 405, unless
 * a capability whose bundle is not running declares it: then it is the 503 of a disabled feature.
 */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName(ProblemMapper.NAME)
@JakartarsApplicationSelect(ApiApplication.SELECT)
public final class ProblemMapper implements ExceptionMapper<Throwable> {
    static final String NAME = "sr-problems";
    /** What BasicAuthentication and MeResource name when the user directory (the store) is not there yet. */
    static final String STORE = "store";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private final StoppedCapabilities stopped;
    private final Readiness readiness;

    // Proxies to the current request, injected by Jersey.
    @Context
    private UriInfo uri;

    @Context
    private Request request;

    @Context
    private HttpHeaders headers;

    @Activate
    public ProblemMapper(@Reference StoppedCapabilities stopped, @Reference Readiness readiness) {
        this.stopped = stopped;
        this.readiness = readiness;
    }

    @Override
    public Response toResponse(Throwable e) {
        Optional<StoppedCapabilities.Stopped> stoppedOne = stoppedCapability(e);
        if (stoppedOne.isEmpty() && e instanceof jakarta.ws.rs.NotFoundException && uri != null) {
            Optional<Response> starting = whileNotReady(relative(uri.getPath()));
            if (starting.isPresent()) {
                return starting.get();
            }
        }
        Problem problem = stoppedOne.map(ProblemMapper::stoppedProblem).orElseGet(() -> problemOf(e));
        Response.ResponseBuilder answer = Response.status(problem.status()).type(Problem.MEDIA_TYPE + "; charset=utf-8")
                .entity(problem);
        if (problem.status() == 401 && !fromScript()) {
            answer.header("WWW-Authenticate", "Basic realm=\"SR platform\", charset=\"UTF-8\"");
        }
        if (problem.status() == 503) {
            answer.header("Retry-After", STORE.equals(problem.feature()) ? HealthResource.RETRY_AFTER_STARTING : "60");
        }
        return answer.build();
    }

    /**
     * No resource matched while the platform is not ready: the whiteboard builds the application first and adds the
     * endpoints to it a moment later, so during a start an endpoint, health included, may not have joined yet. That
     * is answered as a starting platform (health's 503 STARTING body, a 503 problem elsewhere), never as a 404 a load
     * balancer or a client would take for a wrong address; empty once the platform is UP (a 404 then is one).
     */
    private Optional<Response> whileNotReady(String path) {
        PlatformHealth.Health health = readiness.health();
        if (health.up()) {
            return Optional.empty();
        }
        if (path.equals("health") || path.equals("health/ready")) {
            return Optional.of(HealthResource.answer(health));
        }
        if (path.equals("health/live")) {
            return Optional.of(Response.ok(java.util.Map.of("status", PlatformHealth.UP)).build());
        }
        Problem problem = Problem.of(503, "Starting", health.status().equals(PlatformHealth.STARTING)
                ? "The platform is starting and does not serve this yet; try again in a few seconds (GET /api/v1/health"
                        + " says when it is ready)."
                : "The platform cannot serve this now; GET /api/v1/health says why.");
        return Optional.of(Response.status(503).type(Problem.MEDIA_TYPE + "; charset=utf-8").entity(problem)
                .header("Retry-After", HealthResource.RETRY_AFTER_STARTING).build());
    }

    /**
     * A request of the web UI's scripts ({@code X-Requested-With}, or a session cookie): its 401 carries no Basic
     * challenge, which would make the browser ask for a password in its own dialog instead of the UI's sign-in.
     */
    private boolean fromScript() {
        try {
            return headers != null && (headers.getHeaderString("X-Requested-With") != null
                    || headers.getCookies().containsKey(BrowserSessions.COOKIE));
        } catch (IllegalStateException e) { // no request in scope
            return false;
        }
    }

    /**
     * Is a 404 or 405 the request of a capability whose bundle is not running? Jersey's own "no resource"
     * is, for any endpoint the bundle declares. The platform's NotFoundException (no such SR, article...)
     * stays 404, unless the bundle declares exactly that method and literal path: then a running
     * resource's template took a request that the stopped one would have won ({@code GET /requests/fields}
     * went to {@code /requests/{number}}).
     */
    private Optional<StoppedCapabilities.Stopped> stoppedCapability(Throwable e) {
        if (uri == null || request == null) {
            return Optional.empty();
        }
        if (e instanceof jakarta.ws.rs.NotFoundException || e instanceof jakarta.ws.rs.NotAllowedException) {
            return stopped.serving(request.getMethod(), relative(uri.getPath()));
        }
        if (e instanceof NotFoundException) {
            return stopped.servingExactly(request.getMethod(), relative(uri.getPath()));
        }
        return Optional.empty();
    }

    /** The same problem as a disabled feature's, with a detail that says the bundle is not running. */
    static Problem stoppedProblem(StoppedCapabilities.Stopped s) {
        Problem disabled = domainProblem(new FeatureUnavailableException(s.feature()));
        return new Problem(disabled.type(), disabled.title(), disabled.status(), s.detail(), disabled.errors(),
                disabled.feature());
    }

    /** The path below the application (as BasicAuthentication, whichever way the whiteboard reports it). */
    static String relative(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.startsWith(ApiApplication.BASE + "/") ? p.substring(ApiApplication.BASE.length() + 1) : p;
    }

    static Problem problemOf(Throwable e) {
        // A domain exception anywhere in the chain wins: a body over the limit breaks off Jackson's read
        // (and Jackson wraps it with the field it was reading), a record's constructor may refuse a value.
        SrException sr = cause(e, SrException.class);
        if (sr != null) {
            return domainProblem(sr);
        }
        Optional<Problem> unreachable = DatabaseUnavailable.problem(e);
        if (unreachable.isPresent()) {
            return unreachable.get();
        }
        if (e instanceof AuthenticationRequiredException auth) {
            return Problem.of(401, "Authentication required", auth.getMessage());
        }
        if (cause(e, InvalidDefinitionException.class) != null) {
            // A type the platform itself cannot read or write: its bug, not the client's input.
            LOG.error("A JSON type of the platform cannot be mapped", e);
            return Problem.of(500, "Internal error", "The platform could not answer; the error is in the log.");
        }
        // Not JSON at all is told before any field: Jackson may wrap a parse error with the field it was in.
        JsonProcessingException parse = cause(e, JsonParseException.class);
        JsonProcessingException json = parse != null ? parse : cause(e, JsonProcessingException.class);
        if (json != null) {
            return jsonProblem(json);
        }
        if (cause(e, CharConversionException.class) != null) {
            return new Problem("about:blank", "Invalid input", 400, "The body is not valid UTF-8; send JSON encoded as UTF-8.",
                    List.of(FieldError.of("body", "not valid UTF-8")), null);
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String reason = web.getResponse().getStatusInfo().getReasonPhrase();
            // A resource may say itself what to send instead (an upload needs multipart); Jersey's own
            // messages ("HTTP 415 Unsupported Media Type") are replaced by words for the client.
            boolean own = web.getMessage() != null && !web.getMessage().startsWith("HTTP " + status);
            String detail = own && status < 500 ? web.getMessage() : switch (status) {
                case 404 -> "There is no such resource; the API is described under /api/v1.";
                case 405 -> "This resource does not take that HTTP method.";
                case 406 -> "This resource answers application/json only.";
                case 415 -> "Send the body as application/json; charset=utf-8.";
                default -> status >= 500 ? "The platform could not answer; the error is in the log." : reason + ".";
            };
            if (status >= 500) {
                LOG.error("Request failed", e);
            }
            return Problem.of(status, reason, detail);
        }
        LOG.error("Unexpected error while answering a request", e);
        return Problem.of(500, "Internal error", "The platform could not answer; the error is in the log.");
    }

    private static Problem domainProblem(SrException e) {
        if (e instanceof ValidationException v) {
            return new Problem("about:blank", v.title(), 400, v.getMessage(), v.errors(), null);
        }
        if (e instanceof NotAllowedException n && !n.errors().isEmpty()) {
            return new Problem("about:blank", n.title(), 403, n.getMessage(), n.errors(), null);
        }
        if (e instanceof FeatureUnavailableException f && STORE.equals(f.feature())) {
            // Not a feature an administrator can switch on: the platform has not opened its store yet.
            return new Problem("about:blank", "Platform starting", 503, "The platform is starting and cannot serve this"
                    + " yet; retry in a few seconds. GET /api/v1/health says when it is ready, or what failed.", null, STORE);
        }
        if (e instanceof FeatureUnavailableException f) {
            return new Problem("about:blank", f.title(), 503, f.getMessage(), null, f.feature());
        }
        int status = e instanceof NotFoundException ? 404
                : e instanceof NotAllowedException ? 403
                : e instanceof ConflictException ? 409
                : e instanceof PayloadTooLargeException ? 413 : 400;
        return Problem.of(status, e.title(), e.getMessage());
    }

    private static Problem jsonProblem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", ", "; known fields: ", ""));
            return invalid(path(u), "is not a field of this request" + known);
        }
        if (e instanceof JsonMappingException m) {
            // Wrong kind of value: say what the field takes, never Jackson's words (they name Java classes).
            Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
            if (m.getPath().isEmpty()) {
                return invalid("body", "must be " + JsonTypes.expected(List.of(), target));
            }
            return invalid(path(m), "must be " + JsonTypes.expected(m.getPath(), target));
        }
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        if (e instanceof JsonParseException p && p.getOriginalMessage() != null && p.getOriginalMessage().contains("UTF")) {
            return invalid("body", "not valid UTF-8");
        }
        if (e instanceof JsonEOFException) {
            return invalid("body", "ends before the JSON is complete" + where + "; send one whole JSON object");
        }
        return invalid("body", "is not valid JSON" + where + JsonTypes.reason(e.getOriginalMessage())
                + "; check quotes, commas and brackets");
    }

    private static Problem invalid(String field, String message) {
        String detail = (field.equals("body") ? "The body" : field) + " " + message + ".";
        return new Problem("about:blank", "Invalid input", 400, detail, List.of(FieldError.of(field, message)), null);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
    /** What a JSON field takes, in the client's words, from the Java type behind it. */
    static final class JsonTypes {
        private JsonTypes() {
        }

        /**
         * What the value at the end of {@code path} must be: the field's {@code @JsonPropertyDescription} when it
         * has one ("a number from 1 to 4"), else words for its declared type ("a list of strings"), else for the
         * type Jackson wanted.
         */
        static String expected(List<JsonMappingException.Reference> path, Class<?> target) {
            int named = -1;
            for (int i = path.size() - 1; i >= 0 && named < 0; i--) {
                named = path.get(i).getFieldName() != null ? i : -1;
            }
            if (named >= 0) {
                Field field = field(ownerOf(path.get(named).getFrom()), path.get(named).getFieldName());
                if (field != null) {
                    JsonPropertyDescription description = field.getAnnotation(JsonPropertyDescription.class);
                    if (named == path.size() - 1 && description != null && !description.value().isBlank()) {
                        return description.value();
                    }
                    Type type = field.getGenericType();
                    for (int i = named + 1; i < path.size(); i++) {
                        type = element(type);
                    }
                    if (type != null) {
                        return describe(type, false);
                    }
                }
            }
            return target == null ? "a value of another kind" : describe(target, false);
        }

        /** Jackson's reason for a parse error, when it names no Java internals; else nothing. */
        static String reason(String original) {
            if (original == null) {
                return "";
            }
            String first = original.split("\n")[0];
            int cut = first.indexOf(" (start marker");
            first = cut > 0 ? first.substring(0, cut) : first;
            boolean internal = first.contains("`") || first.contains("Source") || first.matches(".*\\b[a-z]+\\.[a-z]+\\.[A-Za-z].*");
            return internal || first.isBlank() ? "" : " (" + first.strip() + ")";
        }

        static String describe(Type type, boolean plural) {
            Class<?> raw = raw(type);
            if (raw == null) {
                return plural ? "values" : "a value";
            }
            if (CharSequence.class.isAssignableFrom(raw) || raw == char.class || raw == Character.class) {
                return plural ? "strings" : "a string (text in double quotes)";
            }
            if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class || raw == Short.class
                    || raw == short.class || raw == Byte.class || raw == byte.class || raw == java.math.BigInteger.class) {
                return plural ? "whole numbers" : "a whole number, without quotes";
            }
            if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
                return plural ? "numbers" : "a number, without quotes";
            }
            if (raw == Boolean.class || raw == boolean.class) {
                return plural ? "true or false" : "true or false, without quotes";
            }
            if (raw.isEnum()) {
                String names = java.util.Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                        .collect(Collectors.joining(", "));
                return (plural ? "each one of " : "one of ") + names;
            }
            if (raw == java.time.Instant.class || raw == java.time.OffsetDateTime.class || raw == java.time.ZonedDateTime.class) {
                return plural ? "dates and times like 2026-12-01T10:00:00Z" : "a date and time like 2026-12-01T10:00:00Z";
            }
            if (raw == java.time.LocalDate.class) {
                return plural ? "dates like 2026-12-01" : "a date like 2026-12-01";
            }
            if (java.util.Collection.class.isAssignableFrom(raw) || raw.isArray()) {
                Type element = element(type);
                return plural ? "lists" : element == null ? "a list" : "a list of " + describe(element, true);
            }
            return plural ? "JSON objects" : "a JSON object";
        }

        private static Type element(Type type) {
            if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
                return p.getActualTypeArguments()[0];
            }
            if (type instanceof Class<?> c && c.isArray()) {
                return c.getComponentType();
            }
            if (type instanceof GenericArrayType g) {
                return g.getGenericComponentType();
            }
            return null;
        }

        private static Class<?> raw(Type type) {
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
                return c;
            }
            if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
                return raw(w.getUpperBounds()[0]);
            }
            return type instanceof GenericArrayType ? Object[].class : null;
        }

        private static Class<?> ownerOf(Object from) {
            return from == null ? null : from instanceof Class<?> c ? c : from.getClass();
        }

        private static Field field(Class<?> owner, String name) {
            for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    return c.getDeclaredField(name);
                } catch (NoSuchFieldException e) {
                    // declared higher up, or a renamed property: the type Jackson wanted will do
                }
            }
            return null;
        }
    }
}
