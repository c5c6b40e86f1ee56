package org.srplatform.store.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.security.NewUser;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.DerbyDialect;
import org.srplatform.store.internal.db.SchemaMigrations;

class JdbcUserDirectoryTest {

    /** Cheap hashes keep the tests fast; the cost is read from each stored hash. */
    private static final int ITERATIONS = 1_000;

    @TempDir
    Path dir;
    private DerbyDatabase db;
    private JdbcUserDirectory users;

    @BeforeEach
    void open() {
        db = Fixtures.openDatabase(dir);
        users = new JdbcUserDirectory(db, ITERATIONS, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createdUserAuthenticatesWithItsPassword() {
        User created = users.create(customer("customer1"), "s3cret-pass".toCharArray());

        assertEquals(Optional.of(created), users.authenticate("customer1", "s3cret-pass".toCharArray()));
        assertEquals(Optional.of(created), users.find("customer1"));
        assertEquals(Set.of("1001", "2002"), created.accounts());
        assertEquals(Optional.of("c1@acme.example"), created.email());
        assertEquals(Optional.of("AMER"), created.region());
        assertTrue(created.mustChangePassword());
        assertEquals(1, users.count());
    }

    @Test
    void wrongPasswordOrUnknownLoginIsRefusedAlike() {
        users.create(customer("customer1"), "s3cret-pass".toCharArray());
        assertEquals(Optional.empty(), users.authenticate("customer1", "s3cret-pasS".toCharArray()));
        assertEquals(Optional.empty(), users.authenticate("customer1", new char[0]));
        assertEquals(Optional.empty(), users.authenticate("nobody", "s3cret-pass".toCharArray()));
        assertEquals(Optional.empty(), users.authenticate(null, null));
        assertEquals(Optional.empty(), users.find("nobody"));
    }

    @Test
    void passwordsAreStoredAsSelfDescribingSaltedHashes() {
        users.create(customer("a"), "same-password".toCharArray());
        users.create(customer("b"), "same-password".toCharArray());
        String a = storedHash("a");
        String b = storedHash("b");
        assertTrue(a.startsWith("pbkdf2-sha256$" + ITERATIONS + "$"), a);
        assertEquals(4, a.split("\\$").length);
        assertFalse(a.contains("same-password"));
        assertNotEquals(a, b, "a random salt per user");
    }

    @Test
    void aTakenLoginIsAConflict() {
        users.create(customer("customer1"), "s3cret-pass".toCharArray());
        assertThrows(ConflictException.class, () -> users.create(customer("customer1"), "other-pass".toCharArray()));
        assertEquals(1, users.count());
    }

    @Test
    void invalidUsersAreRefusedNamingEachField() {
        NewUser nothing = new NewUser(" ", "", Set.of(), Optional.empty(), Optional.empty(), Set.of(), false);
        ValidationException e = assertThrows(ValidationException.class,
                () -> users.create(nothing, "short".toCharArray()));
        assertEquals(List.of("login", "displayName", "roles", "password"),
                e.errors().stream().map(FieldError::field).toList());
        assertEquals(0, users.count());

        ValidationException weak = assertThrows(ValidationException.class,
                () -> users.create(customer("customer1"), "1234567".toCharArray()));
        assertEquals(List.of("password"), weak.errors().stream().map(FieldError::field).toList());
        users.create(customer("customer1"), "12345678".toCharArray()); // eight characters are enough
    }

    @Test
    void changedPasswordReplacesTheOldOneAndClearsMustChange() {
        users.create(customer("customer1"), "first-password".toCharArray());
        users.changePassword("customer1", "second-password".toCharArray());

        assertEquals(Optional.empty(), users.authenticate("customer1", "first-password".toCharArray()));
        User user = users.authenticate("customer1", "second-password".toCharArray()).orElseThrow();
        assertFalse(user.mustChangePassword());
        assertThrows(ValidationException.class, () -> users.changePassword("customer1", "short".toCharArray()));
        assertThrows(NotFoundException.class, () -> users.changePassword("nobody", "long-enough".toCharArray()));
    }

    @Test
    void raisedCostRehashesThePasswordAtTheNextSignIn() {
        users.create(customer("customer1"), "s3cret-pass".toCharArray());
        JdbcUserDirectory costlier = new JdbcUserDirectory(db, ITERATIONS * 2, Clock.systemUTC());

        assertTrue(costlier.authenticate("customer1", "s3cret-pass".toCharArray()).isPresent());
        assertTrue(storedHash("customer1").startsWith("pbkdf2-sha256$" + ITERATIONS * 2 + "$"));
        assertTrue(users.authenticate("customer1", "s3cret-pass".toCharArray()).isPresent(), "old cost still reads");
    }

    @Test
    void aFiveLetterPasswordIsRefusedByTheDefaultRule() {
        JdbcUserDirectory configured = configured(Map.of(), Map.of(), Map.of());
        ValidationException e = assertThrows(ValidationException.class,
                () -> configured.create(customer("duty1"), "duty1".toCharArray()));
        assertEquals(List.of("password"), e.errors().stream().map(FieldError::field).toList());
        assertEquals(0, users.count());
    }

    @Test
    void theDemoRuleAcceptsShortPasswordsOnlyInDemoMode() {
        Map<String, String> demoRule = Map.of("demo.password.min.length", "4"); // etc/org.srplatform.demo.cfg
        JdbcUserDirectory normal = configured(Map.of(), demoRule, Map.of("demo", "false"));
        assertThrows(ValidationException.class, () -> normal.create(customer("duty1"), "duty1".toCharArray()));

        JdbcUserDirectory demo = configured(Map.of(), demoRule, Map.of("demo", "true"));
        demo.create(customer("duty1"), "duty1".toCharArray());
        demo.create(customer("rem1"), "rem1".toCharArray());
        assertThrows(ValidationException.class, () -> demo.create(customer("x"), "abc".toCharArray()));
        assertTrue(demo.authenticate("duty1", "duty1".toCharArray()).isPresent());

        JdbcUserDirectory demoWithoutItsRule = configured(Map.of(), Map.of(), Map.of("demo", "true"));
        assertThrows(ValidationException.class, () -> demoWithoutItsRule.create(customer("duty2"), "duty2".toCharArray()));
    }

    @Test
    void theMinimumLengthCanBeRaisedButNotLowered() {
        JdbcUserDirectory stricter = configured(Map.of("password.min.length", "12"), Map.of(), Map.of());
        assertThrows(ValidationException.class, () -> stricter.create(customer("a"), "eleven-char".toCharArray()));
        stricter.create(customer("a"), "twelve-chars".toCharArray());

        JdbcUserDirectory lowered = configured(Map.of("password.min.length", "4"), Map.of(), Map.of("demo", "false"));
        assertThrows(ValidationException.class, () -> lowered.create(customer("duty1"), "duty1".toCharArray()));
        lowered.create(customer("b"), "12345678".toCharArray());
    }

    @Test
    void demoUsersSignInOnlyInDemoMode() {
        JdbcUserDirectory demo = JdbcUserDirectory.inDemoMode(db, ITERATIONS, 4);
        demo.create(customer("admin1"), "admin1".toCharArray());
        assertTrue(demo.authenticate("admin1", "admin1".toCharArray()).isPresent(), "in demo mode");

        assertEquals(Optional.empty(), users.authenticate("admin1", "admin1".toCharArray()),
                "a normal start refuses a demo user, as a wrong password");
        assertTrue(users.find("admin1").isPresent(), "the user stays: SRs and comments name it");
        assertTrue(JdbcUserDirectory.inDemoMode(db, ITERATIONS, 4).authenticate("admin1", "admin1".toCharArray()).isPresent(),
                "and signs in again at the next demo start");
    }

    /** The demo's public passwords may come hashed from its build; nobody else's, and only readable hashes. */
    @Test
    void onlyADemoUserInDemoModeTakesAPasswordHashedBeforehand() {
        String hashed = new PasswordHasher(10_000, new SecureRandom()).hash("rem1".toCharArray());
        JdbcUserDirectory demo = JdbcUserDirectory.inDemoMode(db, ITERATIONS, 4);
        demo.create(customer("rem1"), "something".toCharArray());
        demo.presetDemoPassword("rem1", hashed);
        assertTrue(demo.authenticate("rem1", "rem1".toCharArray()).isPresent());
        assertEquals(hashed, storedHash("rem1"));

        ValidationException unreadable = assertThrows(ValidationException.class,
                () -> demo.presetDemoPassword("rem1", "pbkdf2-sha256$1$c2FsdA$aGFzaA"));
        assertEquals(List.of("passwordHash"), unreadable.errors().stream().map(FieldError::field).toList());
        assertEquals(hashed, storedHash("rem1"), "nothing changed");

        users.create(customer("ops"), "operator-pass".toCharArray());
        ValidationException notDemo = assertThrows(ValidationException.class,
                () -> demo.presetDemoPassword("ops", hashed), "an operator's user");
        assertEquals(List.of("login"), notDemo.errors().stream().map(FieldError::field).toList());
        assertThrows(ValidationException.class, () -> users.presetDemoPassword("rem1", hashed), "outside demo mode");
        assertTrue(users.authenticate("ops", "operator-pass".toCharArray()).isPresent());
    }

    @Test
    void anOperatorsUserStillSignsInInDemoModeAndKeepsTheNormalPasswordRule() {
        users.create(customer("ops"), "operator-pass".toCharArray());
        JdbcUserDirectory demo = JdbcUserDirectory.inDemoMode(db, ITERATIONS, 4);

        assertTrue(demo.authenticate("ops", "operator-pass".toCharArray()).isPresent());
        ValidationException weak = assertThrows(ValidationException.class, () -> demo.changePassword("ops", "abcd".toCharArray()),
                "the demo's short passwords are for demo users only");
        assertEquals(List.of("password"), weak.errors().stream().map(FieldError::field).toList());
        assertTrue(users.authenticate("ops", "operator-pass".toCharArray()).isPresent(), "and after the demo start");
    }

    @Test
    void demoLoginsStoredBeforeDemoUsersWereMarkedAreRefusedOutsideDemoMode() throws Exception {
        db.close();
        Path older = dir.resolve("older");
        // A store at V2 (this release's scripts before V3) with the demo's admin1, as a demo start left it.
        String url = "jdbc:derby:" + older.resolve("db") + ";create=true";
        try (Connection c = new EmbeddedDriver().connect(url, new Properties())) {
            new SchemaMigrations(new DerbyDialect()).migrate(c, SchemaMigrations.STORE_MODULE, "1.1.0-before",
                    SchemaMigrations.storeScripts().subList(0, 2));
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO users (login, display_name, password_hash, must_change_password, created_at)"
                        + " VALUES ('admin1', 'Alex', '" + new PasswordHasher(ITERATIONS, new SecureRandom())
                                .hash("admin1".toCharArray()) + "', FALSE, CURRENT_TIMESTAMP)");
                s.execute("INSERT INTO user_roles (login, role_name) VALUES ('admin1', 'ADMINISTRATOR')");
            }
        }
        try {
            new EmbeddedDriver().connect("jdbc:derby:" + older.resolve("db") + ";shutdown=true", new Properties());
        } catch (SQLException shutDown) {
            // 08006: Derby says it shut the database down by an exception
        }
        db = Fixtures.openDatabase(older);

        JdbcUserDirectory normal = new JdbcUserDirectory(db, ITERATIONS, Clock.systemUTC());
        assertEquals(Optional.empty(), normal.authenticate("admin1", "admin1".toCharArray()));
        assertTrue(JdbcUserDirectory.inDemoMode(db, ITERATIONS, 4).authenticate("admin1", "admin1".toCharArray()).isPresent());
    }

