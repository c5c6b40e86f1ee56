package org.srplatform.web.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Headers of every answer of the API: nothing is kept by caches ({@code no-store}: answers and downloads
 * carry customers' data, and a shared computer's browser cache would keep them), nothing is sniffed into
 * another type ({@code nosniff}), JSON says its charset as the contract does, and {@code Location} is the
 * configured public address, never one made of the request's {@code Host} header.
 */
@Component(service = ContainerResponseFilter.class)
@JakartarsExtension
@JakartarsName(ResponseHeaders.NAME)
@JakartarsApplicationSelect(ApiApplication.SELECT)
public final class ResponseHeaders implements ContainerResponseFilter {
    static final String NAME = "sr-response-headers";
    private static final MediaType PROBLEM = new MediaType("application", "problem+json");

    private final PublicOrigin origin;

    @Activate
    public ResponseHeaders(@Reference PublicOrigin origin) {
        this.origin = origin;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        headers.putSingle("X-Content-Type-Options", "nosniff");
        MediaType type = response.getMediaType();
        if (type != null && type.getParameters().get(MediaType.CHARSET_PARAMETER) == null
                && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isCompatible(PROBLEM))
                && !type.isWildcardType() && !type.isWildcardSubtype()) {
            headers.putSingle(HttpHeaders.CONTENT_TYPE, type.withCharset("utf-8"));
        }
        Object location = headers.getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            // Resources give the path (ApiV1.path); Jersey would complete it with the request's Host.
            URI uri = location instanceof URI u ? u : URI.create(location.toString());
            headers.putSingle(HttpHeaders.LOCATION, origin.absolute(uri));
        }
    }
}
