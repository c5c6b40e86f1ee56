package org.srplatform.casework.web.internal;

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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.casework.internal.Casework;
import org.srplatform.casework.internal.QueueRouting;
import org.srplatform.casework.internal.SlaReport;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.RequestBodies;
import org.srplatform.web.api.SrNumbers;
import org.srplatform.web.api.SupportRequestView;

/**
 * {@code /requests/{number}/...} of casework: assignment, responses and the SR's clocks. Not part of the feature, so that they answer 503 naming {@code casework} while it is off.
 */
@Component(service = CaseworkResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "casework;paths:List<String>=\"POST requests/{number}/assignment,"
        + "POST requests/{number}/responses,GET requests/{number}/clocks,GET queues,PUT queues/{id},GET routing-rules,"
        + "PUT routing-rules,GET reports/sla\"")
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public final class CaseworkResource {
    static final String FEATURE = "casework";

    public record Assignment(String engineer) {
    }

    public record ResponseForm(String channel, String text, String callOutcome) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Casework casework; // null while the feature is off

    @POST
    @Path("{number}/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    public SupportRequestView assign(@PathParam("number") String number, Assignment body,
            @Context SecurityContext security) {
        User caller = Callers.of(security);
        Casework service = require(casework);
        Assignment form = RequestBodies.required(body);
        return SupportRequestView.of(service.assign(SrNumbers.of(number), form.engineer(), caller));
    }

    @POST
    @Path("{number}/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Responded: the SR with firstRespondedAt, firstResponseMet and nextUpdateDueAt",
            content = @Content(schema = @Schema(implementation = SupportRequestView.class)))
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict",
            description = "Not the assigned engineer, or not on the customer's contact method")
    public Response respond(@PathParam("number") String number, ResponseForm body, @Context SecurityContext security) {
        User caller = Callers.staff(security);
        Casework service = require(casework);
        ResponseForm form = RequestBodies.required(body);
        return Response.status(201).entity(SupportRequestView.of(service.respond(SrNumbers.of(number), form.channel(),
                form.text(), form.callOutcome(), caller))).build();
    }

    @GET
    @Path("{number}/clocks")
    public Casework.Clocks clocks(@PathParam("number") String number, @Context SecurityContext security) {
        User caller = Callers.staff(security);
        return require(casework).clocks(SrNumbers.of(number), caller);
    }


    private static <T> T require(T service) {
        return FeatureUnavailableException.require(service, CaseworkResource.FEATURE);
    }
}
