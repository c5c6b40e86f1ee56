package org.srplatform.attachments.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.PayloadTooLargeException;
import org.srplatform.api.common.SrException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.AttachmentStore;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.ResponseTargets;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.attachments.AttachmentStorage;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.request.SupportRequestChange;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.request.SupportRequestRepository;

class StorageAttachmentStoreTest {
    private static final SrNumber NUMBER = SrNumber.of(2026, 1);
    private static final User CUSTOMER = new User("customer1", "C", Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty(),
            Set.of("1001"), false);

    @TempDir
    Path data;
    private final OneRequest sr = new OneRequest(NUMBER);

    private StorageAttachmentStore store(AttachmentStorage storage, long maxFile, long maxRequest) {
        return new StorageAttachmentStore(sr, sr, storage, maxFile, maxRequest, Clock.systemUTC());
    }

    private FileAttachmentStorage files() {
        return new FileAttachmentStorage(data.resolve("attachments"), Clock.systemUTC());
    }

    private long filesOf(SrNumber number) throws IOException {
        Path folder = data.resolve("attachments").resolve(number.toString());
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void anAttachmentIsStoredUnderItsSrAndIdThenRecordedAndComesBackExactly() throws Exception {
        StorageAttachmentStore store = store(files(), 1 << 20, 1 << 22);
        byte[] bytes = "2026-11-29 vmkernel: latency".getBytes();
        AttachmentInfo info = store.attach(NUMBER, "vmware.log", "text/plain", new ByteArrayInputStream(bytes), CUSTOMER);

        assertEquals(bytes.length, info.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), info.sha256());
        assertArrayEquals(bytes, Files.readAllBytes(data.resolve("attachments").resolve(NUMBER + "/" + info.id())));
        assertEquals(List.of(info), sr.attachments);
        assertEquals("ATTACHMENT_ADDED", sr.entries.get(0).kind());
        try (InputStream in = store.open(NUMBER, info.id(), CUSTOMER).content()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
        StorageAttachmentStore store = store(files(), 1024, 4096);
        PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class,
                () -> store.attach(NUMBER, "core.dump", null, new ByteArrayInputStream(new byte[1025]), CUSTOMER));
        assertTrue(e.getMessage().contains("limit per file"), e.getMessage());
        assertEquals(0, filesOf(NUMBER));
        assertEquals(List.of(), sr.attachments);
    }

    @Test
    void whenTheSrCannotRecordItTheStoredBytesAreDeleted() throws Exception {
        sr.refuse = new IllegalStateException("database down");
        StorageAttachmentStore store = store(files(), 1024, 4096);
        assertThrows(IllegalStateException.class,
                () -> store.attach(NUMBER, "vmware.log", null, new ByteArrayInputStream(new byte[] {1, 2}), CUSTOMER));
        assertEquals(0, filesOf(NUMBER));
    }

    @Test
    void whenTheRecordingsCommitAnswerIsLostButItCommittedTheBytesStay() throws Exception {
        sr.commitThenFail = new IllegalStateException("connection reset while committing");
        StorageAttachmentStore store = store(files(), 1024, 4096);
        assertThrows(IllegalStateException.class,
                () -> store.attach(NUMBER, "vmware.log", null, new ByteArrayInputStream(new byte[] {1, 2}), CUSTOMER));
        assertEquals(1, sr.attachments.size());
        try (InputStream in = store.open(NUMBER, sr.attachments.get(0).id(), CUSTOMER).content()) {
            assertArrayEquals(new byte[] {1, 2}, in.readAllBytes());
        }
    }

    @Test
    void whenNobodyCanTellWhetherItWasRecordedTheBytesStay() throws Exception {
        sr.refuse = new IllegalStateException("database down");
        sr.findFails = true;
        StorageAttachmentStore store = store(files(), 1024, 4096);
        assertThrows(IllegalStateException.class,
                () -> store.attach(NUMBER, "vmware.log", null, new ByteArrayInputStream(new byte[] {1, 2}), CUSTOMER));
        assertEquals(1, filesOf(NUMBER));
    }

    @Test
    void aClientThatStopsSendingIsTheClientsFailure() {
        StorageAttachmentStore store = store(files(), 1024, 4096);
        InputStream cut = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        ValidationException e = assertThrows(ValidationException.class, () -> store.attach(NUMBER, "a.log", null, cut, CUSTOMER));
        assertEquals("file", e.errors().get(0).field());
    }

