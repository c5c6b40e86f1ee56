package org.srplatform.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.account.Contact;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.security.User;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.web.api.RequestBodies;

/**
 * {@code /session}: the web UI's sign-in and sign-out. {@code POST} checks the password on the same path as HTTP
 * Basic ({@link SignIn}: throttled, audited, bounded hashing) and sets the session cookie (HttpOnly, SameSite=Strict,
 * Path=/, Secure whenever the browser came over TLS); {@code GET} answers who the session is and its CSRF token
 * (a reloaded page asks); {@code DELETE} signs out.
 */
@Component(service = SessionResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    public record Credentials(String login, String password) {
    }

    /** The signed-in user as the UI needs them; {@code csrfToken} for sessions (null when signed in with Basic). */
    public record SessionView(String login, String displayName, List<String> roles, boolean staff, List<String> accounts,
            String language, boolean mustChangePassword, String csrfToken, Instant expiresAt) {
    }

    private final SignIn signIn;
    private final PublicOrigin origin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserDirectory users;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BrowserSessions sessions;

    /** The contacts' languages: a customer's UI starts in the language the platform writes to them in. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AccountRepository accounts;

    @Context
    private HttpServletRequest servlet;

    @Activate
    public SessionResource(@Reference CredentialCache cache, @Reference SignInThrottle throttle,
            @Reference PasswordHashing hashing, @Reference SignInAudit audit, @Reference PublicOrigin origin) {
        this.signIn = new SignIn(cache, throttle, hashing, audit);
        this.origin = origin;
    }

    /** Signing in is the one call of this resource that needs no credentials. */
    static boolean isSignIn(String method, String path) {
        return "POST".equals(method) && isSession(path);
    }

    static boolean isSession(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("session") || p.equals("api/v1/session");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(Credentials body, @Context ContainerRequestContext request, @Context UriInfo uri) {
        Credentials form = RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        if (form.login() == null || form.login().isBlank()) {
            errors.add(FieldError.of("login", "is required"));
        }
        if (form.password() == null || form.password().isEmpty()) {
            errors.add(FieldError.of("password", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        boolean tls = tls(request, uri);
        String address = servlet == null ? null : servlet.getRemoteAddr();
        // The same rule as for Basic credentials: no password in clear text from another machine.
        if (!TransportSecurity.allowed(tls, address, request.getHeaderString("X-Forwarded-Proto"), origin.behindTlsProxy())) {
            throw new NotAllowedException(TransportSecurity.REFUSED);
        }
        BrowserSessions open = FeatureUnavailableException.require(sessions, "store");
        char[] password = form.password().toCharArray();
        User user;
        try {
            user = signIn.attempt(users, form.login().strip(), password, address);
        } catch (SignInRefusedException refused) {
            return BasicAuthentication.refusal(refused);
        } finally {
            Arrays.fill(password, '\0');
        }
        BrowserSessions.Opened opened = open.open(user);
        return Response.ok(view(user, opened.csrfToken(), opened.expiresAt()))
                .header(HttpHeaders.SET_COOKIE, cookie(opened.token(), secureCookie(tls, request), Duration.between(
                        Instant.now(), opened.expiresAt()).getSeconds()))
                .build();
    }

    @GET
    public SessionView current(@CookieParam(BrowserSessions.COOKIE) String token, @Context SecurityContext security) {
        User user = SignedIn.of(security);
        if (!SignedIn.SESSION.equals(security.getAuthenticationScheme())) {
            return view(user, null, null);
        }
        BrowserSessions.Current current = FeatureUnavailableException.require(sessions, "store").resolve(token)
                .orElseThrow(() -> new org.srplatform.web.api.AuthenticationRequiredException("Your session has ended: sign in again."));
        return view(user, current.csrfToken(), current.expiresAt());
    }

    @DELETE
    public Response signOut(@CookieParam(BrowserSessions.COOKIE) String token, @Context SecurityContext security,
            @Context ContainerRequestContext request, @Context UriInfo uri) {
        SignedIn.of(security);
        if (SignedIn.SESSION.equals(security.getAuthenticationScheme())) {
            FeatureUnavailableException.require(sessions, "store").close(token);
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", secureCookie(tls(request, uri), request), 0)).build();
    }

    private SessionView view(User user, String csrf, Instant expiresAt) {
        return new SessionView(user.login(), user.displayName(), user.roles().stream().map(Enum::name).sorted().toList(),
                user.isStaff(), user.accounts().stream().sorted().toList(), language(user), user.mustChangePassword(), csrf,
                expiresAt);
    }

    /** The language the platform writes to the user in, if they are a contact (null: the browser's decides). */
    private String language(User user) {
        AccountRepository repo = accounts;
        if (repo == null || user.accounts().isEmpty()) {
            return null;
        }
        try {
            return repo.contactsOf(user.login()).stream().map(Contact::language).findFirst().orElse(null);
        } catch (RuntimeException e) { // the language is a convenience: a sign-in never fails for it
            return null;
        }
    }

    private static boolean tls(ContainerRequestContext request, UriInfo uri) {
        return request.getSecurityContext().isSecure() || "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
    }

    /** Secure whenever the browser reached the platform over TLS: directly, through a trusted proxy, or as configured. */
    private boolean secureCookie(boolean tls, ContainerRequestContext request) {
        return secureCookie(tls, request.getHeaderString("X-Forwarded-Proto"), origin);
    }

    static boolean secureCookie(boolean tls, String forwardedProto, PublicOrigin origin) {
        return tls || (origin.behindTlsProxy() && forwardedProto != null
                && forwardedProto.split(",")[0].trim().equalsIgnoreCase("https"))
                || origin.configured().map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
    }

    /** The session cookie; {@code maxAgeSeconds} 0 deletes it. */
    static String cookie(String token, boolean secure, long maxAgeSeconds) {
        return BrowserSessions.COOKIE + "=" + token + "; Path=/; Max-Age=" + Math.max(0, maxAgeSeconds)
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
