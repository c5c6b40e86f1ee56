package org.srplatform.spi.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keeps the bytes of attachments by key, for every node of the platform: several nodes may put, open and delete at
 * once, so an implementation must be safe across processes, not only threads. Bytes are streamed, never held whole
 * in memory (a core dump may be gigabytes).
 *
 * <p>Register it as a service with the property {@value #TYPE_PROPERTY} naming the kind of storage ({@code file},
 * {@code s3}...); the attachments capability uses the one its configuration selects ({@code storage.target} in
 * {@code etc/org.srplatform.attachments.cfg}, by default {@code (storage.type=file)}).
 *
 * <p>Keys are chosen by the caller, unique (they carry a random part) and never reused: {@value #KEY_SYNTAX}, such as
 * {@code 2026000042/9f2c4e0a1b3d5f7a9c1e3b5d}. An implementation may use them as they are for file or object names.
 *
 * @since 1.0
 */
@ConsumerType
public interface AttachmentStorage {

    /** Service property naming the kind of storage, for the attachments' {@code storage.target} filter. */
    String TYPE_PROPERTY = "storage.type";

    /** Keys: segments of letters, digits, '.', '_' and '-' separated by '/', none starting with '.'. */
    String KEY_SYNTAX = "[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*";

    /**
     * Stores bytes under a new key, reading {@code content} to its end (not closing it). Returns only once the bytes
     * are durable, so that the caller may then commit the metadata that names the key. No node ever sees part of the
     * bytes under the key: nothing, or all of them. When it fails, nothing is left behind, under the key or half-way.
     *
     * @throws java.nio.file.FileAlreadyExistsException when something is stored under the key already
     * @throws IOException        when the storage fails (a full disk, an unreachable service)
     * @throws RuntimeException   what reading {@code content} threw, as it is (a caller's size limit)
     * @throws IllegalArgumentException for a key outside {@value #KEY_SYNTAX}
     */
    void put(String key, InputStream content) throws IOException;

    /**
     * Opens the bytes stored under a key; the caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is stored under the key
     * @throws IOException                       when the storage fails
     */
    InputStream open(String key) throws IOException;

    /**
     * Deletes what is stored under a key; nothing happens when nothing is (a delete may be repeated).
     *
     * @throws IOException when the storage fails
     */
    void delete(String key) throws IOException;

    /** Whether a key is of the syntax every storage takes. */
    static boolean isKey(String key) {
        return key != null && key.length() <= 512 && KEY.matcher(key).matches();
    }

    /** {@link #KEY_SYNTAX}, compiled. */
    Pattern KEY = Pattern.compile(KEY_SYNTAX);
}
