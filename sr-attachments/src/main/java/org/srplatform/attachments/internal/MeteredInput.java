package org.srplatform.attachments.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.PayloadTooLargeException;
import org.srplatform.api.common.ValidationException;

/**
 * An upload on its way to the storage: counts and digests the bytes as the storage reads them, refuses more than the
 * limit (413) and tells a client that stopped sending as the client's failure (400), both as unchecked exceptions
 * that the storage passes on after dropping what it wrote. Whatever the storage, these checks are the same.
 */
final class MeteredInput extends FilterInputStream {
    private final MessageDigest digest;
    private final long limit;
    private final long maxFileBytes;
    private final long maxRequestBytes;
    private final long used;
    private long size;

    /**
     * @param limit the most bytes this upload may have: the per-file limit, or what the SR has left if less
     * @param used  bytes of the SR's attachments so far, for the message
     */
    MeteredInput(InputStream in, MessageDigest digest, long limit, long maxFileBytes, long maxRequestBytes, long used) {
        super(in);
        this.digest = digest;
        this.limit = limit;
        this.maxFileBytes = maxFileBytes;
        this.maxRequestBytes = maxRequestBytes;
        this.used = used;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw new ValidationException(FieldError.of("file", "the upload ended before the whole file arrived; send it again"));
        }
        if (n > 0) {
            size += n;
            if (size > limit) {
                throw new PayloadTooLargeException(size > maxFileBytes || limit == maxFileBytes
                        ? "The file is larger than " + maxFileBytes + " bytes, the limit per file."
                        : "The SR's attachments would exceed " + maxRequestBytes + " bytes (" + used + " used).");
            }
            digest.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("every byte of an upload is stored");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Not closed by the storage: the caller owns the upload's stream. */
    @Override
    public void close() {
    }

    long size() {
        return size;
    }

    byte[] digest() {
        return digest.digest();
    }
}
