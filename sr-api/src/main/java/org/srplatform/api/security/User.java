package org.srplatform.api.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A person who signs in. Passwords never appear in the model: the {@link UserDirectory} keeps their
 * salted hashes.
 *
 * @param login              unique sign-in name
 * @param displayName        how the user is shown
 * @param roles              at least one
 * @param email              where the platform writes to the user, if known
 * @param region             for regional escalation managers: the region they cover (e.g. {@code APJ})
 * @param accounts           for customers: the account numbers they are a contact of
 * @param mustChangePassword true while the password is a one-time password
 */
public record User(String login, String displayName, Set<Role> roles, Optional<String> email,
        Optional<String> region, Set<String> accounts, boolean mustChangePassword) {

    public User {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(displayName, "displayName");
        roles = Set.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a user holds at least one role");
        }
        email = email == null ? Optional.empty() : email;
        region = region == null ? Optional.empty() : region;
        accounts = Set.copyOf(accounts);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True for every vendor role; a user who is only a customer is not staff. */
    public boolean isStaff() {
        return roles.stream().anyMatch(Role::isStaff);
    }

    /** Whether this user may see the SRs and data of an account. */
    public boolean canSee(String accountNumber) {
        return isStaff() || accounts.contains(accountNumber);
    }
}
