package org.srplatform.web.internal;

import org.srplatform.web.api.AuthenticationRequiredException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.security.User;
import org.srplatform.spi.security.UserDirectory;

/**
 * HTTP Basic authentication against the users in the store, for every path but {@code /health} (and its liveness and
 * readiness forms) and signing in ({@code POST /session}): the API's OpenAPI document too needs a sign-in. A request
 * without Basic credentials may instead carry a browser session's cookie ({@link BrowserSessions}), and then, when it changes data, the session's CSRF token in {@code X-CSRF-Token}.
 * Runs before matching, so that an anonymous client cannot even probe which paths exist. Failed sign-ins
 * are throttled per login and per client address, audited, and hashed on a bounded number of slots
 * ({@link SignIn}).
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsApplicationSelect(ApiApplication.SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BasicAuthentication implements ContainerRequestFilter {

    /** The header that carries a session's CSRF token. */
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final SignIn signIn;

    // A proxy to the current request, injected by Jersey: the client's address for throttling.
    @Context
    private HttpServletRequest servletRequest;

    // Optional: the filter is in place from the start (no application rebuild when the store comes up);
    // until the users are there, signed-in calls answer 503.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserDirectory users;

    // The web UI's sessions: need the store, so they come later than this filter; cookies answer 503 until then.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BrowserSessions sessions;

    @Activate
    public BasicAuthentication(@Reference CredentialCache cache, @Reference SignInThrottle throttle,
            @Reference PasswordHashing hashing, @Reference SignInAudit audit) {
        this.signIn = new SignIn(cache, throttle, hashing, audit);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (isOpen(path) || SessionResource.isSignIn(request.getMethod(), path)) {
            return;
        }
        String header = request.getHeaderString("Authorization");
        if (header == null) {
            Cookie cookie = request.getCookies().get(BrowserSessions.COOKIE);
            if (cookie != null) {
                signInWithSession(request, path, cookie.getValue());
                return;
            }
        }
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new AuthenticationRequiredException("Sign in with HTTP Basic credentials.");
        }
        char[] decoded = decode(header.substring(6).trim());
        try {
            int colon = indexOf(decoded, ':');
            if (colon < 1) {
                throw new AuthenticationRequiredException("The Basic credentials are not 'login:password'.");
            }
            String login = new String(decoded, 0, colon);
            char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
            try {
                User user;
                try {
                    user = signIn.attempt(users, login, password, clientAddress());
                } catch (SignInRefusedException refused) {
                    request.abortWith(refusal(refused));
                    return;
                }
                if (user.mustChangePassword() && !MeResource.isPasswordChange(path)) {
                    // A one-time password opens nothing but the way to replace it.
                    throw new NotAllowedException("Your password is a one-time password: set your own with"
                            + " PUT /api/v1/me/password {\"currentPassword\": ..., \"newPassword\": ...} first.");
                }
                request.setSecurityContext(new SignedIn(user, request.getSecurityContext().isSecure()));
            } finally {
                Arrays.fill(password, '\0');
            }
        } finally {
            Arrays.fill(decoded, '\0');
        }
    }

    /**
     * A browser's request: its session must be open, and a request that changes data must carry the session's CSRF
     * token (a page of another site can make the browser send the cookie, but cannot read the token).
     */
    private void signInWithSession(ContainerRequestContext request, String path, String token) {
        BrowserSessions open = FeatureUnavailableException.require(sessions, "store");
        BrowserSessions.Current current = open.resolve(token).orElseThrow(() -> new AuthenticationRequiredException(
                "Your session has ended (signed out, expired or revoked): sign in again."));
        if (CrossSiteOrigins.CHANGING.contains(request.getMethod())
                && !BrowserSessions.csrfMatches(current.csrfToken(), request.getHeaderString(CSRF_HEADER))) {
            throw new NotAllowedException("A request that changes data with a session cookie must carry the session's"
                    + " CSRF token in the " + CSRF_HEADER + " header (from POST or GET /api/v1/session).");
        }
        if (current.user().mustChangePassword() && !MeResource.isPasswordChange(path) && !SessionResource.isSession(path)) {
            throw new NotAllowedException("Your password is a one-time password: set your own with"
                    + " PUT /api/v1/me/password {\"currentPassword\": ..., \"newPassword\": ...} first.");
        }
        request.setSecurityContext(new SignedIn(current.user(), request.getSecurityContext().isSecure(), SignedIn.SESSION));
    }

    /** The address of the connection (not a forwarded-for header, which any client can write). */
    private String clientAddress() {
        try {
            return servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (IllegalStateException e) { // no request in scope
            return null;
        }
    }

    /** 429 or 503 with {@code Retry-After} and a problem saying when to try again. */
    static Response refusal(SignInRefusedException refused) {
        String title = refused.status() == 429 ? "Too many failed sign-ins" : "Busy";
        return Response.status(refused.status()).header("Retry-After", Long.toString(refused.retryAfterSeconds()))
                .type(Problem.MEDIA_TYPE + "; charset=utf-8").entity(Problem.of(refused.status(), title, refused.getMessage()))
                .build();
    }

    static boolean isOpen(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        p = p.startsWith("api/v1/") ? p.substring("api/v1/".length()) : p;
        // The health answers (HealthResource): /health, and liveness and readiness apart for load balancers. The
        // OpenAPI document is not among them: it lists every path, which an anonymous client must not learn (the
        // API contract opens /health only). A fixed list: which paths need no sign-in is this filter's decision,
        // not one a hot-deployed bundle can make for itself.
        return p.equals("health") || p.equals("health/live") || p.equals("health/ready");
    }

    private static char[] decode(String base64) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            Arrays.fill(raw, (byte) 0);
            char[] out = new char[chars.remaining()];
            chars.get(out);
            return out;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new AuthenticationRequiredException("The Basic credentials are not valid base64 of UTF-8 'login:password'.");
        }
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
