package org.srplatform.spi.security;

import org.srplatform.api.security.Role;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A user to create; see {@link UserDirectory#create(NewUser, char[])}. */
public record NewUser(String login, String displayName, Set<Role> roles, Optional<String> email,
        Optional<String> region, Set<String> accounts, boolean mustChangePassword) {
    public NewUser {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(displayName, "displayName");
        roles = Set.copyOf(roles);
        email = email == null ? Optional.empty() : email;
        region = region == null ? Optional.empty() : region;
        accounts = Set.copyOf(accounts);
    }
}
