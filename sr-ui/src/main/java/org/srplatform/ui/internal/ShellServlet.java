package org.srplatform.ui.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;

/**
 * The UI's one page at {@code /}: the shell, which signs in, picks the language and loads the modules. Pages are
 * routes after {@code #}, so every deep link is this page. Any other path of the default context is a 404 page.
 * <p>
 * Pattern {@code /*} with a ranking above the REST whiteboard's: its {@code .default} application is registered in
 * the default context at {@code /*} (with {@code jersey.context.path = /}) and would otherwise answer every path that
 * no UI file matches, {@code /} included, with a 404. No resource selects that application (the API is
 * {@code /api/v1}, a context of its own), so nothing is lost; the UI's files ({@code /ui/<name>/*}) are longer patterns
 * and win.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/*",
        "service.ranking:Integer=100",
        "osgi.http.whiteboard.servlet.name=sr-ui-shell",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
public final class ShellServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final byte[] index;

    public ShellServlet() throws IOException {
        try (InputStream in = ShellServlet.class.getResourceAsStream("/web/index.html")) {
            if (in == null) {
                throw new IOException("web/index.html is missing from the bundle");
            }
            this.index = in.readAllBytes();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals("/") || path.equals("/index.html")) {
            response.setContentType("text/html; charset=utf-8");
            response.setContentLength(index.length);
            response.getOutputStream().write(index);
            return;
        }
        response.setStatus(404);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write(("Not found. The platform's pages start at /, its API at /api/v1.\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
