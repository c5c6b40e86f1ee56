package org.srplatform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

    @TempDir
    Path cache;

    @Test
    void withoutARecordingThereIsNothingToMark() {
        assertEquals(Optional.empty(), ClassDataArchive.recording(null));
        assertEquals(Optional.empty(), ClassDataArchive.recording(" "));
    }

    /** bin/sr-platform takes an archive only with this marker: it names the file the JVM writes at exit. */
    @Test
    void aStartedPlatformMarksTheArchiveItsJvmWritesAtExit() {
        Path recording = cache.resolve("sr-platform-123.jsa.4242.tmp");
        ClassDataArchive archive = ClassDataArchive.recording(recording.toString()).orElseThrow();
        assertFalse(Files.exists(archive.marker()));

        archive.platformStarted();

        assertTrue(Files.exists(cache.resolve("sr-platform-123.jsa.4242.tmp.started")));
        assertFalse(Files.exists(recording), "the JVM writes the archive itself, at exit");
    }

    @Test
    void aMarkerThatCannotBeWrittenOnlyCostsTheArchive() {
        ClassDataArchive archive = ClassDataArchive.recording(cache.resolve("gone/x.jsa.1.tmp").toString()).orElseThrow();
        archive.platformStarted();
        assertFalse(Files.exists(archive.marker()));
    }
}
