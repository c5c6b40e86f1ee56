package org.srplatform.attachments.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.commons.fileupload2.core.ParameterParser;
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
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.AttachmentStore;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.security.User;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.SrNumbers;

/**
 * {@code /requests/{number}/attachments}: uploads as {@code multipart/form-data} (part {@code file}),
 * parsed as a stream by Commons FileUpload so that a core dump of gigabytes never sits in memory;
 * downloads return the bytes exactly as uploaded. Not part of the feature, so that the endpoints answer 503
 * naming {@code attachments} while it is off.
 */
@Component(service = AttachmentResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "attachments;paths:List<String>=\"requests/{number}/attachments\"")
@Path("requests/{number}/attachments")
public final class AttachmentResource {
    static final String FEATURE = "attachments";
    /**
     * Bound of one part's headers. Commons FileUpload's default (512 bytes) refused a file name of 200
     * Chinese characters (600 bytes in UTF-8); names are at most 255 characters, so 8 KiB holds any.
     */
    static final int PART_HEADER_MAX = 8 * 1024;
    static final String HOW_TO_UPLOAD = "send the file as multipart/form-data with one part named 'file' that has a"
            + " filename (curl -F 'file=@vmware.log' ...)";

    public record Uploaded(String id, String name, long size, String sha256) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AttachmentStore attachments; // null while the feature is off

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attach a file: multipart/form-data, one part named 'file' with a filename",
            description = "Any other content type is refused with 415.")
    @ApiResponse(responseCode = "201", description = "Stored, with its size and SHA-256",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "/api/v1/requests/{number}/attachments/{id}", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = Uploaded.class)))
    @ApiResponse(responseCode = "415", ref = "#/components/responses/Problem", description = "Not multipart/form-data")
    public Response upload(@PathParam("number") String number, @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schemaProperties =
                    @SchemaProperty(name = "file", schema = @Schema(type = "string", format = "binary")))) InputStream body,
            @Context SecurityContext security) {
        User caller = Callers.of(security);
        SrNumber sr = SrNumbers.of(number);
        AttachmentStore store = FeatureUnavailableException.require(attachments, FEATURE);
        AttachmentInfo info = receive(sr, contentType, body, store, caller);
        return Response.created(URI.create(ApiV1.path("requests/" + sr + "/attachments/" + info.id())))
                .entity(new Uploaded(info.id(), info.name(), info.size(), info.sha256())).build();
    }

    /** Any other body (raw bytes, JSON, a form): told what an upload is, not to send JSON. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // the 415 of the upload above
    public Response notMultipart(@PathParam("number") String number, @Context SecurityContext security) {
        Callers.of(security);
        SrNumbers.of(number);
        throw new NotSupportedException("This endpoint takes files only: " + HOW_TO_UPLOAD + ".");
    }

    /**
     * Stores the first part named {@code file} of a {@code multipart/form-data} body. A body that is not
     * complete multipart is the client's (400, naming {@code file}); a failure of the store is the
     * platform's and passes on as it is (500 without a path; the log has it).
     */
    static AttachmentInfo receive(SrNumber sr, String contentType, InputStream body, AttachmentStore store, User caller) {
        String boundary = boundary(contentType);
        MultipartInput multipart;
        try {
            multipart = MultipartInput.builder().setInputStream(body).setPartHeaderSizeMax(PART_HEADER_MAX)
                    .setBoundary(boundary.getBytes(StandardCharsets.ISO_8859_1)).get();
            multipart.setHeaderCharset(StandardCharsets.UTF_8);
            boolean more = multipart.skipPreamble();
            while (more) {
                Map<String, String> headers = headers(multipart.readHeaders());
                Map<String, String> disposition = parameters(headers.getOrDefault("content-disposition", ""));
                if ("file".equals(disposition.get("name")) && disposition.containsKey("filename")) {
                    try (InputStream part = multipart.newInputStream()) {
                        return store.attach(sr, disposition.get("filename"), headers.get("content-type"), part, caller);
                    }
                }
                multipart.discardBodyData();
                more = multipart.readBoundary();
            }
        } catch (FileUploadSizeException e) {
            throw new ValidationException(FieldError.of("file", "the part's headers are longer than " + PART_HEADER_MAX
                    + " bytes; give the file a shorter name"));
        } catch (IOException e) {
            // The multipart parser's own words ("Stream ended unexpectedly") say nothing a user can act on.
            throw new ValidationException(FieldError.of("file", "the upload is not complete multipart/form-data;"
                    + " send it again as one part named 'file' with a filename"));
        }
        throw new ValidationException(FieldError.of("file", "is required: a multipart part named 'file' with a filename"));
    }

    private static String boundary(String contentType) {
        String boundary = contentType == null ? null : parameters(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new ValidationException(FieldError.of("Content-Type", "multipart/form-data needs a boundary; " + HOW_TO_UPLOAD));
        }
        return boundary;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The attachment's bytes, exactly as uploaded (always a download)")
    @ApiResponse(responseCode = "200", description = "The bytes", headers = {
        @io.swagger.v3.oas.annotations.headers.Header(name = "Content-Disposition", description = "attachment; filename*=UTF-8''<name>",
                schema = @Schema(type = "string")),
        @io.swagger.v3.oas.annotations.headers.Header(name = "X-Checksum-SHA256", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = "string", format = "binary")))
    public Response download(@PathParam("number") String number, @PathParam("id") String id,
            @Context SecurityContext security) {
        User caller = Callers.of(security);
        AttachmentStore.Download download = FeatureUnavailableException.require(attachments, FEATURE)
                .open(SrNumbers.of(number), id, caller);
        AttachmentInfo info = download.info();
        StreamingOutput bytes = out -> {
            try (InputStream in = download.content()) {
                in.transferTo(out);
            }
        };
        // Always a download, never rendered: the content is the customer's, the declared type untrusted.
        return Response.ok(bytes, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", info.size())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(info.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Checksum-SHA256", info.sha256())
                .build();
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new HashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static Map<String, String> parameters(String disposition) {
        ParameterParser parser = new ParameterParser();
        parser.setLowerCaseNames(true);
        return parser.parse(disposition, ';');
    }
}
