package org.srplatform.api.partner;

/** Where a collaboration with another vendor stands, on the partner's side. */
public enum CollaborationState {
    /** Written to the outbox, not yet sent to the partner. */
    REQUESTED,
    /** The partner has the request. */
    OPEN,
    /** The partner accepted and named an engineer. */
    ACCEPTED,
    /** The partner needs more information. */
    INFORMATION_REQUESTED,
    /** The partner refused (no agreement, wrong product). */
    REJECTED,
    /** Finished. */
    CLOSED,
    /** Could not be delivered after every retry. */
    FAILED
}