    /** The directory as DS builds it from org.srplatform.store.users, org.srplatform.demo and org.srplatform.platform. */
    private JdbcUserDirectory configured(Map<String, String> users, Map<String, String> demo, Map<String, String> platform) {
        Map<String, String> cheap = new HashMap<>(users);
        cheap.putIfAbsent("password.iterations", Integer.toString(ITERATIONS));
        return new JdbcUserDirectory(db, FakeConfiguration.of(UserDirectoryConfig.class, cheap),
                FakeConfiguration.of(DemoConfig.class, demo), FakeConfiguration.of(PlatformConfig.class, platform));
    }

    private static NewUser customer(String login) {
        return new NewUser(login, "Customer " + login, Set.of(Role.CUSTOMER), Optional.of("c1@acme.example"),
                Optional.of("AMER"), Set.of("1001", "2002"), true);
    }

    private String storedHash(String login) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE login = ?")) {
                s.setString(1, login);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    // ---------------------------------------------------------------- administration (issue 14)

    private org.srplatform.spi.store.Transactions transactions() {
        return new org.srplatform.store.internal.request.StoreTransactions(db, Clock.systemUTC(), () -> null);
    }

    private static org.srplatform.spi.security.NewUser customer(String login, String... accounts) {
        return new org.srplatform.spi.security.NewUser(login, "Pat Customer", java.util.Set.of(
                org.srplatform.api.security.Role.CUSTOMER), java.util.Optional.of(login + "@example.com"),
                java.util.Optional.empty(), java.util.Set.of(accounts), true);
    }

