package org.srplatform.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureChoicesTest {

    @Test
    void noFileSetsNothing(@TempDir Path data) {
        assertTrue(new FeatureChoices(data.resolve("features.properties")).choices().isEmpty());
    }

    @Test
    void anOperatorEditedFileIsHonouredBothWays(@TempDir Path data) throws Exception {
        Path file = data.resolve("features.properties");
        Files.writeString(file, "# edited by hand\nintake = false\ncatalog = TRUE\nnotes = later\n");
        assertEquals(Map.of("intake", false, "catalog", true), new FeatureChoices(file).choices(), "'later' is no switch");
    }

    @Test
    void anAppliedFileIsMovedAsideReplacingTheLastOne(@TempDir Path data) throws Exception {
        Path file = data.resolve("features.properties");
        Files.writeString(file.resolveSibling("features.properties.applied"), "intake=false\n");
        Files.writeString(file, "intake=true\n");
        FeatureChoices choices = new FeatureChoices(file);
        choices.applied();

        assertFalse(Files.exists(file));
        assertEquals("intake=true\n", Files.readString(file.resolveSibling("features.properties.applied")));
        assertTrue(choices.choices().isEmpty(), "taken in once");
    }
}
