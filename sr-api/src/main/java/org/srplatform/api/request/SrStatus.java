package org.srplatform.api.request;

import java.util.EnumSet;
import java.util.Set;

/** The states of an SR, from intake to closure. SLA clocks pause while it waits on the customer. */
public enum SrStatus {
    NEW, ASSIGNED, IN_PROGRESS, WAITING_ON_CUSTOMER, WAITING_ON_VENDOR, RESOLVED, CLOSED;

    /** Whether the SR is still being worked (not resolved or closed). */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }

    /**
     * Whether the service-level clocks run in this state: while the SR is worked ({@code NEW},
     * {@code ASSIGNED}, {@code IN_PROGRESS}); they pause while it waits on the customer or another vendor.
     */
    public boolean slaClockRuns() {
        return this == NEW || this == ASSIGNED || this == IN_PROGRESS;
    }

    /** The states an SR may move to from this one. */
    public Set<SrStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED);
            case ASSIGNED -> EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, WAITING_ON_VENDOR, RESOLVED);
            case IN_PROGRESS -> EnumSet.of(ASSIGNED, WAITING_ON_CUSTOMER, WAITING_ON_VENDOR, RESOLVED);
            case WAITING_ON_CUSTOMER, WAITING_ON_VENDOR -> EnumSet.of(IN_PROGRESS, RESOLVED);
            case RESOLVED -> EnumSet.of(IN_PROGRESS, CLOSED);
            case CLOSED -> EnumSet.noneOf(SrStatus.class);
        };
    }

    public boolean canMoveTo(SrStatus target) {
        return next().contains(target);
    }
}
