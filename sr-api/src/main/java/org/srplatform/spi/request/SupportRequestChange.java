package org.srplatform.spi.request;

import org.srplatform.api.request.SupportRequest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Computes one change of an SR from its current state. The store calls it inside the transaction that
 * holds the SR locked, then writes the result whole or not at all. It must not block or call the store.
 */
@ConsumerType
@FunctionalInterface
public interface SupportRequestChange {
    /**
     * @param current the SR as stored now
     * @return the new state, its timeline entries and the messages to send
     * @throws org.srplatform.api.common.SrException to refuse the change; nothing is written
     */
    SupportRequestUpdate apply(SupportRequest current);
}
