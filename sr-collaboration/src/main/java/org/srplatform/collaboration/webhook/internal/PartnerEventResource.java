package org.srplatform.collaboration.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.servers.Server;
import org.srplatform.api.partner.WebhookSignature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerPush;
import org.srplatform.api.partner.PushRejectedException;
import org.srplatform.collaboration.internal.Collaborations;
import org.srplatform.spi.store.StoreException;

/**
 * {@code POST /api/v1/partner-events/{connector}}: a partner tells us how a case stands (a webhook). The
 * connector authenticates the push; the platform applies each event id once, in one transaction with the SR's
 * timeline. Answers: 200 with what became of the event (also for an event sent again, or about a case we do not
 * follow, so the partner stops sending it); 401 not authentic; 400 not readable; 404 no such connector, or one
 * that takes no pushes; 413 too large; 503 while collaborations are off (the partner sends it again later).
 */
@Component(service = PartnerEventResource.class)
@Path("{connector}")
// Its own application (PartnerEventsApplication), at /api/v1/partner-events: where the description's paths are.
@OpenAPIDefinition(servers = @Server(url = "/" + PartnerEventsApplication.BASE))
public final class PartnerEventResource {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerEventResource.class);
    /** A case with its notes is a few KB; a push far larger is not one. */
    static final int MAX_BODY = 1 << 20;

    private final ObjectMapper json = new ObjectMapper();

    /** What became of a pushed event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(@Schema(description = "The partner's event id") String event,
            @Schema(description = "The collaboration it is about, when we follow one") String collaboration,
            @Schema(description = "Whether it changed the collaboration") boolean applied,
            @Schema(description = "Whether it had been received before (applied once)") boolean duplicate) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Collaborations collaborations; // null while the feature is off

    @POST
    @Operation(summary = "A partner's push (a webhook), authenticated by the connector's shared-secret signature",
            description = "No sign-in: the connector named in the path checks the Standard Webhooks signature. The body is"
                    + " the partner's own event format, at most 1 MiB.",
            extensions = @Extension(properties = @ExtensionProperty(name = "x-sr-open", value = "true", parseValue = true)),
            parameters = {
                @Parameter(in = ParameterIn.HEADER, name = WebhookSignature.ID, description = "The event's id"),
                @Parameter(in = ParameterIn.HEADER, name = WebhookSignature.TIMESTAMP, description = "Unix seconds"),
                @Parameter(in = ParameterIn.HEADER, name = WebhookSignature.SIGNATURE,
                        description = "v1,<base64 HMAC-SHA256> entries separated by spaces")},
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = "object", description = "The partner's event, as its connector reads it"))))
    @ApiResponse(responseCode = "200", description = "Taken (also an event sent again, or one about a case not followed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Outcome.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest", description = "Not readable")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized", description = "Not authentic")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound",
            description = "No such connector, or one that takes no pushes")
    public Response push(@PathParam("connector") String connector, @Context HttpHeaders headers, InputStream body) {
        Collaborations service = collaborations;
        if (service == null) {
            return problem(503, "Collaborations are switched off", "The feature 'collaborations' is off on this"
                    + " platform; send the event again later.");
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            return problem(400, "Unreadable body", "The body could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY) {
            return problem(413, "Push too large", "A push is at most " + MAX_BODY + " bytes.");
        }
        try {
            Collaborations.PushOutcome outcome = service.receive(connector,
                    new PartnerPush(headers.getRequestHeaders(), bytes));
            Outcome answer = new Outcome(outcome.eventId(), outcome.collaboration().map(id -> Long.toString(id)).orElse(null),
                    outcome.applied(), outcome.duplicate());
            return Response.ok(write(answer), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (NotFoundException e) {
            return problem(404, "No such connector", e.getMessage());
        } catch (PushRejectedException e) {
            LOG.info("A push to connector {} was refused: {}", connector, e.getMessage());
            return switch (e.reason()) {
                case NOT_SUPPORTED -> problem(404, "Connector takes no pushes", e.getMessage());
                case NOT_AUTHENTIC -> problem(401, "Push not authentic", e.getMessage());
                case MALFORMED -> problem(400, "Push not readable", e.getMessage());
            };
        } catch (PartnerException e) {
            return problem(400, "Push not taken", e.getMessage());
        } catch (StoreException e) {
            LOG.warn("A push to connector {} could not be stored; the partner sends it again", connector, e);
            return problem(503, "Store unavailable", "The event was not recorded; send it again later.");
        }
    }

    private String write(Outcome outcome) {
        try {
            return json.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings and booleans is always written", e);
        }
    }

    private Response problem(int status, String title, String detail) {
        ObjectNode p = json.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", Optional.ofNullable(detail).orElse(title));
        return Response.status(status).type("application/problem+json").entity(p.toString()).build();
    }
}