    @Test
    void aUserCreatedWithoutAPasswordSignsInOnlyWithTheOneTimePasswordAnAdministratorGives() {
        var tx = transactions();
        tx.inTransaction(t -> {
            users.create(t, customer("pat", "1001"));
            return null;
        });
        org.junit.jupiter.api.Assertions.assertTrue(users.authenticate("pat", "none".toCharArray()).isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(users.authenticate("pat", "".toCharArray()).isEmpty());
        tx.inTransaction(t -> {
            users.setOneTimePassword(t, "pat", "one-time-1234".toCharArray());
            return null;
        });
        var signedIn = users.authenticate("pat", "one-time-1234".toCharArray()).orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(signedIn.mustChangePassword(), "a one-time password opens only its change");
        users.changePassword("pat", "my own passphrase".toCharArray());
        org.junit.jupiter.api.Assertions.assertFalse(users.authenticate("pat", "my own passphrase".toCharArray())
                .orElseThrow().mustChangePassword());
    }

    @Test
    void aDeactivatedUserNeverSignsInAndIsKept() {
        users.create(new org.srplatform.spi.security.NewUser("dana", "Dana", java.util.Set.of(
                org.srplatform.api.security.Role.DUTY_MANAGER), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Set.of(), false), "a good password".toCharArray());
        transactions().inTransaction(t -> {
            users.setActive(t, "dana", false);
            return null;
        });
        org.junit.jupiter.api.Assertions.assertTrue(users.authenticate("dana", "a good password".toCharArray()).isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(users.withRole(org.srplatform.api.security.Role.DUTY_MANAGER).isEmpty());
        org.junit.jupiter.api.Assertions.assertFalse(users.stored("dana").orElseThrow().active());
        org.junit.jupiter.api.Assertions.assertTrue(users.find("dana").isPresent(), "history still names them");
        transactions().inTransaction(t -> {
            users.setActive(t, "dana", true);
            return null;
        });
        org.junit.jupiter.api.Assertions.assertTrue(users.authenticate("dana", "a good password".toCharArray()).isPresent());
    }

    @Test
    void anUpdateReplacesRolesAndAccountsAndKeepsThePassword() {
        users.create(customer("pat", "1001"), "a good password".toCharArray());
        transactions().inTransaction(t -> {
            users.update(t, customer("pat", "2002", "3003"));
            return null;
        });
        var u = users.authenticate("pat", "a good password".toCharArray()).orElseThrow();
        assertEquals(java.util.Set.of("2002", "3003"), u.accounts());
        assertEquals(List.of("pat"), users.users().stream().map(s -> s.user().login()).toList());
    }

    @Test
    void everyUserIsReadAtOnceAsEachIsReadAlone() {
        users.create(customer("pat", "1001", "2002"), "a good password".toCharArray());
        users.create(new NewUser("rem", "Rem", Set.of(Role.REGIONAL_ESCALATION_MANAGER, Role.DUTY_MANAGER), Optional.empty(),
                Optional.of("APJ"), Set.of(), false), "a good password".toCharArray());
        transactions().inTransaction(t -> {
            users.create(t, customer("ann", "1001"));
            users.setActive(t, "pat", false);
            return null;
        });
        List<org.srplatform.spi.security.StoredUser> all = users.users();
        assertEquals(List.of("ann", "pat", "rem"), all.stream().map(s -> s.user().login()).toList());
        for (var one : all) {
            assertEquals(users.stored(one.user().login()).orElseThrow(), one);
        }
        org.junit.jupiter.api.Assertions.assertFalse(all.get(1).active());
        assertEquals(Set.of("1001", "2002"), all.get(1).user().accounts());
    }

    @Test
    void aWriteThatRollsBackCreatesNoUser() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> transactions().inTransaction(t -> {
            users.create(t, customer("pat", "1001"));
            throw new IllegalStateException("the audit failed");
        }));
        org.junit.jupiter.api.Assertions.assertTrue(users.stored("pat").isEmpty());
    }
}
