package org.srplatform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

    @Test
    void readsEveryFlag() {
        LaunchOptions o = LaunchOptions.parse(List.of("--demo", "--port", "9090", "--data", "/tmp/sr", "--no-console"));
        assertTrue(o.demo());
        assertEquals(9090, o.port().getAsInt());
        assertEquals(Path.of("/tmp/sr"), o.data().orElseThrow());
        assertFalse(o.console());
        assertEquals(8081, LaunchOptions.parse(List.of("--port=8081")).port().getAsInt());
    }

    @Test
    void aBadPortIsRefusedWithWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--port", "70000")));
        assertTrue(e.getMessage().contains("1 to 65535"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(List.of("--port")));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(List.of("--data", "--demo")));
    }

    @Test
    void anUnknownFlagIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(List.of("--dmeo")));
        assertTrue(e.getMessage().contains("--dmeo"));
    }

    @Test
    void flagsWinOverEtcPlatformProperties(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/platform.properties"),
                "org.osgi.service.http.port = 7070\ncustom.dir = ${sr.data}/custom\n");
        PlatformLayout layout = PlatformLayout.of(home, home.resolve("data"));
        Map<String, String> p = Main.frameworkProperties(layout, LaunchOptions.parse(List.of("--port", "9091")));
        assertEquals("9091", p.get("org.osgi.service.http.port"));
        assertEquals(home.resolve("data") + "/custom", p.get("custom.dir"));
        assertEquals("false", p.get("sr.demo"));
        assertEquals("false", p.get("felix.fileinstall.enableConfigSave"), "FileInstall never rewrites etc/");
        Map<String, String> fromFile = Main.frameworkProperties(layout, LaunchOptions.parse(List.of("--demo")));
        assertEquals("7070", fromFile.get("org.osgi.service.http.port"));
        assertEquals("true", fromFile.get("sr.demo"));
    }

    @Test
    void theDataFolderAndDemoModeAreAlwaysSetAndComeFromTheFlags(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/platform.properties"), "sr.demo = true\nsr.data = /somewhere/else\n");
        PlatformLayout layout = PlatformLayout.of(home, home.resolve("data"));

        Map<String, String> normal = Main.frameworkProperties(layout, LaunchOptions.parse(List.of()));
        assertEquals("false", normal.get("sr.demo"), "only --demo switches demo mode on");
        assertEquals(layout.data().toString(), normal.get("sr.data"));
        assertEquals("true", Main.frameworkProperties(layout, LaunchOptions.parse(List.of("--demo"))).get("sr.demo"));
    }

    /**
     * FileInstall substitutes framework properties in etc/*.cfg; one the launcher does not set would
     * reach the components as an empty value (org.srplatform.platform's data.dir, demo).
     */
    @Test
    void everyPropertyTheDistributionsConfigurationUsesIsSet(@TempDir Path home) throws Exception {
        Path etc = Path.of("../sr-dist/src/dist/etc");
        assertTrue(Files.isRegularFile(etc.resolve("org.srplatform.platform.cfg")), etc.toAbsolutePath().toString());
        for (boolean demo : new boolean[] {false, true}) {
            Map<String, String> p = Main.frameworkProperties(PlatformLayout.of(home, home.resolve("data")),
                    LaunchOptions.parse(demo ? List.of("--demo") : List.of()));
            try (Stream<Path> files = Files.list(etc)) {
                for (Path cfg : files.filter(f -> f.toString().endsWith(".cfg")).toList()) {
                    Properties values = new Properties();
                    try (var in = Files.newInputStream(cfg)) {
                        values.load(in);
                    }
                    for (String key : values.stringPropertyNames()) {
                        String substituted = Main.substitute(values.getProperty(key), p);
                        assertFalse(substituted.contains("${"), cfg.getFileName() + ": " + key + " = " + substituted);
                    }
                }
            }
            Properties platform = new Properties();
            try (var in = Files.newInputStream(etc.resolve("org.srplatform.platform.cfg"))) {
                platform.load(in);
            }
            assertEquals(Boolean.toString(demo), Main.substitute(platform.getProperty("demo"), p));
            assertEquals(home.resolve("data").toAbsolutePath().normalize().toString(),
                    Main.substitute(platform.getProperty("data.dir"), p));
        }
    }
}
