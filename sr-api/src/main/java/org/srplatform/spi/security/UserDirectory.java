package org.srplatform.spi.security;

import org.srplatform.api.security.User;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The users who may sign in, with their password hashes (salted and slow). The store implements it.
 * Thread-safe.
 */
@ProviderType
public interface UserDirectory {

    /**
     * Checks a login and password.
     *
     * @return the user, or empty for an unknown login or a wrong password (the two are not told
     *         apart, and take about the same time)
     */
    Optional<User> authenticate(String login, char[] password);

    Optional<User> find(String login);

    /**
     * The users who hold a role (the duty managers a breached target is reported to), by login; demo users
     * only in demo mode.
     *
     * @since 1.1
     */
    java.util.List<User> withRole(org.srplatform.api.security.Role role);

    /**
     * Creates a user.
     *
     * @throws org.srplatform.api.common.ConflictException when the login is taken
     * @throws org.srplatform.api.common.ValidationException for an empty login, no role or a weak password
     */
    User create(NewUser user, char[] password);

    /** Sets a new password and clears {@link User#mustChangePassword()}. */
    void changePassword(String login, char[] newPassword);

    /** How many users exist; 0 on a fresh database. */
    long count();
}
