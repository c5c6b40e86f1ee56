package org.srplatform.web.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Requests and responses of the Jakarta REST filter interfaces, with only what the filters read. */
final class FakeExchange {
    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new HashMap<>();

    private FakeExchange(String method, String uri) {
        this.method = method;
        this.uri = URI.create(uri);
    }

    /** A request to {@code uri} (absolute, as the client's Host made it). */
    static FakeExchange request(String method, String uri) {
        return new FakeExchange(method, uri);
    }

    FakeExchange header(String name, String value) {
        headers.put(name.toLowerCase(), value);
        return this;
    }

    ContainerRequestContext context() {
        URI base = uri.resolve("/api/v1/");
        UriInfo info = proxy(UriInfo.class, (name, args) -> switch (name) {
            case "getBaseUri" -> base;
            case "getRequestUri" -> uri;
            default -> throw new UnsupportedOperationException(name);
        });
        SecurityContext security = proxy(SecurityContext.class, (name, args) -> switch (name) {
            case "isSecure" -> uri.getScheme().equals("https");
            default -> throw new UnsupportedOperationException(name);
        });
        return proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
            case "getMethod" -> method;
            case "getHeaderString" -> headers.get(((String) args[0]).toLowerCase());
            case "getUriInfo" -> info;
            case "getSecurityContext" -> security;
            case "getMediaType" -> headers.containsKey("content-type") ? type(headers.get("content-type")) : null;
            default -> throw new UnsupportedOperationException(name);
        });
    }

    /** A response with these headers; its media type is its Content-Type. */
    static ContainerResponseContext response(MultivaluedMap<String, Object> headers) {
        return proxy(ContainerResponseContext.class, (name, args) -> switch (name) {
            case "getHeaders" -> headers;
            case "getMediaType" -> headers.getFirst("Content-Type") instanceof MediaType t ? t
                    : headers.getFirst("Content-Type") == null ? null : type(headers.getFirst("Content-Type").toString());
            default -> throw new UnsupportedOperationException(name);
        });
    }

    static MultivaluedMap<String, Object> headers(Object... namesAndValues) {
        MultivaluedMap<String, Object> map = new MultivaluedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.add((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** "type/subtype; charset=x" without Jersey (MediaType.valueOf needs a Jakarta REST implementation). */
    static MediaType type(String value) {
        String[] parts = value.split(";");
        String[] typeAndSubtype = parts[0].trim().split("/");
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] p = parts[i].trim().split("=", 2);
            parameters.put(p[0].trim().toLowerCase(), p.length > 1 ? p[1].trim() : "");
        }
        return new MediaType(typeAndSubtype[0], typeAndSubtype[1], parameters);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(FakeExchange.class.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> answer.answer(m.getName(), args));
    }
}
