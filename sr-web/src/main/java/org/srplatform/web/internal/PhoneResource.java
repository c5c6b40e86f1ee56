package org.srplatform.web.internal;

import jakarta.ws.rs.Consumes;
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

/** {@code /phone}: SRs opened by an engineer for a caller who gives a customer number. */
@Component(service = PhoneResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Path("phone")
@Produces(MediaType.APPLICATION_JSON)
public final class PhoneResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntakeService intake;

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(RequestForms.OpenRequest body, @Context SecurityContext security) {
        User engineer = SignedIn.withRole(security, Role.SUPPORT_ENGINEER, Role.DUTY_MANAGER);
        return RequestResource.created(FeatureUnavailableException.require(intake, "intake")
                .open(RequestForms.required(body).toForm(), engineer, IntakeChannel.PHONE));
    }
}
