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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;

/**
 * {@code /admin/accounts}: accounts with their contracts (a contract ends by its {@code validUntil}: no new SRs under
 * it after that day, its SRs stay readable; contracts are never removed) and their contacts.
 */
@Component(service = AdminAccountResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminAccountResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Administration admin;

    @GET
    @ApiResponse(responseCode = "200", description = "A page of accounts as the setup document has them", content = @Content(
            schemaProperties = {
                @SchemaProperty(name = "items", array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/SetupAccount"))),
                @SchemaProperty(name = "next", schema = @Schema(type = "string", nullable = true,
                        description = "The cursor of the next page; null on the last"))}))
    public PageView<ObjectNode> accounts(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context SecurityContext security) {
        AdminAccess.administrator(security);
        var page = AdminAccess.require(admin).accounts(Paging.of(limit, cursor));
        return new PageView<>(page.items(), page.next().orElse(null));
    }

    @GET
    @Path("{number}")
    @ApiResponse(responseCode = "200", description = "The account with its contracts",
            content = @Content(schema = @Schema(ref = "#/components/schemas/SetupAccount")))
    public ObjectNode account(@PathParam("number") String number, @Context SecurityContext security) {
        AdminAccess.administrator(security);
        return AdminAccess.require(admin).account(number);
    }

    /** Contracts the body leaves out are kept. */
    @PUT
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportView put(@PathParam("number") String number,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "#/components/schemas/SetupAccount"))) JsonNode body,
            @Context SecurityContext security) {
        var caller = AdminAccess.administrator(security);
        return ImportView.of(AdminAccess.require(admin).put("accounts", "number", number, body, caller));
    }

    @PUT
    @Path("{number}/contracts/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportView contract(@PathParam("number") String number, @PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "#/components/schemas/SetupContract"))) JsonNode body,
            @Context SecurityContext security) {
        var caller = AdminAccess.administrator(security);
        return ImportView.of(AdminAccess.require(admin).putContract(number, id, body, caller));
    }

    @GET
    @Path("{number}/contacts")
    @ApiResponse(responseCode = "200", description = "The account's contacts",
            content = @Content(array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/SetupContact"))))
    public ArrayNode contacts(@PathParam("number") String number, @Context SecurityContext security) {
        AdminAccess.administrator(security);
        return AdminAccess.require(admin).contacts(number);
    }

    @PUT
    @Path("{number}/contacts/{login}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportView contact(@PathParam("number") String number, @PathParam("login") String login,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "#/components/schemas/SetupContact"))) JsonNode body,
            @Context SecurityContext security) {
        var caller = AdminAccess.administrator(security);
        return ImportView.of(AdminAccess.require(admin).putContact(number, login, body, caller));
    }
}
