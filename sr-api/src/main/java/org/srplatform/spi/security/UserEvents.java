package org.srplatform.spi.security;

/**
 * The event the user directory posts (OSGi Event Admin) after a committed change of a user's password, roles or
 * activation, so that whoever remembers credentials (sign-in's cache) forgets them at once.
 *
 * @since 1.2
 */
public final class UserEvents {
    /** A user's password, roles, accounts or activation changed. */
    public static final String CHANGED = "org/srplatform/security/USER_CHANGED";
    /** Property: the user's login. */
    public static final String LOGIN = "login";

    private UserEvents() {
    }
}
