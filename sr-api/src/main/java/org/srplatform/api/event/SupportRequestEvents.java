package org.srplatform.api.event;

/**
 * Event Admin topics posted after an SR change has committed. Properties: {@link #NUMBER} (the SR
 * number as a string), {@link #ACTOR} (login), {@link #KIND} (the timeline entry kind).
 * Handlers run asynchronously and must not assume order across SRs.
 */
public final class SupportRequestEvents {
    /** All SR topics: subscribe to this to hear every SR event. */
    public static final String ALL = "org/srplatform/request/*";
    public static final String CREATED = "org/srplatform/request/CREATED";
    public static final String UPDATED = "org/srplatform/request/UPDATED";
    public static final String ESCALATION_CHANGED = "org/srplatform/escalation/CHANGED";
    public static final String COLLABORATION_CHANGED = "org/srplatform/collaboration/CHANGED";
    public static final String FEATURE_CHANGED = "org/srplatform/feature/CHANGED";

    public static final String NUMBER = "sr.number";
    public static final String ACTOR = "sr.actor";
    public static final String KIND = "sr.kind";
    public static final String FEATURE = "sr.feature";

    private SupportRequestEvents() {
    }
}
