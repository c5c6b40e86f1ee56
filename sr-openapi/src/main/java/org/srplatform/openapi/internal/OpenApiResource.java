package org.srplatform.openapi.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.web.api.ApiV1;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI document of the endpoints the platform serves now, for any signed-in
 * caller (only {@code /health} is open: an anonymous client learns no paths).
 */
@Component(service = OpenApiResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("openapi.json")
public final class OpenApiResource {
    private final ApiDescriptions descriptions;

    @Activate
    public OpenApiResource(@Reference ApiDescriptions descriptions) {
        this.descriptions = descriptions;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This document", description = "The OpenAPI 3 document of the endpoints the running platform"
            + " serves now: each active bundle's endpoints; a stopped bundle's leave it. Answers 304 to If-None-Match"
            + " with the ETag of the current document.")
    @ApiResponse(responseCode = "200", description = "The OpenAPI document", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenApiDocumentShape.class)))
    @ApiResponse(responseCode = "304", description = "Not changed since the ETag given in If-None-Match")
    public Response document(@Context Request request) {
        ApiDescriptions.Served served = descriptions.document();
        EntityTag tag = new EntityTag(served.etag());
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true); // kept by a client, but asked again: a bundle may have started or stopped
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.cacheControl(revalidate).build();
        }
        return Response.ok(served.json(), MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).tag(tag)
                .cacheControl(revalidate).build();
    }

    /** What this document is at the top, for its own description (the full shape is the OpenAPI specification's). */
    @Schema(name = "OpenApiDocument", description = "An OpenAPI 3.0 document; see https://spec.openapis.org/oas/v3.0.3",
            requiredProperties = {"openapi", "info", "paths"})
    record OpenApiDocumentShape(
            @Schema(description = "The OpenAPI version", example = "3.0.1") String openapi,
            @Schema(description = "Title, description and version of the API") java.util.Map<String, Object> info,
            @Schema(description = "Where the API is: /api/v1") java.util.List<java.util.Map<String, String>> servers,
            @Schema(description = "Each path below the server with its operations") java.util.Map<String, Object> paths,
            @Schema(description = "Schemas, responses and security schemes the operations refer to") java.util.Map<String, Object> components) {
    }
}
