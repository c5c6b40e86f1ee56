package org.srplatform.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * The bundles of {@code system/}, resolved at build time from {@code sr-platform.bndrun}, each with
 * its start level from {@code etc/startlevels.properties}: the few bundles others need before their
 * classes load (SPI Fly, logging) start first.
 */
public final class SystemBundles {
    static final int DEFAULT_LEVEL = 3;

    public record SystemBundle(Path file, String symbolicName, boolean fragment, int startLevel) {
    }

    private SystemBundles() {
    }

    /**
     * A bundle's start level: its own line, else the longest {@code prefix.*} line that matches it (so
     * {@code org.srplatform.*} places every capability without a line of its own), else {@value #DEFAULT_LEVEL}.
     */
    static int startLevel(Properties levels, String bsn) {
        String exact = levels.getProperty(bsn);
        if (exact != null) {
            return Integer.parseInt(exact.trim());
        }
        String best = null;
        for (String key : levels.stringPropertyNames()) {
            if (key.endsWith(".*") && bsn.startsWith(key.substring(0, key.length() - 1))
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? DEFAULT_LEVEL : Integer.parseInt(levels.getProperty(best).trim());
    }

    public static List<SystemBundle> read(Path system, Path startLevels) throws IOException {
        Properties levels = new Properties();
        if (Files.isRegularFile(startLevels)) {
            try (InputStream in = Files.newInputStream(startLevels)) {
                levels.load(in);
            }
        }
        List<SystemBundle> bundles = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(system, "*.jar")) {
            for (Path jar : jars) {
                Manifest mf = manifest(jar);
                String bsn = mf == null ? null : mf.getMainAttributes().getValue("Bundle-SymbolicName");
                if (bsn == null) {
                    throw new IOException(jar + " is not an OSGi bundle (no Bundle-SymbolicName)");
                }
                bsn = bsn.split(";")[0].trim();
                boolean fragment = mf.getMainAttributes().getValue("Fragment-Host") != null;
                int level = startLevel(levels, bsn);
                bundles.add(new SystemBundle(jar, bsn, fragment, level));
            }
        }
        bundles.sort(Comparator.comparingInt(SystemBundle::startLevel).thenComparing(SystemBundle::symbolicName));
        return bundles;
    }

    /**
     * A jar's manifest, read from the start of the file where jar tools put it: opening the jar whole
     * reads its central directory first, thousands of entries in the larger bundles, on every start.
     * The central directory is read only for a jar whose manifest is not among its first entries.
     */
    static Manifest manifest(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(new BufferedInputStream(Files.newInputStream(jar)), false)) {
            Manifest mf = in.getManifest();
            if (mf != null) {
                return mf;
            }
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }
}
