package org.srplatform.web.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.security.NewUser;
import org.srplatform.spi.security.UserDirectory;

/** Users whose password is their login, as the demo's; counts every (slow) password check. */
class FakeUserDirectory implements UserDirectory {
    final AtomicInteger checks = new AtomicInteger();
    private final Map<String, User> users = new ConcurrentHashMap<>();

    FakeUserDirectory(String... logins) {
        for (String login : logins) {
            users.put(login, user(login));
        }
    }

    static User user(String login) {
        return new User(login, login, Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty(), Set.of("1001"), false);
    }

    @Override
    public Optional<User> authenticate(String login, char[] password) {
        checks.incrementAndGet();
        User u = users.get(login);
        return u != null && Arrays.equals(password, login.toCharArray()) ? Optional.of(u) : Optional.empty();
    }

    @Override
    public Optional<User> find(String login) {
        return Optional.ofNullable(users.get(login));
    }

    @Override
    public java.util.List<User> withRole(org.srplatform.api.security.Role role) {
        return users.values().stream().filter(u -> u.has(role)).sorted(java.util.Comparator.comparing(User::login)).toList();
    }

    @Override
    public User create(NewUser user, char[] password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void changePassword(String login, char[] newPassword) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long count() {
        return users.size();
    }
}
