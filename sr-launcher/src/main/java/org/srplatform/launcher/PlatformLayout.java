package org.srplatform.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The folders of an installed platform, as operators and scripts know them. */
public record PlatformLayout(Path home, Path system, Path etc, Path deploy, Path data, Path log) {

    static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    public static PlatformLayout of(Path home, Path data) {
        Path h = home.toAbsolutePath().normalize();
        return new PlatformLayout(h, h.resolve("system"), h.resolve("etc"), h.resolve("deploy"),
                data.toAbsolutePath().normalize(), h.resolve("log"));
    }

    public Path cache() {
        return data.resolve("cache");
    }

    /**
     * Creates the folders; the data folder (users' password hashes, SRs, attachments) as the owner's only.
     *
     * @return what could not be made private (a file system without POSIX permissions is no failure: it
     *         has its own protection), for the launcher to warn about
     */
    public List<String> createFolders() throws IOException {
        for (Path p : new Path[] {etc, deploy, log}) {
            Files.createDirectories(p);
        }
        return createPrivateFolder(data);
    }

    /**
     * A Java process cannot set its umask, so the folder is created 0700 and, when it exists already, it and
     * what lies directly in it are tightened at every start (folders 0700, files 0600). Deeper files need no
     * walk (attachments may be millions): a 0700 folder keeps others out of everything below it.
     */
    static List<String> createPrivateFolder(Path folder) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = Files.getFileStore(parent == null ? folder : parent).supportsFileAttributeView(PosixFileAttributeView.class);
        if (!Files.isDirectory(folder)) {
            if (posix) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PRIVATE_FOLDER));
            } else {
                Files.createDirectories(folder);
            }
        }
        List<String> notPrivate = new ArrayList<>();
        if (!posix) {
            return notPrivate;
        }
        tighten(folder, notPrivate);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                if (!Files.isSymbolicLink(child)) {
                    tighten(child, notPrivate);
                }
            }
        }
        return notPrivate;
    }

    private static void tighten(Path p, List<String> notPrivate) {
        Set<PosixFilePermission> wanted = Files.isDirectory(p) ? PRIVATE_FOLDER : PRIVATE_FILE;
        try {
            if (!Files.getPosixFilePermissions(p).equals(wanted)) {
                Files.setPosixFilePermissions(p, wanted);
            }
        } catch (IOException | SecurityException e) { // not ours (another user's folder): say so, do not stop
            notPrivate.add(p + " (" + e.getMessage() + ")");
        }
    }
}
