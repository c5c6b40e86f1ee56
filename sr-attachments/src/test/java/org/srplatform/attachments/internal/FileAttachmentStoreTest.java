package org.srplatform.attachments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.SrException;
import org.srplatform.api.common.ValidationException;
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
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
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

    @Test
    void aFileNameThatChangesTheWritingDirectionIsRefusedNamingFile() {
        for (char c : new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'}) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> FileAttachmentStore.checkName("invoice" + c + "gpj.exe"), Integer.toHexString(c));
            assertEquals("file", e.errors().get(0).field());
        }
        assertEquals("日志".repeat(100), FileAttachmentStore.checkName("日志".repeat(100)));
        assertEquals("مرحبا.log", FileAttachmentStore.checkName("مرحبا.log"), "right-to-left text itself is a fine name");
    }

    @Test
    void aStorageFailureKeepsThePathForTheLogButNotInTheMessage() throws Exception {
        SrNumber number = SrNumber.of(2026, 1);
        Path dir = data.resolve("attachments");
        FileAttachmentStore store = new FileAttachmentStore(new OneRequest(number), null, dir, 1024, 4096, Clock.systemUTC());
        Files.writeString(dir.resolve(number.toString()), "a file where the SR's folder belongs");
        User customer = new User("customer1", "C", Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty(), Set.of("1001"), false);
        RuntimeException e = assertThrows(RuntimeException.class, () -> store.attach(number, "vmware.log", null,
                new ByteArrayInputStream(new byte[] {1, 2}), customer));
        assertFalse(e instanceof SrException, "a 500, not the client's mistake: " + e);
        assertFalse(e.getMessage().contains(data.toString()), e.getMessage());
        assertTrue(String.valueOf(e.getCause()).contains(number.toString()), "the log gets the path: " + e.getCause());
    }

    /** One visible open SR of account 1001, without attachments. */
    private record OneRequest(SrNumber number) implements SupportRequestService {
        @Override
        public Optional<SupportRequestDetails> find(SrNumber n, User caller) {
            Instant t = Instant.parse("2026-11-25T10:00:00Z");
            return Optional.of(new SupportRequestDetails(new SupportRequest(number, "1001", "datacenter", "performance",
                    Severity.S3, SrStatus.NEW, "Slow", "slow", List.of(), ContactMethod.EMAIL, Optional.empty(), "customer1",
                    IntakeChannel.WEB, Optional.empty(), t, t, new ResponseTargets(t, Optional.empty(), Optional.empty(),
                            Optional.empty()), false, 1), List.of(), List.of()));
        }

        @Override public Page<SupportRequest> search(SupportRequestQuery q, PageRequest p, User c) { throw new UnsupportedOperationException(); }
        @Override public SupportRequestDetails changeSeverity(SrNumber n, Severity s, String r, User c) { throw new UnsupportedOperationException(); }
        @Override public SupportRequestDetails changeStatus(SrNumber n, SrStatus s, String r, User c) { throw new UnsupportedOperationException(); }
        @Override public SupportRequestDetails comment(SrNumber n, String t, boolean i, User c) { throw new UnsupportedOperationException(); }
    }

    private static FileAttachmentStore start(Map<String, ?> attachments, Map<String, ?> platform) {
        // The constructor only prepares the folder; the SR services are not called.
        return new FileAttachmentStore(null, null, FakeConfiguration.of(AttachmentsConfig.class, attachments),
                FakeConfiguration.of(PlatformConfig.class, platform));
    }
}
