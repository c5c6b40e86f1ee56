package org.srplatform.api.security;

/** The roles of the support process. A user may hold several. */
public enum Role {
    /** A contact of one or more customer accounts; sees only those accounts' SRs. */
    CUSTOMER,
    /** Works SRs; may take an SR for themself. */
    SUPPORT_ENGINEER,
    /** Assigns SRs and takes escalation requests on the phone. */
    DUTY_MANAGER,
    /** Assesses escalations of a region, decides resources; reviews every escalation every day. */
    REGIONAL_ESCALATION_MANAGER,
    /** Senior engineer who owns an accepted escalation and the contact with the customer. */
    ESCALATION_ENGINEER,
    /** Operates the platform: features, users, configuration. */
    ADMINISTRATOR;

    /** Every role but {@link #CUSTOMER} works for the vendor. */
    public boolean isStaff() {
        return this != CUSTOMER;
    }
}
