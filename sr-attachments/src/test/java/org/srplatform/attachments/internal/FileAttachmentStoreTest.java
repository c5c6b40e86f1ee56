package org.srplatform.attachments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAttachmentStoreTest {

    @TempDir
    Path data;

    @Test
    void attachmentsAreKeptInTheDataFolderOfThePlatformConfiguration() {
        start(Map.of(), Map.of("data.dir", data.toString()));
        assertTrue(Files.isDirectory(data.resolve("attachments").resolve(".incoming")));
    }

    @Test
    void theAttachmentsOwnFolderWinsOverTheDataFolder(@TempDir Path elsewhere) {
        start(Map.of("dir", elsewhere.resolve("files").toString()), Map.of("data.dir", data.toString()));
        assertTrue(Files.isDirectory(elsewhere.resolve("files").resolve(".incoming")));
        assertFalse(Files.exists(data.resolve("attachments")));
    }

    @Test
    void withoutAFolderInTheConfigurationTheStoreDoesNotStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("data.dir"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> start(Map.of("dir", " "), Map.of("data.dir", "")));
    }

    @Test
    void partsLeftByACrashAreClearedAtStart() throws Exception {
        Path incoming = Files.createDirectories(data.resolve("attachments").resolve(".incoming"));
        Files.writeString(incoming.resolve("0123.part"), "half an upload");
        start(Map.of(), Map.of("data.dir", data.toString()));
        try (var left = Files.list(incoming)) {
            assertEquals(0, left.count());
        }
    }

    private static FileAttachmentStore start(Map<String, ?> attachments, Map<String, ?> platform) {
        // The constructor only prepares the folder; the SR services are not called.
        return new FileAttachmentStore(null, null, FakeConfiguration.of(AttachmentsConfig.class, attachments),
                FakeConfiguration.of(PlatformConfig.class, platform));
    }
}
