package org.srplatform.admin.web.internal;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.admin.internal.Administration;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.admin.ImportResult;
import org.srplatform.spi.audit.AuditEntry;
import org.srplatform.spi.audit.AuditQuery;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.Paging;

/**
 * {@code /admin/export}, {@code /admin/import}, {@code /admin/schema} and {@code /admin/audit}. Not part of the
 * feature, so that they answer 503 naming {@code administration} while it is off.
 */
@Component(service = AdminSetupResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "administration;paths:List<String>=\"GET admin/export,POST admin/import,"
        + "GET admin/schema,GET admin/audit,GET admin/users,GET admin/users/{login},PUT admin/users/{login},"
        + "POST admin/users/{login}/one-time-password,GET admin/products,PUT admin/products/{id},"
        + "PUT admin/products/{id}/categories/{category},GET admin/offerings,PUT admin/offerings/{id},"
        + "GET admin/regions,PUT admin/regions/{id},GET admin/accounts,GET admin/accounts/{number},"
        + "PUT admin/accounts/{number},PUT admin/accounts/{number}/contracts/{id},GET admin/accounts/{number}/contacts,"
        + "PUT admin/accounts/{number}/contacts/{login}\"")
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
// The setup document's bodies are described by its published JSON Schema, the file GET /admin/schema serves.
@OpenAPIDefinition(extensions = @Extension(properties = @ExtensionProperty(name = "x-sr-json-schemas",
        value = "{\"Setup\": \"setup.schema.json\"}", parseValue = true)))
public final class AdminSetupResource {

    public record AuditView(long id, Instant at, String actor, String action, String target,
            @Schema(description = "The entry before the change, as JSON (null when it was created)") Object before,
            @Schema(description = "The entry after the change, as JSON") Object after) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.id(), e.at(), e.change().actor(), e.change().action(), e.change().target(),
                    json(e.change().before()), json(e.change().after()));
        }

        private static Object json(Optional<String> text) {
            if (text.isEmpty()) {
                return null;
            }
            try {
                return SCHEMA_READER.readTree(text.get());
            } catch (IOException e) {
                return text.get(); // cut short: shown as recorded
            }
        }
    }

    public record ImportView(Map<String, Integer> created, Map<String, Integer> changed, Map<String, Integer> unchanged) {
        static ImportView of(ImportResult r) {
            return new ImportView(r.created(), r.changed(), r.unchanged());
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SCHEMA_READER = new com.fasterxml.jackson.databind.ObjectMapper();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Administration admin;

    @GET
    @Path("export")
    @ApiResponse(responseCode = "200", description = "The whole setup, without passwords",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Content-Disposition", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(ref = "#/components/schemas/Setup")))
    public Response export(@Context SecurityContext security) {
        AdminAccess.administrator(security);
        Administration service = AdminAccess.require(admin);
        StreamingOutput body = service::exportSetup;
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .header("Content-Disposition", "attachment; filename=\"sr-setup.json\"").build();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "Written all or nothing: what was created, changed and unchanged, per section",
            content = @Content(schema = @Schema(implementation = ImportView.class)))
    public ImportView importSetup(@RequestBody(required = true, content = @Content(schema = @Schema(
            ref = "#/components/schemas/Setup"))) InputStream document, @Context SecurityContext security) {
        var caller = AdminAccess.administrator(security);
        return ImportView.of(AdminAccess.require(admin).importSetup(document, caller));
    }

    /** The JSON schema of the setup document (also docs/setup.schema.json). */
    @GET
    @Path("schema")
    @Produces({"application/schema+json", MediaType.APPLICATION_JSON})
    @ApiResponse(responseCode = "200", description = "The JSON Schema (2020-12) of the setup document (docs/setup.schema.json)",
            content = {@Content(mediaType = "application/schema+json", schemaProperties = {
                @SchemaProperty(name = "$schema", schema = @Schema(type = "string",
                        example = "https://json-schema.org/draft/2020-12/schema")),
                @SchemaProperty(name = "$id", schema = @Schema(type = "string")),
                @SchemaProperty(name = "title", schema = @Schema(type = "string")),
                @SchemaProperty(name = "properties", schema = @Schema(type = "object", description = "The document's sections")),
                @SchemaProperty(name = "$defs", schema = @Schema(type = "object", description = "Each kind of entry"))})})
    public Response schema(@Context SecurityContext security) throws IOException {
        AdminAccess.administrator(security);
        AdminAccess.require(admin);
        try (InputStream in = AdminSetupResource.class.getResourceAsStream("/setup.schema.json")) {
            return Response.ok(in.readAllBytes(), MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build();
        }
    }

    @GET
    @Path("audit")
    public PageView<AuditView> audit(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context SecurityContext security) {
        AdminAccess.administrator(security);
        Administration service = AdminAccess.require(admin);
        AuditQuery query = new AuditQuery(Optional.ofNullable(actor), Optional.ofNullable(action), instant("from", from),
                instant("to", to));
        return PageView.of(service.audit(query, Paging.of(limit, cursor)), AuditView::of);
    }

    private static Optional<Instant> instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new ValidationException(FieldError.of(field, "must be an ISO-8601 instant (2026-11-24T09:30:00Z)"));
        }
    }
}
