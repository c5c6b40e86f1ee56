package org.srplatform.escalation.web.internal;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
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
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.escalation.Acceptance;
import org.srplatform.api.escalation.CommunicationChannel;
import org.srplatform.api.escalation.CommunicationPlan;
import org.srplatform.api.escalation.CustomerAgreement;
import org.srplatform.api.escalation.DeEscalation;
import org.srplatform.api.escalation.Escalation;
import org.srplatform.api.escalation.EscalationQuery;
import org.srplatform.api.escalation.EscalationService;
import org.srplatform.api.escalation.EscalationState;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.security.User;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;
import org.srplatform.web.api.RequestBodies;

/**
 * {@code /escalations} and {@code /requests/{number}/escalations}. Not part of the feature, so that they answer
 * 503 naming {@code escalation} while it is off.
 */
@Component(service = EscalationResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "escalation;paths:List<String>=\"POST requests/{number}/escalations,"
        + "GET requests/{number}/escalations,GET escalations,GET escalations/{id},POST escalations/{id}/accept,"
        + "PUT escalations/{id}/action-plan,PUT escalations/{id}/communication-plan,POST escalations/{id}/updates,"
        + "POST escalations/{id}/too-slow,POST escalations/{id}/resources,POST escalations/{id}/de-escalate\"")
@Path("escalations")
@Produces(MediaType.APPLICATION_JSON)
public final class EscalationResource {
    static final String FEATURE = "escalation";

    public record MilestoneForm(String name, String date) {
    }

    public record RequestForm(String reason, Boolean problemStatementConfirmed, Boolean businessImpactConfirmed,
            Boolean workaroundUnacceptable, List<MilestoneForm> milestones, String detail) {
    }

    public record AcceptForm(String escalationEngineer, String resources, String processCorrections) {
    }

    public record TextForm(String text) {
    }

    public record PlanForm(List<String> channels, Integer everyHours, List<String> participants) {
    }

    public record UpdateForm(String channel, String text) {
    }

    public record ReasonForm(String reason) {
    }

    public record ResourcesForm(String resources) {
    }

    public record AgreementForm(String name, String at, String note) {
    }

    public record DeEscalateForm(Boolean actionPlanAccepted, Boolean rootCauseConfirmed,
            AgreementForm customerAgreement) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EscalationService escalations; // null while the feature is off

    @Reference
    private SupportRequestRepository requests;

    private final Clock clock = Clock.systemUTC();

