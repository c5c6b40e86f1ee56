package org.srplatform.web.internal;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;

/** The signed-in user of a request, as the authentication filter put it into the security context. */
record SignedIn(User user, boolean secure) implements SecurityContext, Principal {

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
        return BASIC_AUTH;
    }

    /** The caller, or 401 when the request is not signed in. */
    static User of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof SignedIn signedIn) {
            return signedIn.user();
        }
        throw new AuthenticationRequired("Sign in with HTTP Basic credentials.");
    }

    /** The caller if they hold one of the roles, else 403 naming them. */
    static User withRole(SecurityContext context, Role... roles) {
        User user = of(context);
        for (Role r : roles) {
            if (user.has(r)) {
                return user;
            }
        }
        throw new NotAllowedException("This needs the role " + java.util.Arrays.toString(roles) + "; "
                + user.login() + " has " + user.roles() + ".");
    }

    /** The caller if staff (any vendor role), else 403. */
    static User staff(SecurityContext context) {
        User user = of(context);
        if (!user.isStaff()) {
            throw new NotAllowedException("Only support staff may do this.");
        }
        return user;
    }
}
