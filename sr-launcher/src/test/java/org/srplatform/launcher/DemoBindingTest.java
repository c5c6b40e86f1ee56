package org.srplatform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the HTTP port listens: demo users' passwords are their names, so the demo answers this machine only. */
class DemoBindingTest {

    @Test
    void demoModeListensOnLoopbackOnly(@TempDir Path home) throws Exception {
        PlatformLayout layout = PlatformLayout.of(home, home.resolve("data"));
        assertEquals("127.0.0.1", Main.frameworkProperties(layout, LaunchOptions.parse(List.of("--demo")))
                .get(Main.HTTP_HOST));
    }

    @Test
    void aNormalStartListensWhereTheOperatorSaysOnEveryInterfaceByDefault(@TempDir Path home) throws Exception {
        PlatformLayout layout = PlatformLayout.of(home, home.resolve("data"));
        assertNull(Main.frameworkProperties(layout, LaunchOptions.parse(List.of())).get(Main.HTTP_HOST));
    }

    @Test
    void anInterfaceTheOperatorChoseWinsInDemoModeToo(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/platform.properties"), Main.HTTP_HOST + " = 0.0.0.0\n");
        PlatformLayout layout = PlatformLayout.of(home, home.resolve("data"));
        assertEquals("0.0.0.0", Main.frameworkProperties(layout, LaunchOptions.parse(List.of("--demo")))
                .get(Main.HTTP_HOST));
    }
}
