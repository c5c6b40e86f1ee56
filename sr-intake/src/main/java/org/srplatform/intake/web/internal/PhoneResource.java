package org.srplatform.intake.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.srplatform.web.api.SupportRequestView;
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
import java.time.Instant;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.phone.CallbackQueue;
import org.srplatform.api.phone.PhoneMessage;
import org.srplatform.api.phone.PhoneMessageForm;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.IntakeService;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;
import org.srplatform.web.api.RequestBodies;

/** {@code /phone}: SRs opened by an engineer for a caller who gives a customer number, and the callback queue. */
@Component(service = PhoneResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "intake;paths:List<String>=\"phone\"")
@Path("phone")
@Produces(MediaType.APPLICATION_JSON)
public final class PhoneResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntakeService intake; // null while the feature is off

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CallbackQueue callbacks; // null while the feature is off

    /** A phone message as listed: {@code overdue} when its callback is late. */
    public record CallbackView(String id, String name, String company, String callbackNumber, String srNumber,
            String description, Instant leftAt, Instant callbackDueAt, String takenBy, Instant calledBackAt,
            String calledBackBy, boolean overdue) {
        static CallbackView of(PhoneMessage m, Instant now) {
            return new CallbackView(m.id(), m.name(), m.company(), m.callbackNumber(),
                    m.request().map(Object::toString).orElse(null), m.description(), m.leftAt(), m.callbackDueAt(),
                    m.takenBy(), m.calledBackAt().orElse(null), m.calledBackBy().orElse(null), m.isOverdue(now));
        }
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a phone message for a callback")
    @ApiResponse(responseCode = "201", description = "Taken, with when the callback is due",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
            schema = @Schema(type = "string")), content = @Content(schema = @Schema(implementation = CallbackView.class)))
    public Response leave(PhoneMessageForm body, @Context SecurityContext security) {
        User staff = Callers.staff(security);
        PhoneMessage m = queue().leave(RequestBodies.required(body), staff);
        return Response.created(URI.create(ApiV1.path("phone/callbacks/" + m.id()))).entity(CallbackView.of(m, Instant.now()))
                .build();
    }

    /** Messages waiting for a callback, soonest due first; {@code overdue} marks the late ones. */
    @GET
    @Path("callbacks")
    public PageView<CallbackView> callbacks(@QueryParam("limit") String limit, @Context SecurityContext security) {
        User staff = Callers.staff(security);
        Instant now = Instant.now();
        return PageView.all(queue().waiting(Paging.of(limit, null).limit(), staff).stream()
                .map(m -> CallbackView.of(m, now)).toList());
    }

    @POST
    @Path("callbacks/{id}/done")
    public CallbackView calledBack(@PathParam("id") String id, @Context SecurityContext security) {
        User staff = Callers.staff(security);
        return CallbackView.of(queue().calledBack(id, staff), Instant.now());
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openForCaller", summary = "Open an SR for a caller (body as POST /requests plus customerNumber)")
    @ApiResponse(responseCode = "201", description = "Opened",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
            schema = @Schema(type = "string")), content = @Content(schema = @Schema(implementation = SupportRequestView.class)))
    public Response open(OpenRequest body, @Context SecurityContext security) {
        User engineer = Callers.withRole(security, Role.SUPPORT_ENGINEER, Role.DUTY_MANAGER);
        return IntakeResource.created(FeatureUnavailableException.require(intake, IntakeResource.FEATURE)
                .open(RequestBodies.required(body).toForm(), engineer, IntakeChannel.PHONE));
    }

    private CallbackQueue queue() {
        return FeatureUnavailableException.require(callbacks, IntakeResource.FEATURE);
    }
}
