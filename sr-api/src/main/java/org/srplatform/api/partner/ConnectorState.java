package org.srplatform.api.partner;

/** Whether a connector can take requests. */
public enum ConnectorState {
    /** Configured and reachable. */
    READY,
    /** Installed but not configured (no credentials, no endpoint). */
    UNCONFIGURED,
    /** Configured but the partner is not reachable now; requests wait in the outbox. */
    DEGRADED
}
