package org.srplatform.attachments.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

// Designated here, not with @Designate: the store reads two PIDs, and @Designate needs exactly one.
@ObjectClassDefinition(pid = "org.srplatform.attachments", name = "SR attachments",
        description = "Where SR attachments are kept and how large they may be")
@interface AttachmentsConfig {
    @AttributeDefinition(description = "Folder of the attachments; empty: <data.dir of org.srplatform.platform>/attachments")
    String dir() default "";

    @AttributeDefinition(description = "Largest file, in bytes (default 2 GiB)")
    long max_file_bytes() default 2L * 1024 * 1024 * 1024;

    @AttributeDefinition(description = "Largest total of all files of one SR, in bytes (default 20 GiB)")
    long max_request_bytes() default 20L * 1024 * 1024 * 1024;
}
