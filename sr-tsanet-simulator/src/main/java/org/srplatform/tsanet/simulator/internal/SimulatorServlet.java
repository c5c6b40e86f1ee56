package org.srplatform.tsanet.simulator.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code /tsanet-sim/v1/...}: hands each call to the {@link TsanetSimulation} and writes its answer. A servlet on
 * the servlet whiteboard, apart from the platform's {@code /api/v1}, so none of the platform's filters (Basic
 * authentication above all) applies to it; it checks TSANet's bearer tokens itself. Not a REST application: the
 * simulation routes every path itself, and an application of its own cost every demo start a Jersey build on the
 * way to ready. Made by {@link TsanetSimulator} only while the simulator is active.
 */
@Component(service = Servlet.class, factory = SimulatorServlet.FACTORY, property = {
        "osgi.http.whiteboard.servlet.pattern=" + SimulatorServlet.PATTERN,
        "osgi.http.whiteboard.servlet.name=sr-tsanet-simulator" })
public final class SimulatorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String FACTORY = "org.srplatform.tsanet.simulator.servlet";
    static final String BASE = "tsanet-sim";
    static final String PATTERN = "/" + BASE + "/v1/*";
    /** The private property that carries the simulation (private: a leading dot keeps it out of the registry). */
    static final String SIMULATION = ".simulation";
    /** TSANet's requests are small JSON documents; a larger body is refused before it is read whole. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final transient TsanetSimulation simulation;

    @Activate
    public SimulatorServlet(Map<String, Object> properties) {
        this((TsanetSimulation) properties.get(SIMULATION));
    }

    SimulatorServlet(TsanetSimulation simulation) {
        this.simulation = simulation;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/+", "");
        if (!method.equals("GET") && !method.equals("POST")) {
            response.setHeader("Allow", "GET, POST");
            write(response, simulation.error(405, method + " is not served here: GET or POST"));
            return;
        }
        if (path.isEmpty()) {
            write(response, simulation.error(404, "No endpoint " + method + " /v1/"));
            return;
        }
        byte[] body = new byte[0];
        if (method.equals("POST")) {
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                write(response, simulation.error(413, "A request body of at most " + MAX_BODY_BYTES + " bytes"));
                return;
            }
        }
        write(response, simulation.handle(method, path, query(request.getQueryString()),
                request.getHeader("Authorization"), body));
    }

    /** The first value of each query parameter, decoded (the simulation reads one of each). */
    static Map<String, String> query(String queryString) {
        Map<String, String> query = new HashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static void write(HttpServletResponse response, TsanetSimulation.Answer answer) throws IOException {
        if (!answer.delay().isZero()) {
            // [slow]: this request's thread waits, as a stalled server would; the case exists already.
            try {
                Thread.sleep(Math.min(answer.delay().toMillis(), 300_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] json = answer.json().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
