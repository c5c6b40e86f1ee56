package org.srplatform.collaboration.web.internal;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.partner.ConnectorState;
import org.srplatform.api.partner.Partner;
import org.srplatform.api.partner.PartnerConnector;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.collaboration.internal.Connectors;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;

/** {@code /connectors}: the partner connectors installed now, and the partners each can reach. */
@Component(service = ConnectorResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("connectors")
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectorResource {

    public record ConnectorView(String id, String name, String state) {
    }

    public record FieldView(String id, String label, boolean required) {
    }

    public record PartnerView(String id, String name, List<FieldView> fields) {
    }

    @Reference
    private Connectors connectors;

    @GET
    public List<ConnectorView> list(@Context SecurityContext security) {
        Callers.staff(security);
        return connectors.all().stream().map(c -> new ConnectorView(c.id(), c.name(), state(c).name())).toList();
    }

    /** The directory is read while the caller waits: it is how they pick whom to ask. Bounded by the connector's timeouts. */
    @GET
    @Path("{id}/partners")
    @ApiResponse(responseCode = "200", description = "The partners the connector can reach, with the fields a request to each needs",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = PartnerView.class))))
    @ApiResponse(responseCode = "502", ref = "#/components/responses/Problem", description = "The partner refused the question")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable", description = "The partner is unreachable")
    public Response partners(@PathParam("id") String id, @QueryParam("q") String query,
            @Context SecurityContext security) {
        User caller = Callers.staff(security);
        if (!caller.has(Role.ESCALATION_ENGINEER) && !caller.has(Role.REGIONAL_ESCALATION_MANAGER)) {
            throw new NotAllowedException("The partner directory is for escalation engineers and regional escalation"
                    + " managers.");
        }
        PartnerConnector connector = connectors.find(id).orElseThrow(() -> new NotFoundException("No connector '" + id
                + "' is installed; installed: " + connectors.ids()));
        try {
            List<Partner> found = connector.partners(query == null ? "" : query.strip());
            return Response.ok(found.stream().map(p -> new PartnerView(p.id(), p.name(), p.fields().stream()
                    .map(f -> new FieldView(f.id(), f.label(), f.required())).toList())).toList()).build();
        } catch (PartnerException e) {
            // The partner, not the platform, failed: 503 while it may come back, 502 when it refused the question.
            int status = e.isTransient() ? 503 : 502;
            return Response.status(status).type("application/problem+json; charset=utf-8").entity(Map.of(
                    "type", "about:blank", "title", e.isTransient() ? "Partner unreachable" : "Partner refused",
                    "status", status, "detail", "The partner directory of " + connector.name() + " cannot be read: "
                            + e.getMessage())).build();
        }
    }

    private static ConnectorState state(PartnerConnector c) {
        try {
            return c.state();
        } catch (RuntimeException e) {
            return ConnectorState.DEGRADED; // a connector that cannot say is not one to count on
        }
    }
}
