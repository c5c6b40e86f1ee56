package org.srplatform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
}
