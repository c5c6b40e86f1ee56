package org.srplatform.collaboration.web.internal;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.security.User;
import org.srplatform.collaboration.internal.Collaboration;
import org.srplatform.collaboration.internal.Collaborations;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.RequestBodies;
import org.srplatform.web.api.SrNumbers;

/**
 * {@code /requests/{number}/collaborations}: bring in another vendor and work with them. Each call to the
 * partner is queued (202) and made by the partner dispatcher. Not part of the feature, so that they answer 503
 * naming {@code collaborations} while it is off.
 */
@Component(service = CollaborationResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "collaborations;paths:List<String>=\"POST requests/{number}/collaborations,"
        + "GET requests/{number}/collaborations,POST requests/{number}/collaborations/{id}/notes,"
        + "POST requests/{number}/collaborations/{id}/answer,POST requests/{number}/collaborations/{id}/close,PUT requests/{number}/collaborations/{id}/partner-case,"
        + "GET connectors,GET connectors/{id}/partners\"")
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public final class CollaborationResource {
    static final String FEATURE = "collaborations";

    public record TextForm(String text) {
    }

    public record AnswerForm(String information) {
    }

    public record CloseForm(String reason) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Collaborations collaborations; // null while the feature is off

    private final Clock clock = Clock.systemUTC();

    @POST
    @Path("{number}/collaborations")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202",
            description = "Recorded; the call to the partner is made from the outbox and retried while it is down",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
            description = "/api/v1/requests/{number}/collaborations", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CollaborationView.class)))
    public Response request(@PathParam("number") String number, Collaborations.Request body,
            @Context SecurityContext security) {
        User caller = Callers.staff(security);
        Collaborations service = require();
        Collaboration c = service.request(SrNumbers.of(number), RequestBodies.required(body), caller);
        return accepted(c);
    }

    @GET
    @Path("{number}/collaborations")
    public List<CollaborationView> list(@PathParam("number") String number, @Context SecurityContext security) {
        User caller = Callers.staff(security);
        return require().ofRequest(SrNumbers.of(number), caller).stream()
                .map(c -> CollaborationView.of(c, clock.instant())).toList();
    }

    @POST
    @Path("{number}/collaborations/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "The note goes to the partner from the outbox",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
            description = "/api/v1/requests/{number}/collaborations", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CollaborationView.class)))
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict", description = "Not in a state that takes notes")
    public Response note(@PathParam("number") String number, @PathParam("id") String id, TextForm body,
            @Context SecurityContext security) {
        User caller = Callers.staff(security);
        Collaborations service = require();
        return accepted(service.addNote(SrNumbers.of(number), id(number, id), RequestBodies.required(body).text(),
                caller));
    }

    @POST
    @Path("{number}/collaborations/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "The answer to the partner's information request goes out from the outbox",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
            description = "/api/v1/requests/{number}/collaborations", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CollaborationView.class)))
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict", description = "The partner asked for nothing")
    public Response answer(@PathParam("number") String number, @PathParam("id") String id, AnswerForm body,
            @Context SecurityContext security) {
        User caller = Callers.staff(security);
        Collaborations service = require();
        return accepted(service.answer(SrNumbers.of(number), id(number, id),
                RequestBodies.required(body).information(), caller));
    }

    @POST
    @Path("{number}/collaborations/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "Closed on our side; the partner is told from the outbox",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
            description = "/api/v1/requests/{number}/collaborations", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CollaborationView.class)))
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict", description = "Already closed")
    public Response close(@PathParam("number") String number, @PathParam("id") String id, CloseForm body,
            @Context SecurityContext security) {
        User caller = Callers.staff(security);
        Collaborations service = require();
        return accepted(service.close(SrNumbers.of(number), id(number, id), body == null ? "" : body.reason(),
                caller));
    }

    /** What a partner answered outside the connector (by e-mail, on the phone), entered by staff: 200. */
    @PUT
    @Path("{number}/collaborations/{id}/partner-case")
    @Consumes(MediaType.APPLICATION_JSON)
    public CollaborationView partnerCase(@PathParam("number") String number, @PathParam("id") String id,
            Collaborations.PartnerAnswer body, @Context SecurityContext security) {
        User caller = Callers.staff(security);
        Collaborations service = require();
        return CollaborationView.of(service.recordPartnerCase(SrNumbers.of(number), id(number, id),
                RequestBodies.required(body), caller), clock.instant());
    }

    private Response accepted(Collaboration c) {
        return Response.status(202).location(URI.create("/api/v1/requests/" + c.request() + "/collaborations"))
                .entity(CollaborationView.of(c, clock.instant())).build();
    }

    private static long id(String number, String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("No collaboration " + id + " on SR " + number + ".");
        }
    }

    private Collaborations require() {
        return FeatureUnavailableException.require(collaborations, FEATURE);
    }
}
