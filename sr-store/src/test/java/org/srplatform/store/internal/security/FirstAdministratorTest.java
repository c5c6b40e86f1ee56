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
        String password = Files.readString(file).strip();
        assertEquals(20, password.length());
        User admin = users.authenticate("admin", password.toCharArray()).orElseThrow();
        assertEquals(Set.of(Role.ADMINISTRATOR), admin.roles());
        assertTrue(admin.mustChangePassword());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
        }
    }

    @Test
    void noAdministratorWhenUsersExist() {
        users.create(new NewUser("someone", "Someone", Set.of(Role.SUPPORT_ENGINEER), Optional.empty(),
                Optional.empty(), Set.of(), false), "long-enough".toCharArray());
        FirstAdministrator first = new FirstAdministrator(users, dir, false, new SecureRandom());
        assertEquals(Optional.empty(), first.passwordFile());
        assertEquals(Optional.empty(), users.find("admin"));
        assertFalse(Files.exists(dir.resolve("admin-password.txt")));
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
