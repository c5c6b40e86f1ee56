package org.srplatform.web.internal;

import org.srplatform.web.api.AuthenticationRequiredException;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
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
 * HTTP Basic authentication against the users in the store, for every path but {@code /health}.
 * Runs before matching, so that an anonymous client cannot even probe which paths exist.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsApplicationSelect(ApiApplication.SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BasicAuthentication implements ContainerRequestFilter {

    private final CredentialCache cache;

    // Optional: the filter is in place from the start (no application rebuild when the store comes up);
    // until the users are there, signed-in calls answer 503.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserDirectory users;

    @Activate
    public BasicAuthentication(@Reference CredentialCache cache) {
        this.cache = cache;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (isOpen(path)) {
            return;
        }
        String header = request.getHeaderString("Authorization");
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
                User user = authenticate(login, password)
                        .orElseThrow(() -> new AuthenticationRequiredException("Unknown user or wrong password."));
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

    private Optional<User> authenticate(String login, char[] password) {
        Optional<User> cached = cache.get(login, password);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<User> user = FeatureUnavailableException.require(users, "store").authenticate(login, password);
        user.ifPresent(u -> cache.put(login, password, u));
        return user;
    }

    static boolean isOpen(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("health") || p.equals("api/v1/health");
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
