package org.srplatform.web.api;

import java.security.Principal;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.security.User;

/** The principal that the platform's authentication puts into a request's security context. */
@ProviderType
public interface CallerPrincipal extends Principal {

    /** The signed-in user, with roles and accounts. */
    User user();
}
