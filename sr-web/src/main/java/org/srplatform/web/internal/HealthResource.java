package org.srplatform.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /health}, open to anyone, for load balancers and operators: {@code 200 {"status":"UP"}} only
 * when the platform can serve, else {@code 503} with {@code STARTING} or {@code DOWN} and the check that
 * says why ({@link PlatformHealth}). {@code /health/ready} answers the same; {@code /health/live} only says
 * that the process serves HTTP (a load balancer's liveness probe must not restart a platform that starts).
 */
@Component(service = HealthResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    /** Seconds a client should wait before asking a starting platform again. */
    static final String RETRY_AFTER_STARTING = "5";

    private final Readiness readiness;

    @Activate
    public HealthResource(@Reference Readiness readiness) {
        this.readiness = readiness;
    }

    @GET
    @Operation(summary = "Whether the platform can serve", extensions = @Extension(properties = @ExtensionProperty(
            name = "x-sr-open", value = "true", parseValue = true)))
    @ApiResponse(responseCode = "200", description = "UP: the store and every enabled feature are active",
            content = @Content(schema = @Schema(implementation = PlatformHealth.Health.class)))
    @ApiResponse(responseCode = "503", description = "STARTING (with Retry-After) or DOWN, naming the check that failed",
            headers = @Header(name = "Retry-After", description = "While starting: seconds to wait", schema = @Schema(type = "integer")),
            content = @Content(schema = @Schema(implementation = PlatformHealth.Health.class)))
    public Response health() {
        return ready();
    }

    @GET
    @Path("ready")
    @Operation(summary = "Readiness, for load balancers: as /health", extensions = @Extension(properties = @ExtensionProperty(
            name = "x-sr-open", value = "true", parseValue = true)))
    @ApiResponse(responseCode = "200", description = "UP",
            content = @Content(schema = @Schema(implementation = PlatformHealth.Health.class)))
    @ApiResponse(responseCode = "503", description = "STARTING (with Retry-After) or DOWN",
            headers = @Header(name = "Retry-After", description = "While starting: seconds to wait", schema = @Schema(type = "integer")),
            content = @Content(schema = @Schema(implementation = PlatformHealth.Health.class)))
    public Response ready() {
        return answer(readiness.health());
    }

    /** 200 when UP, else 503 (with Retry-After while STARTING): the answer of /health and /health/ready. */
    static Response answer(PlatformHealth.Health health) {
        if (health.up()) {
            return Response.ok(health).build();
        }
        Response.ResponseBuilder answer = Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(health);
        if (health.status().equals(PlatformHealth.STARTING)) {
            answer.header("Retry-After", RETRY_AFTER_STARTING);
        }
        return answer.build();
    }

    @GET
    @Path("live")
    @Operation(summary = "Liveness: the process serves HTTP ({\"status\":\"UP\"})", extensions = @Extension(
            properties = @ExtensionProperty(name = "x-sr-open", value = "true", parseValue = true)))
    public Map<String, String> live() {
        return Map.of("status", PlatformHealth.UP);
    }
}
