package org.srplatform.web.internal;

import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.net.URI;
import java.time.Instant;
import org.srplatform.api.phone.CallbackQueue;
import org.srplatform.api.phone.PhoneMessage;
import org.srplatform.api.phone.PhoneMessageForm;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.IntakeService;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;

/** {@code /phone}: SRs opened by an engineer for a caller who gives a customer number, and the callback queue. */
@Component(service = PhoneResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Path("phone")
@Produces(MediaType.APPLICATION_JSON)
public final class PhoneResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntakeService intake;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CallbackQueue callbacks;

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
    public Response leave(PhoneMessageForm body, @Context SecurityContext security) {
        User staff = SignedIn.staff(security);
        PhoneMessage m = queue().leave(RequestForms.required(body), staff);
        return Response.created(URI.create("/api/v1/phone/callbacks/" + m.id())).entity(CallbackView.of(m, Instant.now())).build();
    }

    /** Messages waiting for a callback, soonest due first; {@code overdue} marks the late ones. */
    @GET
    @Path("callbacks")
    public PageView<CallbackView> callbacks(@QueryParam("limit") String limit, @Context SecurityContext security) {
        User staff = SignedIn.staff(security);
        Instant now = Instant.now();
        return PageView.all(queue().waiting(Paging.of(limit, null).limit(), staff).stream()
                .map(m -> CallbackView.of(m, now)).toList());
    }

    @POST
    @Path("callbacks/{id}/done")
    public CallbackView calledBack(@PathParam("id") String id, @Context SecurityContext security) {
        User staff = SignedIn.staff(security);
        return CallbackView.of(queue().calledBack(id, staff), Instant.now());
    }

    private CallbackQueue queue() {
        return FeatureUnavailableException.require(callbacks, "intake");
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(RequestForms.OpenRequest body, @Context SecurityContext security) {
        User engineer = SignedIn.withRole(security, Role.SUPPORT_ENGINEER, Role.DUTY_MANAGER);
        return RequestResource.created(FeatureUnavailableException.require(intake, "intake")
                .open(RequestForms.required(body).toForm(), engineer, IntakeChannel.PHONE));
    }
}
