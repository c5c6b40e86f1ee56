package org.srplatform.attachments.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.attachments.AttachmentStorage;

/**
 * Attachments' bytes as files: key {@code a/b} is {@code <folder>/a/b}. The folder may be shared by several platform
 * nodes (NFS...), so nothing here assumes it is alone:
 * <ul>
 * <li>an upload is written to {@code <folder>/.incoming/<random>.part}, forced to disk, then moved to its key's name
 * in one atomic rename (the same file system), and the folder that holds it is forced too, before {@link #put}
 * returns: the SR's metadata commits only after the bytes are durable, and no node ever sees half a file under a
 * key;</li>
 * <li>names are random (part files, and the keys the caller gives), and an existing key is never replaced;</li>
 * <li>part files left by a crash are deleted once they have not changed for {@value #PART_MAX_AGE_MINUTES} minutes,
 * never at once, because a part file may be another node's upload in progress.</li>
 * </ul>
 * The folder comes from configuration only ({@code storage.dir}, its older name {@code dir}, else {@code data.dir} of
 * the platform), and both configurations are required: without them the storage does not start, rather than write
 * into a folder it was not given. The distribution ships etc/org.srplatform.attachments.cfg (keys commented) and
 * etc/org.srplatform.platform.cfg for that. Part of the attachments feature: switched off with it.
 */
@Component(configurationPid = {"org.srplatform.attachments", "org.srplatform.platform"},
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = {
        AttachmentStorage.TYPE_PROPERTY + "=file",
        "sr.feature=attachments",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=attachments)))" })
public final class FileAttachmentStorage implements AttachmentStorage {
    static final String INCOMING = ".incoming";
    static final String PART = ".part";
    static final long PART_MAX_AGE_MINUTES = 60;
    private static final Duration PART_MAX_AGE = Duration.ofMinutes(PART_MAX_AGE_MINUTES);
    private static final Logger LOG = LoggerFactory.getLogger(FileAttachmentStorage.class);
    private static final int BUFFER = 64 * 1024;

    private final Path dir;
    private final Path incoming;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** When part files were last swept: at start, then at most every {@link #PART_MAX_AGE} from an upload. */
    private volatile Instant swept;

    @Activate
    public FileAttachmentStorage(AttachmentsConfig config, PlatformConfig platform) {
        this(folder(config, platform), Clock.systemUTC());
    }

    FileAttachmentStorage(Path dir, Clock clock) {
        this.dir = dir.toAbsolutePath().normalize();
        this.incoming = this.dir.resolve(INCOMING);
        this.clock = clock;
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the attachments folder " + incoming, e);
        }
        sweep();
    }

    /** {@code storage.dir}, else {@code dir}, else {@code <data.dir>/attachments}; none set is a configuration error. */
    static Path folder(AttachmentsConfig config, PlatformConfig platform) {
        if (!config.storage_dir().isBlank()) {
            return Path.of(config.storage_dir().strip());
        }
        if (!config.dir().isBlank()) {
            return Path.of(config.dir().strip());
        }
        if (platform.data_dir().isBlank()) {
            throw new IllegalStateException("No folder for attachments: set storage.dir in org.srplatform.attachments"
                    + " or data.dir in org.srplatform.platform (etc/org.srplatform.platform.cfg)");
        }
        return Path.of(platform.data_dir().strip(), "attachments");
    }

    Path folder() {
        return dir;
    }

    @Override
    public void put(String key, InputStream content) throws IOException {
        Path target = path(key);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        sweepIfDue();
        Path part = incoming.resolve(randomName() + PART);
        try {
            write(content, part);
            Path parent = target.getParent();
            boolean newFolder = !Files.isDirectory(parent);
            Files.createDirectories(parent);
            if (Files.exists(target)) { // keys are random: only a caller's mistake gets here
                throw new FileAlreadyExistsException(target.toString());
            }
            move(part, target);
            force(parent); // the rename itself durable
            if (newFolder) {
                force(parent.getParent());
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key)); // the SR's folder stays: another node may be moving a file into it
    }

    /** A key's file, never outside the folder nor in .incoming (keys start with no dot). */
    private Path path(String key) {
        if (!AttachmentStorage.isKey(key)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        Path p = dir.resolve(key).normalize();
        if (!p.startsWith(dir) || p.equals(dir)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return p;
    }

    /** Streams into a new part file and forces it to disk. */
    private static void write(InputStream content, Path part) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = content.read(buffer)) >= 0) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            channel.force(true); // durable before it gets its name, and so before the SR records it
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Forces a folder's entries to disk, so that a rename survives a crash. Some systems cannot open a folder for
     * it (Windows): there the rename is as durable as the file system makes it.
     */
    private static void force(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot force folder {} to disk", folder, e);
        }
    }

    private void sweepIfDue() {
        Instant last = swept;
        if (last == null || clock.instant().isAfter(last.plus(PART_MAX_AGE))) {
            sweep();
        }
    }

    /** Deletes the part files that have not changed for a while: a crashed node's. Live uploads write all the time. */
    void sweep() {
        Instant now = clock.instant();
        swept = now;
        FileTime before = FileTime.from(now.minus(PART_MAX_AGE));
        try (Stream<Path> parts = Files.list(incoming)) {
            parts.filter(p -> p.getFileName().toString().endsWith(PART)).forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).compareTo(before) < 0) {
                        Files.deleteIfExists(p);
                        LOG.info("Deleted {}, an upload that a crash cut off", p);
                    }
                } catch (IOException e) {
                    LOG.debug("Could not sweep {}", p, e); // another node swept it first, or it is in use
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not list {} for uploads that a crash cut off", incoming, e);
        }
    }

    private String randomName() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
