package org.srplatform.api.escalation;

import java.util.List;
import java.util.Set;

/** How, how often and with whom updates are given, as agreed with the customer. */
public record CommunicationPlan(Set<CommunicationChannel> channels, int everyHours, List<String> participants) {
    public CommunicationPlan {
        channels = Set.copyOf(channels);
        participants = List.copyOf(participants);
        if (channels.isEmpty() || everyHours < 1) {
            throw new IllegalArgumentException("a communication plan names a channel and an interval of at least an hour");
        }
    }
}
