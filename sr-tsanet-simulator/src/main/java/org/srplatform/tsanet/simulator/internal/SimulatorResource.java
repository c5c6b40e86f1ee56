package org.srplatform.tsanet.simulator.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;

/** {@code /tsanet-sim/v1/...}: hands each call to the {@link TsanetSimulation} and writes its answer. */
@Path("v1")
public final class SimulatorResource {
    private final TsanetSimulation simulation;

    SimulatorResource(TsanetSimulation simulation) {
        this.simulation = simulation;
    }

    @GET
    @Path("{path: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("path") String path, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(simulation.handle("GET", path, query(uri), authorization, new byte[0]));
    }

    @POST
    @Path("{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("path") String path, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return answer(simulation.handle("POST", path, query(uri), authorization, body));
    }

    private static Map<String, String> query(UriInfo uri) {
        Map<String, String> query = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                query.put(k, v.get(0));
            }
        });
        return query;
    }

    private static Response answer(TsanetSimulation.Answer answer) {
        if (!answer.delay().isZero()) {
            // [slow]: this request's thread waits, as a stalled server would; the case exists already.
            try {
                Thread.sleep(Math.min(answer.delay().toMillis(), 300_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(answer.json()).build();
    }
}
