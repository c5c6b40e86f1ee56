package org.srplatform.api.escalation;

/** How escalation updates reach the customer. */
public enum CommunicationChannel {
    EMAIL, PHONE, CONFERENCE_CALL
}
