package org.srplatform.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers {@code /api/} where no REST application does: from the moment the web server listens until the REST
 * whiteboard has built the applications (it waits for the store to open, etc/startlevels.properties), and for paths
 * no application serves. The whiteboard's applications have longer context paths ({@code /api/v1}), so they take
 * their requests first once they are there.
 * <ul>
 * <li>{@code GET /api/v1/health} and {@code /health/ready}: the platform's health, as {@link HealthResource} gives
 * it: {@code 503 STARTING} with {@code Retry-After} while the platform starts (never a 404 a load balancer would
 * take for a wrong address), {@code DOWN} naming what failed;</li>
 * <li>{@code /api/v1/health/live}: {@code UP}, the process serves HTTP;</li>
 * <li>any other path: a 503 problem while the platform starts, a 404 problem once it has started.</li>
 * </ul>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=sr-api-starting" })
public final class ApiStarting extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String HEALTH = "/" + ApiApplication.BASE + "/health";

    private final transient Readiness readiness;

    @Activate
    public ApiStarting(@Reference Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        boolean get = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (get && path.equals(HEALTH + "/live")) {
            write(response, 200, Map.of("status", PlatformHealth.UP));
            return;
        }
        PlatformHealth.Health health = readiness.health();
        if (get && (path.equals(HEALTH) || path.equals(HEALTH + "/ready"))) {
            // UP cannot be the answer here while the API's endpoints have not joined; should it be, 503 still holds
            // until the application that serves the health answers itself.
            if (health.status().equals(PlatformHealth.STARTING) || health.up()) {
                response.setHeader("Retry-After", HealthResource.RETRY_AFTER_STARTING);
            }
            write(response, 503, health);
            return;
        }
        if (health.up()) {
            ServletProblems.write(response, Problem.of(404, "Not found",
                    "There is no such resource; the API is described under /api/v1."));
            return;
        }
        response.setHeader("Retry-After", HealthResource.RETRY_AFTER_STARTING);
        ServletProblems.write(response, Problem.of(503, "Starting", "The platform is starting and does not serve"
                + " this yet; try again in a few seconds (GET /api/v1/health says when it is ready)."));
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JsonProvider.mapper().writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
