package org.srplatform.admin.web.internal;

import jakarta.ws.rs.core.SecurityContext;
import org.srplatform.admin.internal.Administration;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.web.api.Callers;

/** Who may administer: administrators, checked before anything else; then the feature must be on. */
final class AdminAccess {
    private AdminAccess() {
    }

    static User administrator(SecurityContext security) {
        return Callers.withRole(security, Role.ADMINISTRATOR);
    }

    static Administration require(Administration admin) {
        return FeatureUnavailableException.require(admin, Administration.FEATURE);
    }
}
