package org.srplatform.store.internal.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.common.ConflictException;
import org.srplatform.spi.security.NewUser;
import org.srplatform.api.security.Role;

/**
 * Outside demo mode, whenever no administrator exists but demo users (a fresh installation, or data that
 * a demo start made, whose {@code admin1} cannot sign in outside demo mode), creates the administrator
 * {@code admin} with a random one-time password, written to {@code admin-password.txt} in the data
 * folder for the operator: there is no default password to forget to change, and a normal start always
 * leaves the operator a way in that no one else knows. Demo mode and the data folder come from the
 * platform's configuration, which is required: nothing is decided before it is known.
 */
@Component(service = {}, configurationPid = "org.srplatform.platform", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class FirstAdministrator {

    static final String LOGIN = "admin";
    static final String PASSWORD_FILE = "admin-password.txt";
    private static final int PASSWORD_LENGTH = 20;
    private static final int MAX_LOGIN_TRIES = 10;
    // No 0/O, 1/l/I: the operator may have to type it from a screen.
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Optional<Path> passwordFile;

    @Activate
    public FirstAdministrator(@Reference JdbcUserDirectory users, PlatformConfig platform) {
        this.passwordFile = platform.demo() || users.hasOperatorAdministrator() ? Optional.empty()
                : create(users, dataFolder(platform), new SecureRandom());
    }

    public FirstAdministrator(JdbcUserDirectory users, Path dataDir, boolean demo, SecureRandom random) {
        this.passwordFile = demo || users.hasOperatorAdministrator() ? Optional.empty() : create(users, dataDir, random);
    }

    private static Path dataFolder(PlatformConfig platform) {
        if (platform.data_dir().isBlank()) {
            throw new IllegalStateException("No data folder for the administrator's one-time password: set data.dir"
                    + " in org.srplatform.platform (etc/org.srplatform.platform.cfg)");
        }
        return Path.of(platform.data_dir().strip());
    }

    /** The file with the password, when this start created the administrator. */
    public Optional<Path> passwordFile() {
        return passwordFile;
    }

    private static Optional<Path> create(JdbcUserDirectory users, Path dataDir, SecureRandom random) {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            // 'admin' may be taken by a user who is no administrator the operator can use: then admin2, admin3...
            for (int n = 1; n <= MAX_LOGIN_TRIES; n++) {
                String login = n == 1 ? LOGIN : LOGIN + n;
                // The file first: an administrator whose password was never written down locks everyone out.
                write(file, login, password);
                try {
                    users.create(new NewUser(login, "Administrator", Set.of(Role.ADMINISTRATOR), Optional.empty(),
                            Optional.empty(), Set.of(), true), password);
                    LOG.warn("Created the administrator '{}' with a one-time password, written to {}. Sign in as {} with it"
                            + " and change the password, then delete the file.", login, file, login);
                    return Optional.of(file);
                } catch (ConflictException e) {
                    if (users.hasOperatorAdministrator()) { // another node sharing the database was quicker
                        deleteQuietly(file);
                        LOG.info("The first administrator was created by another node");
                        return Optional.empty();
                    }
                }
            }
            throw new IllegalStateException("cannot create a first administrator: the logins " + LOGIN + " to " + LOGIN
                    + MAX_LOGIN_TRIES + " are all taken");
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static void write(Path file, String login, char[] password) {
        try {
            Files.deleteIfExists(file);
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file); // no POSIX permissions here: the folder's own protection applies
            }
            Files.writeString(file, "# The one-time password of the administrator '" + login + "': sign in with it, set your own"
                    + " with PUT /api/v1/me/password, then delete this file." + System.lineSeparator()
                    + new String(password) + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the administrator's password to " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", file, e);
        }
    }
}