    @GET
    public PageView<EscalationView> review(@QueryParam("state") String state, @QueryParam("region") String region,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context SecurityContext security) {
        User caller = Callers.staff(security);
        EscalationService service = require();
        List<FieldError> errors = new ArrayList<>();
        EscalationState s = state == null || state.isBlank() ? null : Forms.parse(EscalationState.class, state, "state", errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Page<Escalation> page = service.review(new EscalationQuery(Optional.ofNullable(s),
                Optional.ofNullable(region).filter(r -> !r.isBlank()).map(String::strip)), Paging.of(limit, cursor),
                caller);
        // The SRs of a page in one read: the review shows each one's severity as it is now.
        Map<SrNumber, SupportRequest> srs = requests.headers(page.items().stream().map(Escalation::request)
                .distinct().toList()).stream().collect(Collectors.toMap(SupportRequest::number, Function.identity()));
        Instant now = clock.instant();
        return PageView.of(page, e -> EscalationView.of(e, Optional.ofNullable(srs.get(e.request())), true, now));
    }

    @GET
    @Path("{id}")
    public EscalationView find(@PathParam("id") String id, @Context SecurityContext security) {
        User caller = Callers.of(security);
        return require().details(id, caller).map(d -> EscalationView.of(d, requests.header(d.escalation().request()),
                caller.isStaff(), clock.instant())).orElseThrow(() -> new NotFoundException("No escalation " + id + "."));
    }

    @POST
    @Path("{id}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    public EscalationView accept(@PathParam("id") String id, AcceptForm body, @Context SecurityContext security) {
        User caller = Callers.staff(security);
        EscalationService service = require();
        AcceptForm form = RequestBodies.required(body);
        if (form.escalationEngineer() == null || form.escalationEngineer().isBlank()) {
            throw new ValidationException(FieldError.of("escalationEngineer",
                    "is required: the login of the senior escalation engineer who becomes the main contact"));
        }
        return details(service.accept(id, new Acceptance(form.escalationEngineer(), form.resources(),
                form.processCorrections()), caller), caller);
    }

    @PUT
    @Path("{id}/action-plan")
    @Consumes(MediaType.APPLICATION_JSON)
    public EscalationView actionPlan(@PathParam("id") String id, TextForm body, @Context SecurityContext security) {
        User caller = Callers.staff(security);
        EscalationService service = require();
        return details(service.presentActionPlan(id, RequestBodies.required(body).text(), caller), caller);
    }

    @PUT
    @Path("{id}/communication-plan")
    @Consumes(MediaType.APPLICATION_JSON)
    public EscalationView communicationPlan(@PathParam("id") String id, PlanForm body,
            @Context SecurityContext security) {
        User caller = Callers.staff(security);
        EscalationService service = require();
        PlanForm form = RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        Set<CommunicationChannel> channels = EnumSet.noneOf(CommunicationChannel.class);
        if (form.channels() == null || form.channels().isEmpty()) {
            errors.add(FieldError.of("channels", "is required: one or more of EMAIL, PHONE, CONFERENCE_CALL"));
        } else {
            for (int i = 0; i < form.channels().size(); i++) {
                String c = form.channels().get(i);
                if (c == null || c.isBlank()) {
                    errors.add(FieldError.of("channels[" + i + "]", "is empty: one of EMAIL, PHONE, CONFERENCE_CALL"));
                    continue;
                }
                CommunicationChannel ch = Forms.parse(CommunicationChannel.class, c, "channels", errors);
                if (ch != null) {
                    channels.add(ch);
                }
            }
        }
        if (form.everyHours() == null || form.everyHours() < 1) {
            errors.add(FieldError.of("everyHours", "is required: how many hours apart updates are given (1 or more)"));
        }
        List<String> participants = form.participants() == null ? List.of()
                : form.participants().stream().map(p -> p == null ? "" : p.strip()).toList();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return details(service.agreeCommunicationPlan(id, new CommunicationPlan(channels, form.everyHours(),
                participants), caller), caller);
    }

    @POST
    @Path("{id}/updates")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Recorded: the escalation with the update; the next is due by the plan's cadence",
            content = @Content(schema = @Schema(implementation = EscalationView.class)))
    public Response update(@PathParam("id") String id, UpdateForm body, @Context SecurityContext security) {
        User caller = Callers.staff(security);
        EscalationService service = require();
        UpdateForm form = RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        CommunicationChannel channel = Forms.parse(CommunicationChannel.class, form.channel(), "channel", errors);
        if (form.channel() == null || form.channel().isBlank()) {
            errors.add(FieldError.of("channel", "is required: EMAIL, PHONE or CONFERENCE_CALL"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return Response.status(201).entity(details(service.recordUpdate(id, channel, form.text(), caller), caller))
                .build();
    }

    @POST
    @Path("{id}/too-slow")
    @Consumes(MediaType.APPLICATION_JSON)
    public EscalationView tooSlow(@PathParam("id") String id, ReasonForm body, @Context SecurityContext security) {
        User caller = Callers.of(security);
        EscalationService service = require();
        return details(service.tooSlow(id, RequestBodies.required(body).reason(), caller), caller);
    }

    @POST
    @Path("{id}/resources")
    @Consumes(MediaType.APPLICATION_JSON)
    public EscalationView resources(@PathParam("id") String id, ResourcesForm body, @Context SecurityContext security) {
        User caller = Callers.staff(security);
        EscalationService service = require();
        return details(service.addResources(id, RequestBodies.required(body).resources(), caller), caller);
    }

    @POST
    @Path("{id}/de-escalate")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "De-escalated",
            content = @Content(schema = @Schema(implementation = EscalationView.class)))
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict",
            description = "A check does not hold (the plan accepted, the root cause confirmed, the customer's agreement)")
    public EscalationView deEscalate(@PathParam("id") String id, DeEscalateForm body,
            @Context SecurityContext security) {
        User caller = Callers.staff(security);
        EscalationService service = require();
        DeEscalateForm form = RequestBodies.required(body);
        AgreementForm a = form.customerAgreement();
        CustomerAgreement agreement;
        if (a == null || a.name() == null || a.name().isBlank() || a.at() == null || a.at().isBlank()) {
            agreement = new CustomerAgreement("", Instant.EPOCH, ""); // the service names it as missing (409)
        } else {
            try {
                agreement = new CustomerAgreement(a.name().strip(), Instant.parse(a.at()), a.note());
            } catch (DateTimeParseException e) {
                throw new ValidationException(FieldError.of("customerAgreement.at",
                        "'" + a.at() + "' is not an instant like 2026-11-30T10:00:00Z"));
            }
        }
        return details(service.deEscalate(id, new DeEscalation(Boolean.TRUE.equals(form.actionPlanAccepted()),
                Boolean.TRUE.equals(form.rootCauseConfirmed()), agreement), caller), caller);
    }

    /** After a step: the escalation with its plans, updates and history, as the caller may see it. */
    private EscalationView details(Escalation e, User caller) {
        return require().details(e.id(), caller).map(d -> EscalationView.of(d, requests.header(e.request()),
                caller.isStaff(), clock.instant())).orElseGet(() -> view(e, caller));
    }

    EscalationView view(Escalation e, User caller) {
        return EscalationView.of(e, requests.header(e.request()), caller.isStaff(), clock.instant());
    }

    EscalationService require() {
        return FeatureUnavailableException.require(escalations, FEATURE);
    }
}
