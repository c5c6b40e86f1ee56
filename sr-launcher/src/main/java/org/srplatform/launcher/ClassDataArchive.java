package org.srplatform.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The class-data archive this JVM writes when it exits, when {@code bin/sr-platform} asked for one (there
 * was none for this JDK and these jars). It is worth keeping only from a run that started the platform
 * whole: a start that stops at once (the port in use, the data folder locked) would archive little more
 * than the launcher. Once the framework has started every bundle, a marker beside the archive-to-be says
 * so, and the next start takes the archive only with its marker.
 */
final class ClassDataArchive {
    /** The file the JVM writes at exit, set by bin/sr-platform with -XX:ArchiveClassesAtExit or -XX:AOTCacheOutput. */
    static final String RECORDING_PROPERTY = "sr.class.cache.recording";
    static final String STARTED_SUFFIX = ".started";

    private final Path recording;

    private ClassDataArchive(Path recording) {
        this.recording = recording;
    }

    static Optional<ClassDataArchive> recording(String file) {
        return Optional.ofNullable(file).filter(f -> !f.isBlank()).map(f -> new ClassDataArchive(Path.of(f)));
    }

    Path marker() {
        return recording.resolveSibling(recording.getFileName() + STARTED_SUFFIX);
    }

    /** The platform has started every bundle: what the JVM archives at exit covers a real start. */
    void platformStarted() {
        try {
            Files.writeString(marker(), "started\n");
        } catch (IOException e) {
            // Without the marker the next start just makes another archive.
            System.err.println("sr-platform: warning: cannot write " + marker() + " (" + Main.reason(e) + ")");
        }
    }
}
