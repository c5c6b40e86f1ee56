package org.srplatform.attachments.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.PayloadTooLargeException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.AttachmentStore;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.User;

/**
 * Attachments as files: {@code <dir>/<sr number>/<id>}. An upload is streamed into
 * {@code <dir>/.incoming/} while its SHA-256 is computed and its size checked, forced to disk, moved
 * into place and only then recorded on the SR; any failure deletes the partial file, so nothing is
 * left half-way. The original name is metadata only: files are named by their random id.
 * <p>
 * The folder comes from configuration only ({@code dir}, else {@code data.dir} of the platform), and
 * both configurations are required: without them the store does not start, rather than write into a
 * folder it was not given. The distribution ships etc/org.srplatform.attachments.cfg (keys commented)
 * and etc/org.srplatform.platform.cfg for that.
 */
@Component(configurationPid = {"org.srplatform.attachments", "org.srplatform.platform"},
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = {
        "sr.feature=attachments",
        "sr.feature.requires=requests", // its SupportRequestService comes from the requests feature
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=attachments)))" })
public final class FileAttachmentStore implements AttachmentStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileAttachmentStore.class);
    private static final int NAME_MAX = 255;
    private static final int BUFFER = 64 * 1024;

    private final SupportRequestService requests;
    private final SupportRequestRepository repository;
    private final Path dir;
    private final Path incoming;
    private final long maxFileBytes;
    private final long maxRequestBytes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public FileAttachmentStore(@Reference SupportRequestService requests, @Reference SupportRequestRepository repository,
            AttachmentsConfig config, PlatformConfig platform) {
        this(requests, repository, folder(config, platform), config.max_file_bytes(), config.max_request_bytes(),
                Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1)) /* API times in milliseconds */);
    }

    /** {@code dir}, else {@code <data.dir>/attachments}; neither set is a configuration error. */
    static Path folder(AttachmentsConfig config, PlatformConfig platform) {
        if (!config.dir().isBlank()) {
            return Path.of(config.dir().strip());
        }
        if (platform.data_dir().isBlank()) {
            throw new IllegalStateException("No folder for attachments: set dir in org.srplatform.attachments"
                    + " or data.dir in org.srplatform.platform (etc/org.srplatform.platform.cfg)");
        }
        return Path.of(platform.data_dir().strip(), "attachments");
    }

    FileAttachmentStore(SupportRequestService requests, SupportRequestRepository repository, Path dir, long maxFileBytes,
            long maxRequestBytes, Clock clock) {
        this.requests = requests;
        this.repository = repository;
        this.dir = dir.toAbsolutePath().normalize();
        this.incoming = this.dir.resolve(".incoming");
        this.maxFileBytes = maxFileBytes;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
        try {
            Files.createDirectories(incoming);
            clearIncoming();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the attachments folder " + incoming, e);
        }
    }

    @Override
    public AttachmentInfo attach(SrNumber number, String name, String contentType, InputStream content, User uploader) {
        String displayName = checkName(name);
        SupportRequestDetails sr = requests.find(number, uploader)
                .orElseThrow(() -> new NotFoundException("No SR " + number + " is visible to you."));
        if (sr.request().status() == SrStatus.CLOSED) {
            throw new ConflictException("SR " + number + " is closed; open a new SR and refer to this one.");
        }
        long used = sr.attachments().stream().mapToLong(AttachmentInfo::size).sum();
        long limit = Math.min(maxFileBytes, maxRequestBytes - used);
        String id = newId();
        Path part = incoming.resolve(id + ".part");
        Path target = dir.resolve(number.toString()).resolve(id);
        try {
            long size;
            String sha256;
            try {
                MessageDigest digest = sha256();
                size = copy(content, part, digest, limit, used);
                sha256 = HexFormat.of().formatHex(digest.digest());
                Files.createDirectories(target.getParent());
                move(part, target);
            } catch (IOException e) {
                // The platform's failure (disk full, permissions): the log gets the path through the cause,
                // the client a 500 without it (the message names no path).
                throw new UncheckedIOException("could not store an attachment of SR " + number, e);
            }
            Instant now = clock.instant();
            AttachmentInfo info = new AttachmentInfo(id, displayName, size, sha256,
                    contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType, now,
                    uploader.login());
            try {
                repository.addAttachment(number, info, TimelineEntry.of(now, new Actor(uploader.login(), uploader.displayName()),
                        "ATTACHMENT_ADDED", "Attached " + displayName + " (" + size + " bytes)",
                        Map.of("attachment", id, "name", displayName, "size", Long.toString(size), "sha256", sha256)));
            } catch (RuntimeException e) {
                deleteQuietly(target);
                throw e;
            }
            return info;
        } finally {
            deleteQuietly(part);
        }
    }

    @Override
    public Download open(SrNumber number, String attachmentId, User caller) {
        SupportRequestDetails sr = requests.find(number, caller)
                .orElseThrow(() -> new NotFoundException("No SR " + number + " is visible to you."));
        AttachmentInfo info = sr.attachments().stream().filter(a -> a.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> new NotFoundException("SR " + number + " has no attachment '" + attachmentId + "'."));
        try {
            return new Download(info, Files.newInputStream(dir.resolve(number.toString()).resolve(info.id())));
        } catch (IOException e) {
            throw new UncheckedIOException("attachment " + info.id() + " of SR " + number + " cannot be read", e);
        }
    }

    /** Streams into {@code part}, refusing more than {@code limit} bytes; returns the size. */
    private long copy(InputStream in, Path part, MessageDigest digest, long limit, long used) throws IOException {
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            int n;
            while ((n = read(in, buffer)) >= 0) {
                size += n;
                if (size > limit) {
                    throw new PayloadTooLargeException(size > maxFileBytes || limit == maxFileBytes
                            ? "The file is larger than " + maxFileBytes + " bytes, the limit per file."
                            : "The SR's attachments would exceed " + maxRequestBytes + " bytes (" + used + " used).");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            out.flush();
            channel.force(true); // durable before it is recorded on the SR
        }
        return size;
    }

    /** Reads the client's bytes: a failure there is the upload's, told as such (400), not the disk's. */
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new ValidationException(FieldError.of("file", "the upload ended before the whole file arrived; send it again"));
        }
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException(FieldError.of("file", "has no file name"));
        }
        if (name.length() > NAME_MAX) {
            throw new ValidationException(FieldError.of("file", "the file name is longer than " + NAME_MAX + " characters"));
        }
        if (name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".") || name.contains("..")
                || name.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new ValidationException(FieldError.of("file", "the file name must not contain a path ('/', '\\\\', '..') or control characters: '"
                    + name.replaceAll("\\p{Cntrl}", "?") + "'"));
        }
        if (name.chars().anyMatch(FileAttachmentStore::isBidiControl)) {
            // "invoice\u202Egpj.exe" shows as "invoiceexe.jpg": a name that lies about what the file is.
            throw new ValidationException(FieldError.of("file", "the file name must not contain characters that change the"
                    + " writing direction (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C); rename the file"));
        }
        return name.strip();
    }

    static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private void clearIncoming() throws IOException {
        // Parts left by a crash mid-upload were never recorded on an SR.
        try (var parts = Files.list(incoming)) {
            parts.forEach(FileAttachmentStore::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", file, e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
