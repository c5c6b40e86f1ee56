package org.srplatform.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureChoicesTest {

    @Test
    void noFileMeansEveryFeatureIsOn(@TempDir Path data) {
        assertTrue(new FeatureChoices(data.resolve("features.properties")).disabled().isEmpty());
    }

    @Test
    void disabledFeaturesAreReadBackByANewInstance(@TempDir Path data) {
        Path file = data.resolve("sub/features.properties");
        new FeatureChoices(file).save(Set.of("intake", "catalog"));
        assertEquals(Set.of("catalog", "intake"), new FeatureChoices(file).disabled());
        new FeatureChoices(file).save(Set.of("catalog"));
        assertEquals(Set.of("catalog"), new FeatureChoices(file).disabled());
        assertFalse(Files.exists(file.resolveSibling("features.properties.tmp")), "no temporary file left");
    }

    @Test
    void anOperatorEditedFileIsHonoured(@TempDir Path data) throws Exception {
        Path file = data.resolve("features.properties");
        Files.writeString(file, "# edited by hand\nintake = false\ncatalog = true\n");
        assertEquals(Set.of("intake"), new FeatureChoices(file).disabled());
    }
}
