package org.srplatform.escalation.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.srplatform.api.escalation.Escalation;
import org.srplatform.api.escalation.EscalationReason;
import org.srplatform.api.escalation.EscalationRequest;
import org.srplatform.api.escalation.EscalationService;
import org.srplatform.api.escalation.Milestone;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.security.User;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.RequestBodies;
import org.srplatform.web.api.SrNumbers;

/**
 * {@code /requests/{number}/escalations}: ask for an escalation of an SR, list the SR's escalations. Not part of
 * the feature, so that they answer 503 naming {@code escalation} while it is off.
 */
@Component(service = RequestEscalationResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public final class RequestEscalationResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EscalationService escalations; // null while the feature is off

    @Reference
    private SupportRequestRepository requests;

    private final Clock clock = Clock.systemUTC();

    @POST
    @Path("{number}/escalations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for escalation: every pre-check confirmed, else 400 naming each")
    @ApiResponse(responseCode = "201", description = "Requested; routed to the regional escalation managers of the account's region",
            headers = @Header(name = "Location", description = "/api/v1/escalations/{id}", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = EscalationView.class)))
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict", description = "The SR has an open escalation")
    public Response request(@PathParam("number") String number, EscalationResource.RequestForm body, @Context SecurityContext security) {
        User caller = Callers.of(security);
        EscalationService service = require();
        EscalationResource.RequestForm form = RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        EscalationReason reason = Forms.parse(EscalationReason.class, form.reason(), "reason", errors);
        if (form.reason() == null || form.reason().isBlank()) {
            errors.add(FieldError.of("reason", "is required: one of " + Forms.names(EscalationReason.class)));
        }
        List<Milestone> milestones = new ArrayList<>();
        for (EscalationResource.MilestoneForm m : form.milestones() == null ? List.<EscalationResource.MilestoneForm>of() : form.milestones()) {
            if (m == null || m.name() == null || m.date() == null) {
                errors.add(FieldError.of("milestones", "each is {\"name\": \"Go-live\", \"date\": \"2026-12-01\"}"));
                continue;
            }
            try {
                milestones.add(new Milestone(m.name().strip(), LocalDate.parse(m.date())));
            } catch (DateTimeParseException e) {
                errors.add(FieldError.of("milestones", "'" + m.date() + "' is not a date like 2026-12-01"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Escalation e = service.request(SrNumbers.of(number), new EscalationRequest(reason,
                Boolean.TRUE.equals(form.problemStatementConfirmed()), Boolean.TRUE.equals(form.businessImpactConfirmed()),
                Boolean.TRUE.equals(form.workaroundUnacceptable()), milestones, form.detail()), caller);
        return Response.created(URI.create("/api/v1/escalations/" + e.id())).entity(view(e, caller)).build();
    }

    @GET
    @Path("{number}/escalations")
    public List<EscalationView> ofRequest(@PathParam("number") String number, @Context SecurityContext security) {
        User caller = Callers.of(security);
        SrNumber sr = SrNumbers.of(number);
        List<Escalation> found = require().escalationsOf(sr, caller);
        Optional<SupportRequest> header = requests.header(sr);
        Instant now = clock.instant();
        return found.stream().map(e -> EscalationView.of(e, header, caller.isStaff(), now)).toList();
    }

    private EscalationService require() {
        return FeatureUnavailableException.require(escalations, EscalationResource.FEATURE);
    }

    private EscalationView view(Escalation e, User caller) {
        return EscalationView.of(e, requests.header(e.request()), caller.isStaff(), clock.instant());
    }
}
