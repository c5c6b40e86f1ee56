package org.srplatform.api.request;

import java.time.Instant;
import java.util.Objects;

/**
 * Metadata of a file attached to an SR; the bytes are kept apart.
 *
 * @param id          stable key within the SR
 * @param name        the original file name, for display only, never used as a path
 * @param size        bytes
 * @param sha256      lower-case hex SHA-256 of the bytes
 * @param contentType as the uploader declared it
 * @param uploadedAt  when the upload completed
 * @param uploadedBy  login of the uploader
 */
public record AttachmentInfo(String id, String name, long size, String sha256, String contentType,
        Instant uploadedAt, String uploadedBy) {
    public AttachmentInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        Objects.requireNonNull(uploadedBy, "uploadedBy");
    }
}
