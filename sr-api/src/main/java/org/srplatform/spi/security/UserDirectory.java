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

    /**
     * Every user, by login, with their activation; demo users only in demo mode.
     *
     * @since 1.2 (a default that refuses, so that implementations made before compile unchanged)
     */
    default java.util.List<StoredUser> users() {
        throw new UnsupportedOperationException("UserDirectory does not support this");
    }

    /**
     * One user with their activation (a demo user outside demo mode too: the login is taken).
     *
     * @since 1.2
     */
    default Optional<StoredUser> stored(String login) {
        throw new UnsupportedOperationException("UserDirectory does not support this");
    }

    /**
     * Creates a user in the caller's transaction, without a password: they cannot sign in until an administrator
     * gives them a one-time password ({@link #setOneTimePassword}). In demo mode the user is a demo user.
     *
     * @throws org.srplatform.api.common.ConflictException when the login is taken (at the commit at the latest)
     * @since 1.2
     */
    default void create(org.srplatform.spi.store.Transaction tx, NewUser user) {
        throw new UnsupportedOperationException("UserDirectory does not support this");
    }

    /**
     * Replaces a user's name, e-mail, region, roles and accounts in the caller's transaction (the password and
     * {@link NewUser#mustChangePassword()} are kept).
     *
     * @throws org.srplatform.api.common.NotFoundException for an unknown login
     * @since 1.2
     */
    default void update(org.srplatform.spi.store.Transaction tx, NewUser user) {
        throw new UnsupportedOperationException("UserDirectory does not support this");
    }

    /**
     * Deactivates a user (they never sign in again, and are kept for the history that names them) or activates
     * them again, in the caller's transaction.
     *
     * @throws org.srplatform.api.common.NotFoundException for an unknown login
     * @since 1.2
     */
    default void setActive(org.srplatform.spi.store.Transaction tx, String login, boolean active) {
        throw new UnsupportedOperationException("UserDirectory does not support this");
    }

    /**
     * Gives a user a one-time password in the caller's transaction: it opens nothing but the change of the
     * password ({@link User#mustChangePassword()}), as the first administrator's does.
     *
     * @throws org.srplatform.api.common.ValidationException for a password the rules refuse
     * @throws org.srplatform.api.common.NotFoundException for an unknown login
     * @since 1.2
     */
    default void setOneTimePassword(org.srplatform.spi.store.Transaction tx, String login, char[] password) {
        throw new UnsupportedOperationException("UserDirectory does not support this");
    }

    /**
     * Gives a demo user, in demo mode, a password hashed beforehand in the directory's own format: the demo's
     * passwords are public (each user's name), so hashing them at build time gives away nothing, and a first demo start
     * spends no second of slow hashing on them. Refused for any other user or outside demo mode.
     *
     * @param passwordHash as the directory stores one ({@code pbkdf2-sha256$<iterations>$<salt>$<hash>})
     * @throws org.srplatform.api.common.ValidationException for a hash the directory cannot verify against, or a user
     *         that is not a demo user in demo mode
     * @throws org.srplatform.api.common.NotFoundException for an unknown login
     * @since 1.4
     */
    default void presetDemoPassword(String login, String passwordHash) {
        throw new UnsupportedOperationException("UserDirectory does not support this");
    }
}
