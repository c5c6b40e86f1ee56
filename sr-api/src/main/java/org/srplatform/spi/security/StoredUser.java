package org.srplatform.spi.security;

import java.util.Objects;
import org.srplatform.api.security.User;

/**
 * A user as the directory keeps them, for administration.
 *
 * @param user   the user
 * @param active false once deactivated: a deactivated user never signs in, and is kept for the history that names them
 * @param demo   made in demo mode: signs in only in demo mode
 * @since 1.2
 */
public record StoredUser(User user, boolean active, boolean demo) {
    public StoredUser {
        Objects.requireNonNull(user, "user");
    }
}
