package org.srplatform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start order the distribution ships (etc/startlevels.properties) and the framework defaults that shorten a
 * start: the store opens beside the other bundles' start, and the REST whiteboard builds its applications last, once.
 */
class StartOrderTest {
    private static final Path ETC = Path.of("../sr-dist/src/dist/etc");

    private static Properties shipped() throws Exception {
        Properties levels = new Properties();
        try (InputStream in = Files.newInputStream(ETC.resolve("startlevels.properties"))) {
            levels.load(in);
        }
        return levels;
    }

    @Test
    void theStoreStartsWithTheBaseBeforeAnyCapabilityAndAfterScr() throws Exception {
        Properties levels = shipped();
        int store = SystemBundles.startLevel(levels, "org.srplatform.store");
        assertEquals(SystemBundles.startLevel(levels, "org.srplatform.api"), store);
        assertTrue(store < SystemBundles.startLevel(levels, "org.srplatform.casework"), "before the capabilities");
        assertTrue(store >= SystemBundles.startLevel(levels, "org.apache.felix.scr"), "SCR runs its components");
    }

    /** The port opens once sr-web answers /api/ (503 STARTING while the API is built), never as an empty server. */
    @Test
    void jettyListensOnlyOnceTheWebBaseIsThere() throws Exception {
        Properties levels = shipped();
        assertTrue(SystemBundles.startLevel(levels, "org.apache.felix.http.jetty12")
                > SystemBundles.startLevel(levels, "org.srplatform.web"));
    }

    @Test
    void theRestWhiteboardStartsAfterEveryPlatformBundle() throws Exception {
        Properties levels = shipped();
        int last = 0;
        for (String bsn : List.of("org.srplatform.store", "org.srplatform.web", "org.srplatform.casework",
                "org.srplatform.a.new.capability", "org.apache.felix.http.jetty12")) {
            last = Math.max(last, SystemBundles.startLevel(levels, bsn));
        }
        for (String whiteboard : List.of("org.eclipse.osgitech.rest", "org.eclipse.osgitech.rest.servlet.whiteboard",
                "org.eclipse.osgitech.rest.sse")) {
            assertTrue(SystemBundles.startLevel(levels, whiteboard) > last, whiteboard);
        }
    }

    /** The whiteboard also waits for the store's condition, so it builds its applications with every endpoint. */
    @Test
    void theRestWhiteboardWaitsForTheStoreToSettle() throws Exception {
        Properties whiteboard = new Properties();
        try (InputStream in = Files.newInputStream(ETC.resolve("JakartarsServletWhiteboardRuntimeComponent.cfg"))) {
            whiteboard.load(in);
        }
        assertEquals("(osgi.condition.id=org.srplatform.store.settled)",
                whiteboard.getProperty("osgi.ds.satisfying.condition.target"));
    }

    @Test
    void scrCachesComponentDescriptionsUnlessTheOperatorSaysOtherwise(@TempDir Path home) throws Exception {
        PlatformLayout layout = PlatformLayout.of(home, home.resolve("data"));
        assertEquals("true", Main.frameworkProperties(layout, LaunchOptions.parse(List.of())).get("ds.cache.metadata"));
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/platform.properties"), "ds.cache.metadata = false\n");
        assertEquals("false", Main.frameworkProperties(layout, LaunchOptions.parse(List.of())).get("ds.cache.metadata"));
    }

    /** Without a console the shell's bundles are not started; every other bundle is. */
    @Test
    void theShellIsTheGogoBundlesAndTheirTerminalLibrary() {
        for (String shell : List.of("org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command",
                "org.apache.felix.gogo.jline", "org.jline")) {
            assertTrue(Main.isShell(shell), shell);
        }
        for (String other : List.of("org.apache.felix.scr", "org.apache.felix.fileinstall", "org.srplatform.admin",
                "org.jline.extra")) {
            assertTrue(!Main.isShell(other), other);
        }
    }
}
