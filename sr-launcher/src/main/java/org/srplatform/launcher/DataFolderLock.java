package org.srplatform.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code data/.lock}, held by the running platform for as long as it runs, so that a second instance on the
 * same data folder is refused before its framework starts (Derby would refuse it much later, buried in
 * hundreds of log lines, with the rest of the platform half up). The operating system releases the lock
 * when the process ends, however it ends: a stale file locks nothing.
 */
public final class DataFolderLock implements AutoCloseable {
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or the process id of the instance holding it (empty when it cannot be read). */
    public sealed interface Outcome permits Held, InUse {
    }

    public record Held(DataFolderLock lock) implements Outcome {
    }

    public record InUse(Optional<Long> pid) implements Outcome {
    }

    public static Outcome acquire(Path data) throws IOException {
        Path file = data.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) { // held in this JVM already: in use all the same
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return new InUse(pidIn(file));
        }
        try {
            Files.setPosixFilePermissions(file, PlatformLayout.PRIVATE_FILE);
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions here, or not our file: the data folder's own protection applies
        }
        // Who holds it, for the message the next instance prints.
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new Held(new DataFolderLock(channel, lock));
    }

    private static Optional<Long> pidIn(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) { // being written, or not ours
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
