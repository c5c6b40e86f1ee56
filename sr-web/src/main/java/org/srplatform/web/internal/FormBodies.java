package org.srplatform.web.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Refuses the bodies that any web page can make a browser send to another site without asking it first
 * ({@code application/x-www-form-urlencoded}, {@code text/plain}) on requests that change data, unless the
 * endpoint says it takes them: the endpoints take JSON, a file upload or no body, and one that takes no
 * body accepted a form (415 naming what to send). A request without a body and without a type passes.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName(FormBodies.NAME)
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Priority(Priorities.HEADER_DECORATOR) // after matching: the endpoint's @Consumes is known
public final class FormBodies implements ContainerRequestFilter {
    static final String NAME = "sr-form-bodies";
    static final String SEND_INSTEAD = "send application/json; charset=utf-8 (or no body where the endpoint takes"
            + " none; files go as multipart/form-data to /requests/{number}/attachments)";

    // Proxy to the current request's matched resource, injected by Jersey.
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> refusal = refusal(request.getMethod(), request.getMediaType(),
                resource == null ? null : resource.getResourceMethod());
        if (refusal.isPresent()) {
            throw new NotSupportedException(refusal.get());
        }
    }

    /** Why a request is refused (415), or empty when it may pass. */
    static Optional<String> refusal(String httpMethod, MediaType type, Method endpoint) {
        if (!CrossSiteOrigins.CHANGING.contains(httpMethod) || !isSimpleForm(type) || declares(endpoint, type)) {
            return Optional.empty();
        }
        return Optional.of("A body of type " + type.getType() + "/" + type.getSubtype() + " is not accepted here: "
                + SEND_INSTEAD + ".");
    }

    /** A type a cross-site HTML form or plain script may send without the browser asking first. */
    static boolean isSimpleForm(MediaType type) {
        return type != null && !type.isWildcardType() && !type.isWildcardSubtype()
                && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE) || type.isCompatible(MediaType.TEXT_PLAIN_TYPE));
    }

    /** Does the endpoint say it takes this type (itself, or any type)? */
    static boolean declares(Method endpoint, MediaType type) {
        if (endpoint == null) {
            return false;
        }
        Consumes consumes = endpoint.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = endpoint.getDeclaringClass().getAnnotation(Consumes.class);
        }
        return consumes != null && Arrays.stream(consumes.value()).flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .anyMatch(declared -> declared.equals("*/*") || declared.equals(
                        (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT)));
    }
}
