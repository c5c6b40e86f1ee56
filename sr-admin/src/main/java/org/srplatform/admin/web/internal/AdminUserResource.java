package org.srplatform.admin.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
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
import jakarta.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.admin.internal.Administration;
import org.srplatform.web.api.ApiV1;

/**
 * {@code /admin/users}: staff and customer users with their roles, regions and accounts; {@code "active": false}
 * deactivates (never deleted: history names them); one-time passwords.
 */
@Component(service = AdminUserResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminUserResource {

    public record OneTimePassword(String login, String password) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Administration admin;

    @GET
    @ApiResponse(responseCode = "200", description = "Every user with roles (never a password)",
            content = @Content(array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/SetupUser"))))
    public ArrayNode list(@Context SecurityContext security) {
        AdminAccess.administrator(security);
        return AdminAccess.require(admin).users();
    }

    @GET
    @Path("{login}")
    @ApiResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(ref = "#/components/schemas/SetupUser")))
    public ObjectNode get(@PathParam("login") String login, @Context SecurityContext security) {
        AdminAccess.administrator(security);
        return AdminAccess.require(admin).user(login);
    }

    @PUT
    @Path("{login}")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "The user as stored now",
            content = @Content(schema = @Schema(ref = "#/components/schemas/SetupUser")))
    public ObjectNode put(@PathParam("login") String login,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "#/components/schemas/SetupUser"))) JsonNode body,
            @Context SecurityContext security) {
        var caller = AdminAccess.administrator(security);
        Administration service = AdminAccess.require(admin);
        service.put("users", "login", login, body, caller);
        return service.user(login);
    }

    /** {@code {"password": "..."}} or nothing (a random one): answered with the password to hand over. */
    @POST
    @Path("{login}/one-time-password")
    @Consumes(MediaType.APPLICATION_JSON)
    public OneTimePassword oneTimePassword(@PathParam("login") String login,
            @RequestBody(description = "The password to set; without it, a random one", content = @Content(schemaProperties =
                    @SchemaProperty(name = "password", schema = @Schema(type = "string")))) JsonNode body,
            @Context SecurityContext security) {
        var caller = AdminAccess.administrator(security);
        return new OneTimePassword(login, AdminAccess.require(admin).oneTimePassword(login,
                Administration.text(body, "password"), caller));
    }
}
