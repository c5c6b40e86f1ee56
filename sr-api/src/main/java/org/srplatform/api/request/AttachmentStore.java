package org.srplatform.api.request;

import java.io.InputStream;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.security.User;

/**
 * The files attached to SRs (configuration files, logs, core dumps). Bytes are streamed to durable
 * storage, never held whole in memory; a failed or cut-off upload leaves nothing behind; the bytes
 * come back exactly as uploaded. Provided by the attachments feature.
 *
 * @since 1.1
 */
@ProviderType
public interface AttachmentStore {

    /**
     * Stores a file and records it on the SR with a timeline entry.
     *
     * @param name        the file's original name, for display; refused if it contains a path
     * @param contentType as declared by the uploader
     * @param content     the bytes; read to the end, not closed
     * @throws org.srplatform.api.common.NotFoundException        when the caller cannot see the SR
     * @throws org.srplatform.api.common.ValidationException      for a name with a path, control characters or none
     * @throws org.srplatform.api.common.PayloadTooLargeException over the per-file or per-SR limit; nothing kept
     * @throws org.srplatform.api.common.ConflictException        when the SR is closed
     */
    AttachmentInfo attach(SrNumber request, String name, String contentType, InputStream content, User uploader);

    /**
     * Opens an attachment's bytes; the caller closes the stream.
     *
     * @throws org.srplatform.api.common.NotFoundException when the SR or attachment is unknown or not visible
     */
    Download open(SrNumber request, String attachmentId, User caller);

    /** An attachment's metadata and its bytes, to be closed by the receiver. */
    record Download(AttachmentInfo info, InputStream content) {
    }
}
