package org.srplatform.attachments.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

// Designated here, not with @Designate: the file storage reads two PIDs, and @Designate needs exactly one.
@ObjectClassDefinition(pid = "org.srplatform.attachments", name = "SR attachments",
        description = "Where SR attachments are kept and how large they may be")
@interface AttachmentsConfig {
    /** The platform's own storage, a folder: the default of {@link #storage_target()}. */
    String FILE_STORAGE = "(storage.type=file)";

    @AttributeDefinition(description = "Folder of the attachments (the file storage): a folder every node mounts when"
            + " several platform nodes share one database; empty: dir, else <data.dir of org.srplatform.platform>/attachments")
    String storage_dir() default "";

    @AttributeDefinition(description = "The earlier name of storage.dir, still honoured")
    String dir() default "";

    @AttributeDefinition(description = "Which storage keeps the bytes: an LDAP filter on the properties of the"
            + " AttachmentStorage services; another bundle may bring one (an object store), see docs/storage.md")
    String storage_target() default FILE_STORAGE;

    @AttributeDefinition(description = "Largest file, in bytes (default 2 GiB)")
    long max_file_bytes() default 2L * 1024 * 1024 * 1024;

    @AttributeDefinition(description = "Largest total of all files of one SR, in bytes (default 20 GiB)")
    long max_request_bytes() default 20L * 1024 * 1024 * 1024;
}
