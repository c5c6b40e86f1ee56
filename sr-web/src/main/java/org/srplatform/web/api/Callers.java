package org.srplatform.web.api;

import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;

/** The signed-in caller of a request, for resources of any bundle. */
public final class Callers {

    private Callers() {
    }

    /** The caller, or 401 when the request is not signed in. */
    public static User of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof CallerPrincipal caller) {
            return caller.user();
        }
        throw new AuthenticationRequiredException("Sign in with HTTP Basic credentials.");
    }

    /** The caller if they hold one of the roles, else 403 naming them. */
    public static User withRole(SecurityContext context, Role... roles) {
        User user = of(context);
        for (Role r : roles) {
            if (user.has(r)) {
                return user;
            }
        }
        throw new NotAllowedException("This needs the role " + Arrays.toString(roles) + "; " + user.login() + " has "
                + user.roles() + ".");
    }

    /** The caller if staff (any vendor role), else 403. */
    public static User staff(SecurityContext context) {
        User user = of(context);
        if (!user.isStaff()) {
            throw new NotAllowedException("Only support staff may do this.");
        }
        return user;
    }
}
