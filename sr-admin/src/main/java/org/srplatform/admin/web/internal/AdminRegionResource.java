package org.srplatform.admin.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.admin.internal.Administration;
import org.srplatform.admin.web.internal.AdminSetupResource.ImportView;
import org.srplatform.web.api.ApiV1;

/** {@code /admin/regions}: escalation regions of accounts and regional escalation managers; deactivated, never deleted. */
@Component(service = AdminRegionResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("admin/regions")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminRegionResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Administration admin;

    @GET
    @ApiResponse(responseCode = "200", description = "Every region",
            content = @Content(array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/SetupRegion"))))
    public ArrayNode regions(@Context SecurityContext security) {
        AdminAccess.administrator(security);
        return AdminAccess.require(admin).regions();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportView put(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "#/components/schemas/SetupRegion"))) JsonNode body,
            @Context SecurityContext security) {
        var caller = AdminAccess.administrator(security);
        return ImportView.of(AdminAccess.require(admin).put("regions", "id", id, body, caller));
    }
}
