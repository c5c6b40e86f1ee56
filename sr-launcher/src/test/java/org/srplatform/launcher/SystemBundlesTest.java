package org.srplatform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemBundlesTest {

    @TempDir
    Path system;

    @Test
    void aNewCapabilityGetsThePlatformsLevelWithoutALineOfItsOwn() {
        Properties levels = new Properties();
        levels.setProperty("org.srplatform.*", "4");
        levels.setProperty("org.srplatform.web", "3");
        levels.setProperty("org.srplatform.web.*", "5");
        levels.setProperty("org.apache.felix.configadmin", "2");
        assertEquals(4, SystemBundles.startLevel(levels, "org.srplatform.escalation"));
        assertEquals(3, SystemBundles.startLevel(levels, "org.srplatform.web"), "its own line wins");
        assertEquals(5, SystemBundles.startLevel(levels, "org.srplatform.web.extra"), "the longest prefix wins");
        assertEquals(2, SystemBundles.startLevel(levels, "org.apache.felix.configadmin"));
        assertEquals(SystemBundles.DEFAULT_LEVEL, SystemBundles.startLevel(levels, "org.apache.felix.scr"));
    }

    /** Jar tools put the manifest first; a jar that has it further on is read through its directory. */
    @Test
    void bundlesAreReadWhereverTheirManifestSitsInTheJar() throws IOException {
        jar("first.jar", true, "Bundle-SymbolicName: org.srplatform.first;singleton:=true\n");
        jar("later.jar", false, "Bundle-SymbolicName: org.srplatform.later\nFragment-Host: org.srplatform.first\n");
        Path levels = system.resolve("startlevels.properties");
        Files.writeString(levels, "org.srplatform.*=4\norg.srplatform.later=2\n");

        List<SystemBundles.SystemBundle> bundles = SystemBundles.read(system, levels);

        assertEquals(List.of(new SystemBundles.SystemBundle(system.resolve("later.jar"), "org.srplatform.later", true, 2),
                new SystemBundles.SystemBundle(system.resolve("first.jar"), "org.srplatform.first", false, 4)), bundles);
    }

    @Test
    void aJarWithoutASymbolicNameIsRefusedByName() throws IOException {
        jar("plain.jar", true, "Main-Class: Plain\n");
        IOException e = assertThrows(IOException.class, () -> SystemBundles.read(system, system.resolve("none")));
        assertTrue(e.getMessage().contains("plain.jar is not an OSGi bundle"), e.getMessage());
    }

    private void jar(String name, boolean manifestFirst, String headers) throws IOException {
        byte[] manifest = ("Manifest-Version: 1.0\n" + headers + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream file = Files.newOutputStream(system.resolve(name));
                ZipOutputStream zip = new ZipOutputStream(file)) {
            if (!manifestFirst) {
                entry(zip, "org/srplatform/Some.class", new byte[] {(byte) 0xca, (byte) 0xfe});
            }
            entry(zip, "META-INF/MANIFEST.MF", manifest);
            entry(zip, "org/srplatform/Other.class", new byte[] {(byte) 0xca, (byte) 0xfe});
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
