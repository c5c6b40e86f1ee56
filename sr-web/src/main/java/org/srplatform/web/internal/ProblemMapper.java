package org.srplatform.web.internal;

import org.srplatform.web.api.AuthenticationRequiredException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.CharConversionException;
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

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private final StoppedCapabilities stopped;

    // Proxies to the current request, injected by Jersey.
    @Context
    private UriInfo uri;

    @Context
    private Request request;

    @Activate
    public ProblemMapper(@Reference StoppedCapabilities stopped) {
        this.stopped = stopped;
    }

    @Override
    public Response toResponse(Throwable e) {
        Problem problem = stoppedCapability(e).map(ProblemMapper::stoppedProblem).orElseGet(() -> problemOf(e));
        Response.ResponseBuilder answer = Response.status(problem.status()).type(Problem.MEDIA_TYPE + "; charset=utf-8")
                .entity(problem);
        if (problem.status() == 401) {
            answer.header("WWW-Authenticate", "Basic realm=\"SR platform\", charset=\"UTF-8\"");
        }
        if (problem.status() == 503) {
            answer.header("Retry-After", "60");
        }
        return answer.build();
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
        if (e instanceof SrException sr) {
            return domainProblem(sr);
        }
        if (e instanceof AuthenticationRequiredException auth) {
            return Problem.of(401, "Authentication required", auth.getMessage());
        }
        JsonProcessingException json = cause(e, JsonProcessingException.class);
        if (json != null) {
            return jsonProblem(json);
        }
        if (cause(e, CharConversionException.class) != null) {
            return new Problem("about:blank", "Invalid input", 400, "The body is not valid UTF-8; send JSON encoded as UTF-8.",
                    List.of(FieldError.of("body", "not valid UTF-8")), null);
        }
        PayloadTooLargeException tooLarge = cause(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return domainProblem(tooLarge);
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String reason = web.getResponse().getStatusInfo().getReasonPhrase();
            String detail = switch (status) {
                case 404 -> "There is no such resource; the API is described under /api/v1.";
                case 405 -> "This resource does not take that HTTP method.";
                case 406 -> "This resource answers application/json only.";
                case 415 -> "Send the body as application/json; charset=utf-8.";
                default -> web.getMessage();
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
            return invalid(path(u), "unknown field" + known);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return invalid(path(m), "has the wrong type or format: " + m.getOriginalMessage().split("\n")[0]);
        }
        if (e instanceof JsonParseException p && p.getOriginalMessage().contains("UTF")) {
            return invalid("body", "not valid UTF-8");
        }
        String message = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().split("\n")[0];
        return invalid("body", "is not valid JSON: " + message);
    }

    private static Problem invalid(String field, String message) {
        return new Problem("about:blank", "Invalid input", 400, field + ": " + message, List.of(FieldError.of(field, message)), null);
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
}
