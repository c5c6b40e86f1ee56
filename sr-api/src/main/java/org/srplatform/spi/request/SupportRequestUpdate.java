package org.srplatform.spi.request;

import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.TimelineEntry;

import java.util.List;
import java.util.Objects;
import org.srplatform.spi.outbox.OutboundMessage;

/**
 * The result of a {@link SupportRequestChange}: the SR's new header (its {@code version} is ignored; the
 * store increases it), the timeline entries to append, and the
 * messages that the change causes, written to the outbox in the same transaction.
 */
public record SupportRequestUpdate(SupportRequest next, List<TimelineEntry> entries, List<OutboundMessage> messages) {
    public SupportRequestUpdate {
        Objects.requireNonNull(next, "next");
        entries = List.copyOf(entries);
        messages = List.copyOf(messages);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("every change of an SR leaves a timeline entry");
        }
    }
}
