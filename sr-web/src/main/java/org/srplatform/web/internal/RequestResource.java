package org.srplatform.web.internal;

import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;

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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.FieldHelp;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.IntakeService;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.security.User;

/** {@code /requests}: open SRs (intake feature), list and read them, change severity and status, comment. */
@Component(service = RequestResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public final class RequestResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntakeService intake;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SupportRequestService requests;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(RequestForms.OpenRequest body, @Context SecurityContext security) {
        User caller = SignedIn.of(security);
        RequestForms.OpenRequest form = RequestForms.required(body);
        if (form.customerNumber() != null) {
            throw new ValidationException(FieldError.of("customerNumber", "is for phone intake: POST /api/v1/phone/requests"));
        }
        SupportRequest sr = FeatureUnavailableException.require(intake, "intake").open(form.toForm(), caller,
                IntakeChannel.WEB);
        return created(sr);
    }

    /** Help for each field of the SR form, for a UI's tooltips. */
    @GET
    @Path("fields")
    public PageView<FieldHelp> fields(@Context SecurityContext security) {
        SignedIn.of(security);
        return PageView.all(FeatureUnavailableException.require(intake, "intake").fields());
    }

    @GET
    public PageView<SupportRequestView> list(@QueryParam("status") String status, @QueryParam("product") String product,
            @QueryParam("severity") String severity, @QueryParam("account") String account, @QueryParam("q") String q,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context SecurityContext security) {
        User caller = SignedIn.of(security);
        List<FieldError> errors = new ArrayList<>();
        Optional<SrStatus> st = parse(status, "status", errors, s -> SrStatus.valueOf(s.trim().toUpperCase()));
        Optional<Severity> sev = parse(severity, "severity", errors, s -> Severity.of(Integer.parseInt(s.trim())));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        SupportRequestQuery query = new SupportRequestQuery(st, Optional.ofNullable(product).filter(p -> !p.isBlank()), sev,
                account == null || account.isBlank() ? Set.of() : Set.of(account.trim()), Optional.ofNullable(q));
        return PageView.of(service().search(query, Paging.of(limit, cursor), caller), SupportRequestView::of);
    }

    @GET
    @Path("{number}")
    public SupportRequestView get(@PathParam("number") String number, @Context SecurityContext security) {
        User caller = SignedIn.of(security);
        SrNumber n = number(number);
        return service().find(n, caller).map(SupportRequestView::of).orElseThrow(() -> notFound(n.toString()));
    }

    @POST
    @Path("{number}/severity")
    @Consumes(MediaType.APPLICATION_JSON)
    public SupportRequestView severity(@PathParam("number") String number, RequestForms.SeverityChange body,
            @Context SecurityContext security) {
        User caller = SignedIn.of(security);
        RequestForms.SeverityChange change = RequestForms.required(body);
        Severity severity;
        try {
            severity = Severity.of(Optional.ofNullable(change.severity()).orElse(0));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(FieldError.of("severity", "must be 1, 2, 3 or 4"));
        }
        return SupportRequestView.of(service().changeSeverity(number(number), severity, change.reason(), caller));
    }

    @POST
    @Path("{number}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public SupportRequestView status(@PathParam("number") String number, RequestForms.StatusChange body,
            @Context SecurityContext security) {
        User caller = SignedIn.of(security);
        RequestForms.StatusChange change = RequestForms.required(body);
        List<FieldError> errors = new ArrayList<>();
        SrStatus status = parse(change.status(), "status", errors, s -> SrStatus.valueOf(s.trim().toUpperCase()))
                .orElse(null);
        if (status == null) {
            throw new ValidationException(errors.isEmpty() ? List.of(FieldError.of("status", "is required")) : errors);
        }
        return SupportRequestView.of(service().changeStatus(number(number), status, change.reason(), caller));
    }

    @POST
    @Path("{number}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response comment(@PathParam("number") String number, RequestForms.Comment body, @Context SecurityContext security) {
        User caller = SignedIn.of(security);
        RequestForms.Comment comment = RequestForms.required(body);
        SupportRequest sr = service().comment(number(number), comment.text(), Boolean.TRUE.equals(comment.internal()), caller);
        return Response.status(201).entity(SupportRequestView.of(sr)).build();
    }

    static Response created(SupportRequest sr) {
        return Response.created(URI.create("/api/v1/requests/" + sr.number())).entity(SupportRequestView.of(sr)).build();
    }

    private SupportRequestService service() {
        return FeatureUnavailableException.require(requests, "requests");
    }

    static SrNumber number(String text) {
        return SrNumber.parse(text).orElseThrow(() -> notFound(text));
    }

    private static NotFoundException notFound(String number) {
        return new NotFoundException("No SR " + number + " is visible to you; SR numbers have 11 digits.");
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
