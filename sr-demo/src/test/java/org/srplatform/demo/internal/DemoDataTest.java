package org.srplatform.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.security.NewUser;
import org.srplatform.api.security.User;
import org.srplatform.spi.security.UserDirectory;

class DemoDataTest {

    private final FakeUserDirectory users = new FakeUserDirectory();

    @Test
    void demoUsersGetTheirNamesAsPasswordsAndASecondStartKeepsThem() {
        new DemoData(ignoring(CatalogRepository.class), ignoring(AccountRepository.class), users);
        assertEquals(DemoData.USERS.size(), users.passwords.size());
        users.passwords.forEach((login, password) -> assertEquals(login, password));

        users.passwords.put("rem1", "changed by rem1");
        DemoData.load(ignoring(CatalogRepository.class), ignoring(AccountRepository.class), users, Clock.systemUTC());
        assertEquals("changed by rem1", users.passwords.get("rem1"));
    }

    /** The directory takes short passwords only by the demo's rule, shipped in etc/org.srplatform.demo.cfg. */
    @Test
    void everyDemoPasswordMeetsTheDemoRuleOfTheDistribution() throws Exception {
        Properties demo = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("../sr-dist/src/dist/etc/org.srplatform.demo.cfg"))) {
            demo.load(in);
        }
        int minimum = Integer.parseInt(demo.getProperty("demo.password.min.length").strip());
        DemoData.USERS.forEach(u -> assertTrue(u.login().length() >= minimum, u.login()));
    }

    /** Repositories whose writes are dropped: only the users matter here. */
    private static <T> T ignoring(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getReturnType() == void.class) {
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }

    private static final class FakeUserDirectory implements UserDirectory {
        final Map<String, String> passwords = new HashMap<>();
        private final Map<String, User> created = new HashMap<>();

        @Override
        public Optional<User> authenticate(String login, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<User> find(String login) {
            return Optional.ofNullable(created.get(login));
        }

        @Override
        public User create(NewUser user, char[] password) {
            User u = new User(user.login(), user.displayName(), user.roles(), user.email(), user.region(), user.accounts(),
                    user.mustChangePassword());
            created.put(u.login(), u);
            passwords.put(u.login(), new String(password));
            return u;
        }

        @Override
        public void changePassword(String login, char[] newPassword) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            return passwords.size();
        }
    }
}
