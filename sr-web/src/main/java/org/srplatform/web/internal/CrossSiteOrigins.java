package org.srplatform.web.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.srplatform.api.common.NotAllowedException;

/**
 * Refuses requests that change data (POST, PUT, PATCH, DELETE) sent by another web site's page: a browser
 * adds the signed-in user's Basic credentials to a form or script of any site that posts here, and says
 * where the page came from in {@code Origin} (or, older ones, {@code Referer}). Only the platform's own
 * origin may change data; API clients send neither header and are not affected.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName(CrossSiteOrigins.NAME)
@JakartarsApplicationSelect(ApiApplication.SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50) // before a password is checked for a request that is refused anyway
public final class CrossSiteOrigins implements ContainerRequestFilter {
    static final String NAME = "sr-cross-site-origins";
    static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final PublicOrigin origin;

    @Activate
    public CrossSiteOrigins(@Reference PublicOrigin origin) {
        this.origin = origin;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!CHANGING.contains(request.getMethod())) {
            return;
        }
        String from = originOf(request.getHeaderString("Origin"));
        String header = "Origin";
        if (from == null) {
            from = originOf(request.getHeaderString("Referer"));
            header = "Referer";
        }
        if (from == null) {
            return; // an API client: no page sent it
        }
        String own = origin.own(request.getUriInfo().getBaseUri(), request.getHeaderString("X-Forwarded-Proto"));
        if (!from.equalsIgnoreCase(own)) {
            throw new NotAllowedException("This request came from a page of " + from + " (its " + header + " header),"
                    + " not of the platform (" + own + "): requests that change data are accepted only from the"
                    + " platform's own pages or from API clients.");
        }
    }

    /**
     * The origin of an Origin or Referer header, normalised; null without the header, "null" when it cannot
     * be read (a sandboxed page sends "null"), so that it counts as foreign.
     */
    static String originOf(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            String origin = PublicOrigin.origin(new URI(header.trim()));
            return origin == null ? "null" : origin;
        } catch (URISyntaxException e) {
            return "null";
        }
    }
}
