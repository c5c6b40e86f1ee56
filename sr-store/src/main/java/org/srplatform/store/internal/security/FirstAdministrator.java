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
import org.srplatform.spi.security.UserDirectory;

/**
 * On a fresh installation (no user at all, not in demo mode) creates the administrator {@code admin}
 * with a random one-time password, written to {@code admin-password.txt} in the data folder for the
 * operator: there is no default password to forget to change. Demo mode and the data folder come from
 * the platform's configuration, which is required: nothing is decided before it is known.
 */
@Component(service = {}, configurationPid = "org.srplatform.platform", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class FirstAdministrator {

    static final String LOGIN = "admin";
    static final String PASSWORD_FILE = "admin-password.txt";
    private static final int PASSWORD_LENGTH = 20;
    // No 0/O, 1/l/I: the operator may have to type it from a screen.
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Optional<Path> passwordFile;

    @Activate
    public FirstAdministrator(@Reference UserDirectory users, PlatformConfig platform) {
        this.passwordFile = platform.demo() || users.count() > 0 ? Optional.empty()
                : create(users, dataFolder(platform), new SecureRandom());
    }

    public FirstAdministrator(UserDirectory users, Path dataDir, boolean demo, SecureRandom random) {
        this.passwordFile = demo || users.count() > 0 ? Optional.empty() : create(users, dataDir, random);
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

    private static Optional<Path> create(UserDirectory users, Path dataDir, SecureRandom random) {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            // The file first: an administrator whose password was never written down locks everyone out.
            write(file, password);
            users.create(new NewUser(LOGIN, "Administrator", Set.of(Role.ADMINISTRATOR), Optional.empty(),
                    Optional.empty(), Set.of(), true), password);
        } catch (ConflictException e) { // another node sharing the database was quicker
            deleteQuietly(file);
            LOG.info("The first administrator was created by another node");
            return Optional.empty();
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.warn("Created the administrator '{}' with a one-time password, written to {}. Sign in as {} with it"
                + " and change the password, then delete the file.", LOGIN, file, LOGIN);
        return Optional.of(file);
    }

    private static void write(Path file, char[] password) {
        try {
            Files.deleteIfExists(file);
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file); // no POSIX permissions here: the folder's own protection applies
            }
            Files.writeString(file, new String(password) + System.lineSeparator(), StandardCharsets.UTF_8);
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
