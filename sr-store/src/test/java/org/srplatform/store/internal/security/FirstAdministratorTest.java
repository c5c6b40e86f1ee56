package org.srplatform.store.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.spi.security.NewUser;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.DerbyDatabase;

class FirstAdministratorTest {

    @TempDir
    Path dir;
    private DerbyDatabase db;
    private JdbcUserDirectory users;

    @BeforeEach
    void open() {
        db = Fixtures.openDatabase(dir);
        users = new JdbcUserDirectory(db, 1_000, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void freshInstallationGetsAnAdministratorWithAOneTimePasswordInAFile() throws Exception {
        FirstAdministrator first = new FirstAdministrator(users, dir, false, new SecureRandom());

        Path file = first.passwordFile().orElseThrow();
        assertEquals(dir.resolve("admin-password.txt"), file);
        String password = password(file);
        assertEquals(20, password.length());
        assertTrue(Files.readString(file).startsWith("# The one-time password of the administrator 'admin'"));
        User admin = users.authenticate("admin", password.toCharArray()).orElseThrow();
        assertEquals(Set.of(Role.ADMINISTRATOR), admin.roles());
        assertTrue(admin.mustChangePassword());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
        }
    }

    @Test
    void noAdministratorWhenTheOperatorHasOne() {
        users.create(new NewUser("someone", "Someone", Set.of(Role.ADMINISTRATOR), Optional.empty(),
                Optional.empty(), Set.of(), false), "long-enough".toCharArray());
        FirstAdministrator first = new FirstAdministrator(users, dir, false, new SecureRandom());
        assertEquals(Optional.empty(), first.passwordFile());
        assertEquals(Optional.empty(), users.find("admin"));
        assertFalse(Files.exists(dir.resolve("admin-password.txt")));
    }

    @Test
    void aNormalStartAfterADemoStartCreatesTheAdministratorAndRefusesTheDemoOnes() throws Exception {
        JdbcUserDirectory demo = JdbcUserDirectory.inDemoMode(db, 1_000, 4);
        demo.create(new NewUser("admin1", "Alex Administrator", Set.of(Role.ADMINISTRATOR), Optional.empty(),
                Optional.empty(), Set.of(), false), "admin1".toCharArray());
        assertEquals(Optional.empty(), new FirstAdministrator(demo, dir, true, new SecureRandom()).passwordFile());

        Path file = new FirstAdministrator(users, dir, false, new SecureRandom()).passwordFile().orElseThrow();

        assertTrue(users.authenticate("admin", password(file).toCharArray()).isPresent(), "the operator's way in");
        assertEquals(Optional.empty(), users.authenticate("admin1", "admin1".toCharArray()), "admin1 is the demo's");
    }

    @Test
    void theOperatorsAdministratorStillSignsInInDemoMode() throws Exception {
        Path file = new FirstAdministrator(users, dir, false, new SecureRandom()).passwordFile().orElseThrow();
        String password = password(file);
        JdbcUserDirectory demo = JdbcUserDirectory.inDemoMode(db, 1_000, 4);

        assertEquals(Optional.empty(), new FirstAdministrator(demo, dir, true, new SecureRandom()).passwordFile());
        assertTrue(demo.authenticate("admin", password.toCharArray()).isPresent());
        assertEquals(Optional.empty(), new FirstAdministrator(users, dir, false, new SecureRandom()).passwordFile(),
                "and back in a normal start it is still the administrator");
    }

    @Test
    void whenAdminIsTakenByADemoUserTheAdministratorIsAdmin2() throws Exception {
        JdbcUserDirectory demo = JdbcUserDirectory.inDemoMode(db, 1_000, 4);
        demo.create(new NewUser("admin", "A demo's admin", Set.of(Role.ADMINISTRATOR), Optional.empty(),
                Optional.empty(), Set.of(), false), "admin".toCharArray());

        Path file = new FirstAdministrator(users, dir, false, new SecureRandom()).passwordFile().orElseThrow();

        assertTrue(Files.readString(file).startsWith("# The one-time password of the administrator 'admin2'"));
        assertTrue(users.authenticate("admin2", password(file).toCharArray()).isPresent());
    }

    /** The password line of the file (the line before it says whose it is). */
    private static String password(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).reduce((a, b) -> b)
                .orElseThrow().strip();
    }

    @Test
    void noAdministratorInDemoMode() {
        FirstAdministrator first = new FirstAdministrator(users, dir, true, new SecureRandom());
        assertEquals(Optional.empty(), first.passwordFile());
        assertEquals(0, users.count());
        assertFalse(Files.exists(dir.resolve("admin-password.txt")));
    }

    @Test
    void theFirstAdministratorIsNotCreatedInDemoMode() {
        FirstAdministrator first = new FirstAdministrator(users,
                FakeConfiguration.of(PlatformConfig.class, Map.of("data.dir", dir.toString(), "demo", "true")));
        assertEquals(Optional.empty(), first.passwordFile());
        assertEquals(0, users.count());
        assertFalse(Files.exists(dir.resolve("admin-password.txt")));
    }

    @Test
    void theOneTimePasswordGoesIntoTheDataFolderOfThePlatformConfiguration(@TempDir Path data) {
        FirstAdministrator first = new FirstAdministrator(users,
                FakeConfiguration.of(PlatformConfig.class, Map.of("data.dir", data.toString(), "demo", "false")));
        assertEquals(Optional.of(data.resolve("admin-password.txt")), first.passwordFile());
        assertEquals(1, users.count());
    }

    @Test
    void withoutADataFolderNoAdministratorIsCreated() {
        assertThrows(IllegalStateException.class,
                () -> new FirstAdministrator(users, FakeConfiguration.of(PlatformConfig.class, Map.of("demo", "false"))));
        assertEquals(0, users.count());
    }

    @Test
    void secondStartLeavesTheAdministratorAlone() throws Exception {
        Path file = new FirstAdministrator(users, dir, false, new SecureRandom()).passwordFile().orElseThrow();
        String password = Files.readString(file);
        assertEquals(Optional.empty(), new FirstAdministrator(users, dir, false, new SecureRandom()).passwordFile());
        assertEquals(password, Files.readString(file));
        assertEquals(1, users.count());
    }
}
