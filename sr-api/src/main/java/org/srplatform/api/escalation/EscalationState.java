package org.srplatform.api.escalation;

/** The escalation lifecycle. */
public enum EscalationState {
    /** Asked for; waits for the regional escalation manager. */
    REQUESTED,
    /** Accepted; an escalation engineer owns it. */
    ACCEPTED,
    /** The action plan is presented and the communication plan agreed. */
    ACTIVE,
    /** The customer said it is too slow; management is told and a conference call is due. */
    TOO_SLOW,
    /** Back on track, with the customer's recorded agreement. */
    DE_ESCALATED
}
