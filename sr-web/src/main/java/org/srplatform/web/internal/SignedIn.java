package org.srplatform.web.internal;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.web.api.CallerPrincipal;
import org.srplatform.web.api.Callers;

/** The signed-in user of a request, as the authentication filter put it into the security context. */
record SignedIn(User user, boolean secure, String scheme) implements SecurityContext, CallerPrincipal {
    /** The scheme of a browser session's cookie. */
    static final String SESSION = "SESSION";

    /** Signed in with HTTP Basic credentials. */
    SignedIn(User user, boolean secure) {
        this(user, secure, BASIC_AUTH);
    }

    @Override
    public String getName() {
        return user.login();
    }

    @Override
    public Principal getUserPrincipal() {
        return this;
    }

    @Override
    public boolean isUserInRole(String role) {
        return user.roles().stream().anyMatch(r -> r.name().equals(role));
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return scheme;
    }

    /** The caller, or 401 when the request is not signed in. */
    static User of(SecurityContext context) {
        return Callers.of(context);
    }

    /** The caller if they hold one of the roles, else 403 naming them. */
    static User withRole(SecurityContext context, Role... roles) {
        return Callers.withRole(context, roles);
    }

    /** The caller if staff (any vendor role), else 403. */
    static User staff(SecurityContext context) {
        return Callers.staff(context);
    }
}
