package org.srplatform.attachments.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.AttachmentStore;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;

class AttachmentResourceTest {
    private static final String BOUNDARY = "sr-test-boundary";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private final SrNumber number = SrNumber.of(2026, 1);
    private final User customer = new User("customer1", "C", Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty(),
            Set.of("1001"), false);

    private static byte[] multipart(String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** Keeps what it was given; or fails as a full disk would. */
    private static final class Store implements AttachmentStore {
        String name;
        byte[] bytes;
        IOException failure;

        @Override
        public AttachmentInfo attach(SrNumber request, String name, String contentType, InputStream content, User uploader) {
            try {
                this.bytes = content.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (failure != null) {
                throw new UncheckedIOException("could not store an attachment of SR " + request, failure);
            }
            this.name = name;
            return new AttachmentInfo("id1", name, bytes.length, "00", "application/octet-stream", Instant.EPOCH, uploader.login());
        }

        @Override
        public Download open(SrNumber request, String attachmentId, User caller) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aFileNameOf200ChineseCharactersFitsThePartHeaders() {
        String name = "日志".repeat(100) + ".log";
        Store store = new Store();
        AttachmentResource.receive(number, TYPE, new ByteArrayInputStream(multipart(name, new byte[] {1, 2, 3})), store, customer);
        assertEquals(name, store.name);
        assertEquals(3, store.bytes.length);
    }

    @Test
    void partHeadersStayBounded() {
        String name = "x".repeat(AttachmentResource.PART_HEADER_MAX);
        ValidationException e = assertThrows(ValidationException.class, () -> AttachmentResource.receive(number, TYPE,
                new ByteArrayInputStream(multipart(name, new byte[] {1})), new Store(), customer));
        assertEquals("file", e.errors().get(0).field());
    }

    @Test
    void aStorageFailureIsThePlatformsAndNotToldToTheClientAsItsMistake() {
        Store store = new Store();
        store.failure = new IOException("/srv/sr/data/attachments/26000000001: No space left on device");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AttachmentResource.receive(number, TYPE,
                new ByteArrayInputStream(multipart("vmware.log", new byte[] {1})), store, customer));
        assertFalse(e.getMessage().contains("/srv"), "the message that could reach a client names no path: " + e.getMessage());
    }

    @Test
    void aTruncatedUploadIsTheClientsNamingFileWithoutTheParsersWords() {
        byte[] whole = multipart("vmware.log", new byte[] {1, 2, 3});
        byte[] cut = Arrays.copyOf(whole, 30);
        ValidationException e = assertThrows(ValidationException.class, () -> AttachmentResource.receive(number, TYPE,
                new ByteArrayInputStream(cut), new Store(), customer));
        assertEquals("file", e.errors().get(0).field());
        assertFalse(e.errors().get(0).message().contains("Stream ended"), e.errors().get(0).message());
    }

    @Test
    void aMultipartTypeWithoutBoundaryIsToldHowToUpload() {
        ValidationException e = assertThrows(ValidationException.class, () -> AttachmentResource.receive(number,
                "multipart/form-data", new ByteArrayInputStream(new byte[0]), new Store(), customer));
        assertEquals("Content-Type", e.errors().get(0).field());
    }
}
