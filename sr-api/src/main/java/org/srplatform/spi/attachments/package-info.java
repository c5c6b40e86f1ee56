/**
 * Where the bytes of SR attachments are kept: a folder (the platform's own implementation, on a local disk or a
 * folder every node mounts), or an object store brought by another bundle that registers the same service. The
 * attachments capability keeps the metadata on the SR and the bytes here. See docs/storage.md.
 *
 * <p>Platform SPI: versioned, but not part of the partner promise.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.srplatform.spi.attachments;
