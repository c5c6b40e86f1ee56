package org.srplatform.attachments.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.AttachmentStore;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.User;
import org.srplatform.spi.attachments.AttachmentStorage;
import org.srplatform.spi.request.SupportRequestRepository;

/**
 * Attachments of SRs: the bytes in an {@link AttachmentStorage} under the key {@code <sr number>/<id>}, the metadata
 * on the SR. An upload is streamed into the storage while its SHA-256 is computed and its size checked; the storage
 * returns once the bytes are durable, and only then is the attachment recorded on the SR. A refused or failed upload
 * leaves nothing: the storage drops a partial upload, and the bytes of an upload the SR did not record are deleted.
 * The original name is metadata only: the key carries a random id.
 *
 * <p>The storage is the one {@code storage.target} of etc/org.srplatform.attachments.cfg selects, by default the
 * platform's folder ({@code storage.type=file}, {@link FileAttachmentStorage}). The key is the file layout of the
 * releases before the storage interface ({@code <folder>/<sr number>/<id>}), so their attachments are found as they
 * are.
 */
@Component(configurationPid = "org.srplatform.attachments", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {
        "sr.feature=attachments",
        "sr.feature.requires=requests", // its SupportRequestService comes from the requests feature
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=attachments)))" })
public final class StorageAttachmentStore implements AttachmentStore {
    private static final Logger LOG = LoggerFactory.getLogger(StorageAttachmentStore.class);
    private static final int NAME_MAX = 255;

    private final SupportRequestService requests;
    private final SupportRequestRepository repository;
    private final AttachmentStorage storage;
    private final long maxFileBytes;
    private final long maxRequestBytes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public StorageAttachmentStore(@Reference SupportRequestService requests, @Reference SupportRequestRepository repository,
            @Reference(name = "storage", target = AttachmentsConfig.FILE_STORAGE) AttachmentStorage storage,
            AttachmentsConfig config) {
        this(requests, repository, storage, config.max_file_bytes(), config.max_request_bytes(),
                Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1)) /* API times in milliseconds */);
    }

    StorageAttachmentStore(SupportRequestService requests, SupportRequestRepository repository, AttachmentStorage storage,
            long maxFileBytes, long maxRequestBytes, Clock clock) {
        this.requests = requests;
        this.repository = repository;
        this.storage = storage;
        this.maxFileBytes = maxFileBytes;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
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
        String id = newId();
        String key = key(number, id);
        MeteredInput metered = new MeteredInput(content, sha256(), Math.min(maxFileBytes, maxRequestBytes - used),
                maxFileBytes, maxRequestBytes, used);
        try {
            storage.put(key, metered);
        } catch (IOException e) {
            // The platform's failure (disk full, permissions, an unreachable store): the log gets the path through the
            // cause, the client a 500 without it (the message names no path).
            throw new UncheckedIOException("could not store an attachment of SR " + number, e);
        }
        long size = metered.size();
        String sha256 = HexFormat.of().formatHex(metered.digest());
        Instant now = clock.instant();
        AttachmentInfo info = new AttachmentInfo(id, displayName, size, sha256,
                contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType, now,
                uploader.login());
        try {
            repository.addAttachment(number, info, TimelineEntry.of(now, new Actor(uploader.login(), uploader.displayName()),
                    "ATTACHMENT_ADDED", "Attached " + displayName + " (" + size + " bytes)",
                    Map.of("attachment", id, "name", displayName, "size", Long.toString(size), "sha256", sha256)));
        } catch (RuntimeException e) {
            if (!recorded(number, id, uploader)) {
                deleteQuietly(key);
            }
            throw e;
        }
        return info;
    }

    /**
     * Whether the SR records the attachment after all: a commit whose answer was lost (the database cut while it
     * committed) may have happened. Not knowing counts as recorded: bytes kept for nothing cost space only, bytes
     * deleted under a recorded attachment are lost.
     */
    private boolean recorded(SrNumber number, String id, User uploader) {
        try {
            return requests.find(number, uploader)
                    .map(sr -> sr.attachments().stream().anyMatch(a -> a.id().equals(id)))
                    .orElse(false);
        } catch (RuntimeException unknown) {
            LOG.warn("Could not tell whether SR {} recorded attachment {}; its bytes are kept", number, id, unknown);
            return true;
        }
    }

    @Override
    public Download open(SrNumber number, String attachmentId, User caller) {
        SupportRequestDetails sr = requests.find(number, caller)
                .orElseThrow(() -> new NotFoundException("No SR " + number + " is visible to you."));
        AttachmentInfo info = sr.attachments().stream().filter(a -> a.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> new NotFoundException("SR " + number + " has no attachment '" + attachmentId + "'."));
        try {
            return new Download(info, storage.open(key(number, info.id())));
        } catch (IOException e) {
            throw new UncheckedIOException("attachment " + info.id() + " of SR " + number + " cannot be read", e);
        }
    }

    /** Where an attachment's bytes are: the SR's number, then the attachment's random id. */
    static String key(SrNumber number, String id) {
        return number + "/" + id;
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
        if (name.chars().anyMatch(StorageAttachmentStore::isBidiControl)) {
            // "invoice\u202Egpj.exe" shows as "invoiceexe.jpg": a name that lies about what the file is.
            throw new ValidationException(FieldError.of("file", "the file name must not contain characters that change the"
                    + " writing direction (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C); rename the file"));
        }
        return name.strip();
    }

    static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /** 96 random bits: two nodes writing to one storage never pick the same key. */
    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the bytes of an attachment the SR did not record ({}); they take space only", key, e);
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
