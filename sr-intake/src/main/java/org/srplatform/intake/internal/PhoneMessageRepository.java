package org.srplatform.intake.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.srplatform.api.phone.PhoneMessage;

/** Where phone messages are kept. Thread-safe; every write durable when the method returns. */
interface PhoneMessageRepository {

    void insert(PhoneMessage message);

    /** Stores the message with the notifications it causes (the callback due, to the duty managers), together. */
    void insert(PhoneMessage message, java.util.List<org.srplatform.spi.outbox.OutboundMessage> notifications);

    Optional<PhoneMessage> find(String id);

    /** Messages not called back, by {@code callbackDueAt} ascending. */
    List<PhoneMessage> waiting(int max);

    /** @return false when the message is unknown or already called back */
    boolean markCalledBack(String id, Instant at, String by);
}
