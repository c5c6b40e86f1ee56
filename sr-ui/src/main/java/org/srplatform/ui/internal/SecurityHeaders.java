package org.srplatform.ui.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/**
 * The headers of every UI answer (the shell, the module list, every module's files in the default context): scripts
 * and styles only from the platform's own files (no inline script or style, so an injected tag does nothing), the UI
 * never inside another site's frame, no type sniffing, no referrer to other sites, and revalidation so that an
 * updated bundle's pages are used at once.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.name=sr-ui-security-headers",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
public final class SecurityHeaders implements Filter {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            apply(http);
        }
        chain.doFilter(request, response);
    }

    static void apply(HttpServletResponse http) {
        http.setHeader("Content-Security-Policy", CSP);
        http.setHeader("X-Frame-Options", "DENY");
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("Referrer-Policy", "same-origin");
        http.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        http.setHeader("Cache-Control", "no-cache");
    }
}
