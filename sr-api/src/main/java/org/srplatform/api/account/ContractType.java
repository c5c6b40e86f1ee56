package org.srplatform.api.account;

/** How support was bought. */
public enum ContractType {
    /** A support contract valid for a period. */
    SUBSCRIPTION,
    /** Bought per incident: each SR uses one. */
    PER_INCIDENT
}
