package org.srplatform.ui.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /ui/modules}: the UI modules of the bundles active now, which the shell imports after sign-in. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/ui/modules",
        "osgi.http.whiteboard.servlet.name=sr-ui-modules",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
public final class ModulesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient UiModules modules;

    @Activate
    public ModulesServlet(@Reference UiModules modules) {
        this.modules = modules;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = json(modules.active()).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String json(List<UiModule> modules) {
        return modules.stream().map(UiModule::json).collect(Collectors.joining(",", "{\"items\":[", "]}"));
    }
}
