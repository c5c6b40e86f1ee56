package org.srplatform.requests.web.internal;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.security.User;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;
import org.srplatform.web.api.RequestBodies;
import org.srplatform.web.api.SrNumbers;
import org.srplatform.web.api.SupportRequestSummaryView;
import org.srplatform.web.api.SupportRequestView;

/**
 * {@code /requests}: list and read SRs, change severity and status, comment. Opening one
 * ({@code POST /requests}) comes from the intake bundle: Jersey merges root resources of one path within
 * the application. Not part of the feature, so that the endpoints answer 503 naming {@code requests} while it is off.
 */
@Component(service = RequestResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "requests;paths:List<String>=\"GET requests,GET requests/{number},"
        + "POST requests/{number}/severity,POST requests/{number}/status,POST requests/{number}/comments\"")
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public final class RequestResource {
    static final String FEATURE = "requests";

    /** Boxed so that a missing severity is told apart from zero; the description words a wrong type's problem. */
    public record SeverityChange(@JsonPropertyDescription("a number from 1 to 4") Integer severity, String reason) {
    }

    public record StatusChange(String status, String reason) {
    }

    public record Comment(String text, Boolean internal) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SupportRequestService requests; // null while the feature is off

    private final java.time.Clock clock = java.time.Clock.systemUTC();

    @GET
    public PageView<SupportRequestSummaryView> list(@QueryParam("status") String status, @QueryParam("product") String product,
            @QueryParam("severity") String severity, @QueryParam("account") String account, @QueryParam("q") String q,
            @QueryParam("assignee") String assignee, @QueryParam("queue") String queue,
            @QueryParam("overdue") String overdue,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context SecurityContext security) {
        User caller = Callers.of(security);
        List<FieldError> errors = new ArrayList<>();
        Optional<SrStatus> st = parse(status, "status", errors, s -> SrStatus.valueOf(s.trim().toUpperCase()));
        Optional<Severity> sev = parse(severity, "severity", errors, s -> Severity.of(Integer.parseInt(s.trim())));
        Optional<Boolean> late = parse(overdue, "overdue", errors, RequestResource::bool);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Optional<String> who = Optional.ofNullable(assignee).map(String::trim).filter(a -> !a.isEmpty())
                .map(a -> a.equalsIgnoreCase("me") ? caller.login() : a);
        SupportRequestQuery query = new SupportRequestQuery(st, Optional.ofNullable(product).filter(p -> !p.isBlank()), sev,
                account == null || account.isBlank() ? Set.of() : Set.of(account.trim()), Optional.ofNullable(q),
                who, Optional.ofNullable(queue).map(String::trim).filter(x -> !x.isEmpty()),
                late.filter(Boolean::booleanValue).map(x -> clock.instant()));
        return PageView.of(service().search(query, Paging.of(limit, cursor), caller), SupportRequestSummaryView::of);
    }

    @GET
    @Path("{number}")
    public SupportRequestView get(@PathParam("number") String number, @Context SecurityContext security) {
        User caller = Callers.of(security);
        SrNumber n = SrNumbers.of(number);
        return service().find(n, caller).map(SupportRequestView::of).orElseThrow(() -> SrNumbers.notFound(n.toString()));
    }

    @POST
    @Path("{number}/severity")
    @Consumes(MediaType.APPLICATION_JSON)
    public SupportRequestView severity(@PathParam("number") String number, SeverityChange body,
            @Context SecurityContext security) {
        User caller = Callers.of(security);
        SeverityChange change = RequestBodies.required(body);
        Severity severity;
        try {
            severity = Severity.of(Optional.ofNullable(change.severity()).orElse(0));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(FieldError.of("severity", "must be 1, 2, 3 or 4"));
        }
        return SupportRequestView.of(service().changeSeverity(SrNumbers.of(number), severity, change.reason(), caller));
    }

    @POST
    @Path("{number}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "The SR in its new status",
            content = @Content(schema = @Schema(implementation = SupportRequestView.class)))
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict", description = "A transition not allowed now")
    public SupportRequestView status(@PathParam("number") String number, StatusChange body,
            @Context SecurityContext security) {
        User caller = Callers.of(security);
        StatusChange change = RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        SrStatus status = parse(change.status(), "status", errors, s -> SrStatus.valueOf(s.trim().toUpperCase()))
                .orElse(null);
        if (status == null) {
            throw new ValidationException(errors.isEmpty() ? List.of(FieldError.of("status", "is required")) : errors);
        }
        return SupportRequestView.of(service().changeStatus(SrNumbers.of(number), status, change.reason(), caller));
    }

    @POST
    @Path("{number}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Commented: the SR with the comment in its timeline",
            content = @Content(schema = @Schema(implementation = SupportRequestView.class)))
    public Response comment(@PathParam("number") String number, Comment body, @Context SecurityContext security) {
        User caller = Callers.of(security);
        Comment comment = RequestBodies.required(body);
        SupportRequestDetails sr = service().comment(SrNumbers.of(number), comment.text(), Boolean.TRUE.equals(comment.internal()),
                caller);
        return Response.status(201).entity(SupportRequestView.of(sr)).build();
    }

    private static boolean bool(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private SupportRequestService service() {
        return FeatureUnavailableException.require(requests, FEATURE);
    }

    private interface Parser<T> {
        T parse(String s);
    }

    private static <T> Optional<T> parse(String value, String field, List<FieldError> errors, Parser<T> parser) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(value));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(field, "has an unknown value '" + value + "'"));
            return Optional.empty();
        }
    }
}
