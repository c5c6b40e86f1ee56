package org.srplatform.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folders of an installed platform, as operators and scripts know them. */
public record PlatformLayout(Path home, Path system, Path etc, Path deploy, Path data, Path log) {

    public static PlatformLayout of(Path home, Path data) {
        Path h = home.toAbsolutePath().normalize();
        return new PlatformLayout(h, h.resolve("system"), h.resolve("etc"), h.resolve("deploy"),
                data.toAbsolutePath().normalize(), h.resolve("log"));
    }

    public Path cache() {
        return data.resolve("cache");
    }

    public void createFolders() throws IOException {
        for (Path p : new Path[] {etc, deploy, data, log}) {
            Files.createDirectories(p);
        }
    }
}
