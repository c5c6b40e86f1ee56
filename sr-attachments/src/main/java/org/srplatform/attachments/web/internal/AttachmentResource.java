package org.srplatform.attachments.web.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.commons.fileupload2.core.ParameterParser;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;
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
@Component(service = AttachmentResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "attachments;paths:List<String>=\"requests/{number}/attachments\"")
@Path("requests/{number}/attachments")
public final class AttachmentResource {
    static final String FEATURE = "attachments";

    public record Uploaded(String id, String name, long size, String sha256) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AttachmentStore attachments; // null while the feature is off

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("number") String number, @HeaderParam("Content-Type") String contentType,
            InputStream body, @Context SecurityContext security) {
        User caller = Callers.of(security);
        SrNumber sr = SrNumbers.of(number);
        AttachmentStore store = FeatureUnavailableException.require(attachments, FEATURE);
        String boundary = MediaType.valueOf(contentType).getParameters().get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new ValidationException(FieldError.of("Content-Type", "multipart/form-data needs a boundary"));
        }
        try {
            MultipartInput multipart = MultipartInput.builder().setInputStream(body)
                    .setBoundary(boundary.getBytes(StandardCharsets.ISO_8859_1)).get();
            multipart.setHeaderCharset(StandardCharsets.UTF_8);
            boolean more = multipart.skipPreamble();
            while (more) {
                Map<String, String> headers = headers(multipart.readHeaders());
                Map<String, String> disposition = parameters(headers.getOrDefault("content-disposition", ""));
                if ("file".equals(disposition.get("name")) && disposition.containsKey("filename")) {
                    AttachmentInfo info;
                    try (InputStream part = multipart.newInputStream()) {
                        info = store.attach(sr, disposition.get("filename"), headers.get("content-type"), part, caller);
                    }
                    return Response.created(URI.create(ApiV1.path("requests/" + sr + "/attachments/" + info.id())))
                            .entity(new Uploaded(info.id(), info.name(), info.size(), info.sha256())).build();
                }
                multipart.discardBodyData();
                more = multipart.readBoundary();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ValidationException(FieldError.of("file", "the upload is not complete multipart/form-data ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); send it again"));
        }
        throw new ValidationException(FieldError.of("file", "is required: a multipart part named 'file' with a filename"));
    }

    @GET
    @Path("{id}")
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
