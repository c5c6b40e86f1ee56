package org.srplatform.intake.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
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
import org.srplatform.api.request.FieldHelp;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.IntakeService;
import org.srplatform.api.request.OpenedRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.security.User;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.Callers;
import org.srplatform.web.api.PageView;
import org.srplatform.web.api.RequestBodies;
import org.srplatform.web.api.SupportRequestView;

/**
 * {@code POST /requests} (open an SR online) and {@code GET /requests/fields}. The rest of {@code /requests}
 * comes from the requests bundle: Jersey merges root resources of one path within the application.
 * Not part of the feature, so that the endpoints answer 503 naming {@code intake} while it is off.
 */
@Component(service = IntakeResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Header(name = ApiV1.ENDPOINTS_HEADER, value = "intake;paths:List<String>=\"POST requests,GET requests/fields\"")
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public final class IntakeResource {
    static final String FEATURE = "intake";
    /** Header of a retry-safe POST /requests: a repeat with the same key returns the first SR (API.md). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntakeService intake; // null while the feature is off

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open an SR online")
    @ApiResponse(responseCode = "201", description = "Opened",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
            description = "/api/v1/requests/{number}", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = SupportRequestView.class)))
    @ApiResponse(responseCode = "200", description = "A repeat with the same Idempotency-Key: the SR the first created",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = SupportRequestView.class)))
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden",
            description = "Not the caller's account, or no valid contract for the product")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict",
            description = "The Idempotency-Key was used with another request")
    public Response open(OpenRequest body,
            @Parameter(description = "1-200 printable ASCII characters: a repeat with the same key by the same caller"
                    + " within a day answers the SR the first created") @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext security) {
        User caller = Callers.of(security);
        OpenRequest form = RequestBodies.required(body);
        if (form.customerNumber() != null) {
            throw new ValidationException(FieldError.of("customerNumber", "is for phone intake: POST /api/v1/phone/requests"));
        }
        if (idempotencyKey == null) {
            return created(service().open(form.toForm(), caller, IntakeChannel.WEB));
        }
        OpenedRequest opened = service().open(form.toForm(), caller, IntakeChannel.WEB, idempotencyKey);
        // A repeat is answered as the first was, but 200: nothing new was created.
        return opened.repeated() ? Response.ok(SupportRequestView.of(opened.request())).location(location(opened.request())).build()
                : created(opened.request());
    }

    /** Help for each field of the SR form, for a UI's tooltips. */
    @GET
    @Path("fields")
    public PageView<FieldHelp> fields(@Context SecurityContext security) {
        Callers.of(security);
        return PageView.all(service().fields());
    }

    private IntakeService service() {
        return FeatureUnavailableException.require(intake, FEATURE);
    }

    /** 201 with the SR and its {@code Location}. */
    static Response created(SupportRequestDetails sr) {
        return Response.created(location(sr)).entity(SupportRequestView.of(sr)).build();
    }

    private static URI location(SupportRequestDetails sr) {
        return URI.create(ApiV1.path("requests/" + sr.number()));
    }
}
