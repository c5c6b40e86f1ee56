package org.srplatform.web.internal;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.srplatform.api.common.NotAllowedException;

/**
 * Passwords only over TLS from other machines: HTTP Basic credentials that came in clear text from
 * anywhere but this machine are refused (403), before they are even checked, so that a client that
 * sends them learns to use HTTPS. A TLS proxy in front ({@code behind.tls.proxy = true}) is believed
 * about the client's scheme through {@code X-Forwarded-Proto}. Loopback stays open for local scripts
 * and the demo, which listens on loopback only.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName(TransportSecurity.NAME)
@JakartarsApplicationSelect(ApiApplication.SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100) // before BasicAuthentication looks at the password
public final class TransportSecurity implements ContainerRequestFilter {
    static final String NAME = "sr-transport-security";
    static final String REFUSED = "Passwords are accepted only over HTTPS from another machine: call the platform's"
            + " https:// address. Operators: enable HTTPS (README, 'Network and TLS'), or set behind.tls.proxy = true"
            + " in etc/" + PublicOrigin.PID + ".cfg when a TLS proxy is in front.";

    private final PublicOrigin origin;

    // Proxy to the current request, injected by Jersey: the client's address is only known to the servlet.
    @Context
    HttpServletRequest servlet;

    @Activate
    public TransportSecurity(@Reference PublicOrigin origin) {
        this.origin = origin;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic", 0, 5)) {
            return;
        }
        boolean tls = request.getSecurityContext().isSecure() || "https".equalsIgnoreCase(request.getUriInfo()
                .getRequestUri().getScheme());
        String remote = servlet == null ? null : servlet.getRemoteAddr();
        if (!allowed(tls, remote, request.getHeaderString("X-Forwarded-Proto"), origin.behindTlsProxy())) {
            throw new NotAllowedException(REFUSED);
        }
    }

    /**
     * May Basic credentials be used on this connection?
     *
     * @param tls               the connection to the platform is TLS
     * @param remoteAddress     the peer's IP address, null if unknown
     * @param forwardedProtocol X-Forwarded-Proto, null if absent
     */
    static boolean allowed(boolean tls, String remoteAddress, String forwardedProtocol, boolean behindTlsProxy) {
        if (tls) {
            return true;
        }
        if (behindTlsProxy && forwardedProtocol != null) {
            // The proxy says how the client came; "http" is a client that sent its password in clear text.
            return forwardedProtocol.split(",")[0].trim().equalsIgnoreCase("https");
        }
        return isLoopback(remoteAddress);
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        // Only IP literals: a name would mean a DNS look-up on every request, and the servlet gives addresses.
        if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%')) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
