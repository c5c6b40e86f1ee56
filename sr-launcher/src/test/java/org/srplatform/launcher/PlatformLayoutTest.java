package org.srplatform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformLayoutTest {
    @TempDir
    Path home;

    @Test
    void aNewDataFolderIsTheOwnersOnly() throws Exception {
        assumeTrue(Files.getFileStore(home).supportsFileAttributeView("posix"));
        PlatformLayout layout = PlatformLayout.of(home, home.resolve("var/sr-data"));

        assertEquals(List.of(), layout.createFolders());

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.data())));
    }

    @Test
    void anExistingDataFolderAndWhatLiesInItAreTightened() throws Exception {
        assumeTrue(Files.getFileStore(home).supportsFileAttributeView("posix"));
        Path data = Files.createDirectories(home.resolve("data"));
        Path db = Files.createDirectories(data.resolve("db"));
        Path choices = Files.writeString(data.resolve("features.properties"), "intake=false\n");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(choices, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(List.of(), PlatformLayout.of(home, data).createFolders());

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(choices)));
    }
}
