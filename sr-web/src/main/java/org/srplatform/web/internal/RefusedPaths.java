package org.srplatform.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.srplatform.api.common.FieldError;

/**
 * Refuses, as a problem, every request whose path Jetty's default URI compliance refuses: an encoded '/', '\',
 * '%' or control character in a segment, an encoded "." or ".." segment, bad UTF-8 (Jetty's {@code DEFAULT}
 * mode, checked by Jetty's own code, so the platform refuses exactly what Jetty would).
 * <p>
 * Jetty refuses those before any servlet, with an HTML page that no error page and no Felix HTTP setting reaches
 * (its server-level error handler; the whiteboard's error pages only see errors sent inside a servlet context).
 * So the distribution lets Jetty pass them ({@code org.eclipse.jetty.UriComplianceMode = UNSAFE} in
 * {@code etc/platform.properties}) and this preprocessor, which runs before every servlet context of the
 * whiteboard, refuses them in the API's words. Jetty still refuses on its own what it cannot parse at all
 * ({@code %00}, {@code %ZZ}).
 */
@Component(service = Preprocessor.class)
public final class RefusedPaths implements Preprocessor {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            Optional<String> refused = refusal(http.getRequestURI());
            if (refused.isPresent()) {
                ServletProblems.write(answer, problem(refused.get()));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Why Jetty's default compliance refuses the raw (still encoded) path, if it does. */
    static Optional<String> refusal(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return Optional.empty();
        }
        HttpURI uri;
        try {
            uri = HttpURI.from(rawPath);
        } catch (IllegalArgumentException e) {
            return Optional.of("Bad URI encoding");
        }
        return uri.hasViolations()
                ? Optional.ofNullable(UriCompliance.checkUriCompliance(UriCompliance.DEFAULT, uri, null))
                : Optional.empty();
    }

    static Problem problem(String reason) {
        return new Problem("about:blank", "Invalid path", 400, "The path is refused (" + reason + "): a path segment"
                + " may not hold an encoded '/', '\\', '%' or control character, nor be an encoded '.' or '..'."
                + " Identifiers of the API never need them.", List.of(FieldError.of("path", reason)), null);
    }
}
