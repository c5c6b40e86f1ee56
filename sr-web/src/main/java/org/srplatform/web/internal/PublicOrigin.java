package org.srplatform.web.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where clients reach the platform (etc/org.srplatform.web.cfg): the base of the {@code Location} of what
 * is created, and the one origin whose pages may change data. Never the request's {@code Host}, which any
 * client writes as it likes; and whether a TLS proxy in front may be believed about the client's scheme.
 */
@Component(service = PublicOrigin.class, configurationPid = PublicOrigin.PID)
@Designate(ocd = PublicOrigin.Config.class)
public final class PublicOrigin {
    static final String PID = "org.srplatform.web";
    private static final Logger LOG = LoggerFactory.getLogger(PublicOrigin.class);

    @ObjectClassDefinition(name = "SR web: public address")
    @interface Config {
        @AttributeDefinition(description = "The platform's address as clients reach it, up to the port or the proxy's"
                + " path (https://sr.example.com); default http://localhost:<HTTP port>")
        String public_base_url() default "";

        @AttributeDefinition(description = "The platform is reached only through a proxy that terminates TLS and sets"
                + " X-Forwarded-Proto: believe it")
        boolean behind_tls_proxy() default false;
    }

    private final Optional<URI> configured;
    private final URI base;
    private final boolean behindTlsProxy;

    @Activate
    public PublicOrigin(Config config, BundleContext context) {
        this(config.public_base_url(), config.behind_tls_proxy(), context.getProperty("org.osgi.service.http.port"));
    }

    PublicOrigin(String publicBaseUrl, boolean behindTlsProxy, String httpPort) {
        this.configured = parse(publicBaseUrl);
        String port = httpPort == null || httpPort.isBlank() ? "8080" : httpPort.trim();
        this.base = configured.orElseGet(() -> URI.create("http://localhost:" + port));
        this.behindTlsProxy = behindTlsProxy;
    }

    /** An absolute http(s) URL without query; anything else is logged and the default is used. */
    private static Optional<URI> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // told below
        }
        LOG.error("{} in etc/{}.cfg is not an http or https address like https://sr.example.com; using the default"
                + " http://localhost:<port> for Location headers and the request's own origin for cross-site checks",
                value, PID);
        return Optional.empty();
    }

    /** The configured public base URL, if the operator set one. */
    Optional<URI> configured() {
        return configured;
    }

    /** Whether the operator said a TLS proxy is in front ({@code behind.tls.proxy}). */
    boolean behindTlsProxy() {
        return behindTlsProxy;
    }

    /**
     * The public address of a path of the platform: {@code /api/v1/requests/1} becomes
     * {@code https://sr.example.com/api/v1/requests/1}; the scheme and host of {@code location}, if any,
     * are dropped (they came from the request's Host).
     */
    URI absolute(URI location) {
        String path = location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" : location.getRawPath();
        if (!path.startsWith("/")) {
            return location; // relative to the request's path: no resource of the platform answers one
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + path
                + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery())
                + (location.getRawFragment() == null ? "" : "#" + location.getRawFragment()));
    }

    /**
     * The origin whose pages may change data: the configured base's, or else the request's own (the scheme
     * the client used, as a trusted proxy says, and the Host it asked for).
     *
     * @param requestBase       the request's base URI, from its Host header
     * @param forwardedProtocol the X-Forwarded-Proto header, or null
     */
    String own(URI requestBase, String forwardedProtocol) {
        if (configured.isPresent()) {
            return origin(configured.get());
        }
        String scheme = requestBase.getScheme();
        if (behindTlsProxy && forwardedProtocol != null && !forwardedProtocol.isBlank()) {
            scheme = forwardedProtocol.split(",")[0].trim();
        }
        return origin(scheme, requestBase.getHost(), requestBase.getPort());
    }

    /** {@code scheme://host[:port]} in lower case, without the scheme's default port; null if not an http(s) URL. */
    static String origin(URI uri) {
        return uri == null || uri.getHost() == null ? null : origin(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    private static String origin(String scheme, String host, int port) {
        if (scheme == null || host == null) {
            return null;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
