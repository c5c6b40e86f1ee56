package org.srplatform.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Constants;
import org.srplatform.launcher.LaunchOptions;
import org.srplatform.launcher.Main;
import org.srplatform.launcher.PlatformLayout;
import org.srplatform.launcher.SystemBundles;

/**
 * A throw-away platform home for a test: the distribution's bundles (the one list, resolved by
 * sr-dist) and a copy of its etc/, with fresh deploy/, data/ and log/ folders and a free port.
 */
final class TestPlatform {
    final Path dist;
    final Path home;
    final PlatformLayout layout;
    final int port;

    private TestPlatform(Path dist, Path home, int port) {
        this.dist = dist;
        this.home = home;
        this.layout = new PlatformLayout(home, dist.resolve("system"), home.resolve("etc"), home.resolve("deploy"),
                home.resolve("data"), home.resolve("log"));
        this.port = port;
    }

    static Path distribution() {
        Path dist = Path.of(System.getProperty("sr.dist", "../sr-dist/target/sr-platform")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dist.resolve("system"))) {
            throw new IllegalStateException("No distribution at " + dist + ": build sr-dist first (mvn install)");
        }
        return dist;
    }

    static TestPlatform create() {
        try {
            Path dist = distribution();
            Path home = Files.createTempDirectory("sr-platform-test");
            copyTree(dist.resolve("etc"), home.resolve("etc"));
            TestPlatform platform = new TestPlatform(dist, home, freePort());
            platform.layout.createFolders();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<SystemBundles.SystemBundle> bundles() throws IOException {
        return SystemBundles.read(layout.system(), layout.etc().resolve("startlevels.properties"));
    }

    /** The launcher's framework properties for this home, in demo mode. */
    Map<String, String> frameworkProperties(boolean demo) throws IOException {
        List<String> args = demo ? List.of("--demo", "--port", Integer.toString(port), "--no-console")
                : List.of("--port", Integer.toString(port), "--no-console");
        return Main.frameworkProperties(layout, LaunchOptions.parse(args));
    }

    /**
     * Pax Exam options that boot this platform in demo mode: the distribution's bundles with their start
     * levels and the launcher's framework properties.
     */
    Option[] paxExamOptions() throws IOException {
        List<Option> options = new ArrayList<>();
        for (Map.Entry<String, String> p : frameworkProperties(true).entrySet()) {
            if (!p.getKey().equals(Constants.FRAMEWORK_STORAGE)) { // Pax Exam keeps its own cache
                options.add(CoreOptions.frameworkProperty(p.getKey()).value(p.getValue()));
            }
        }
        for (SystemBundles.SystemBundle b : bundles()) {
            var option = CoreOptions.bundle(b.file().toUri().toString()).startLevel(b.startLevel());
            options.add(b.fragment() ? option.noStart() : option.start());
        }
        options.add(CoreOptions.systemProperty("pax.exam.logging").value("none")); // pax-logging is in the set already
        options.add(CoreOptions.frameworkStartLevel(10));
        options.add(CoreOptions.junitBundles());
        options.add(CoreOptions.cleanCaches(true));
        return options.toArray(Option[]::new);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