    @Test
    void anotherStorageServesTheSameWay() throws Exception {
        // What an object-store bundle would register: only the interface is used.
        Map<String, byte[]> objects = new TreeMap<>();
        AttachmentStorage memory = new AttachmentStorage() {
            @Override
            public void put(String key, InputStream content) throws IOException {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                content.transferTo(out);
                if (objects.putIfAbsent(key, out.toByteArray()) != null) {
                    throw new FileAlreadyExistsException(key);
                }
            }

            @Override
            public InputStream open(String key) throws IOException {
                byte[] b = objects.get(key);
                if (b == null) {
                    throw new NoSuchFileException(key);
                }
                return new ByteArrayInputStream(b);
            }

            @Override
            public void delete(String key) {
                objects.remove(key);
            }
        };
        StorageAttachmentStore store = store(memory, 1024, 4096);
        AttachmentInfo info = store.attach(NUMBER, "a.log", null, new ByteArrayInputStream(new byte[] {4, 2}), CUSTOMER);

        assertEquals(Set.of(NUMBER + "/" + info.id()), objects.keySet());
        assertTrue(AttachmentStorage.isKey(objects.keySet().iterator().next()));
        try (InputStream in = store.open(NUMBER, info.id(), CUSTOMER).content()) {
            assertArrayEquals(new byte[] {4, 2}, in.readAllBytes());
        }
    }

    @Test
    void aFileNameThatChangesTheWritingDirectionIsRefusedNamingFile() {
        for (char c : new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'}) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> StorageAttachmentStore.checkName("invoice" + c + "gpj.exe"), Integer.toHexString(c));
            assertEquals("file", e.errors().get(0).field());
        }
        assertEquals("日志".repeat(100), StorageAttachmentStore.checkName("日志".repeat(100)));
        assertEquals("مرحبا.log", StorageAttachmentStore.checkName("مرحبا.log"), "right-to-left text itself is a fine name");
    }

    @Test
    void aStorageFailureKeepsThePathForTheLogButNotInTheMessage() throws Exception {
        StorageAttachmentStore store = store(files(), 1024, 4096);
        Files.writeString(data.resolve("attachments").resolve(NUMBER.toString()), "a file where the SR's folder belongs");
        RuntimeException e = assertThrows(RuntimeException.class, () -> store.attach(NUMBER, "vmware.log", null,
                new ByteArrayInputStream(new byte[] {1, 2}), CUSTOMER));
        assertFalse(e instanceof SrException, "a 500, not the client's mistake: " + e);
        assertFalse(e.getMessage().contains(data.toString()), e.getMessage());
        assertTrue(String.valueOf(e.getCause()).contains(NUMBER.toString()), "the log gets the path: " + e.getCause());
    }

    /** One visible open SR of account 1001, and the repository that records its attachments. */
    private static final class OneRequest implements SupportRequestService, SupportRequestRepository {
        private final SrNumber number;
        final List<AttachmentInfo> attachments = new ArrayList<>();
        final List<TimelineEntry> entries = new ArrayList<>();
        RuntimeException refuse;
        RuntimeException commitThenFail;
        boolean findFails;
        boolean refused;

        OneRequest(SrNumber number) {
            this.number = number;
        }

        @Override
        public Optional<SupportRequestDetails> find(SrNumber n, User caller) {
            if (findFails && refuse != null && refused) {
                throw new IllegalStateException("database still down");
            }
            Instant t = Instant.parse("2026-11-25T10:00:00Z");
            return Optional.of(new SupportRequestDetails(new SupportRequest(number, "1001", "datacenter", "performance",
                    Severity.S3, SrStatus.NEW, "Slow", "slow", List.of(), ContactMethod.EMAIL, Optional.empty(), "customer1",
                    IntakeChannel.WEB, Optional.empty(), t, t, new ResponseTargets(t, Optional.empty(), Optional.empty(),
                            Optional.empty()), false, 1), List.copyOf(attachments), List.of()));
        }

        @Override
        public SupportRequestDetails addAttachment(SrNumber n, AttachmentInfo attachment, TimelineEntry entry) {
            if (refuse != null) {
                refused = true;
                throw refuse;
            }
            attachments.add(attachment);
            entries.add(entry);
            if (commitThenFail != null) {
                throw commitThenFail;
            }
            return find(n, (User) null).orElseThrow();
        }

        @Override public Page<SupportRequest> search(SupportRequestQuery q, PageRequest p, User c) { throw new UnsupportedOperationException(); }
        @Override public SupportRequestDetails changeSeverity(SrNumber n, Severity s, String r, User c) { throw new UnsupportedOperationException(); }
        @Override public SupportRequestDetails changeStatus(SrNumber n, SrStatus s, String r, User c) { throw new UnsupportedOperationException(); }
        @Override public SupportRequestDetails comment(SrNumber n, String t, boolean i, User c) { throw new UnsupportedOperationException(); }
        @Override public SupportRequestDetails create(SupportRequestDraft d, TimelineEntry e, List<OutboundMessage> m) { throw new UnsupportedOperationException(); }
        @Override public Optional<SupportRequestDetails> find(SrNumber n) { throw new UnsupportedOperationException(); }
        @Override public Page<SupportRequest> search(SupportRequestQuery q, PageRequest p) { throw new UnsupportedOperationException(); }
        @Override public SupportRequestDetails update(SrNumber n, SupportRequestChange c) { throw new UnsupportedOperationException(); }
    }
}
