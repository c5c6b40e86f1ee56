package org.srplatform.notify.tsanet.internal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.partner.ConnectorState;
import org.srplatform.spi.health.HealthCheck;

/**
 * Whether TSANet Connect answers, as the last call found it: READY after an answer, DEGRADED after a transient
 * failure until the next answer (collaborations wait in the outbox meanwhile). Shared by the connector, which
 * reports, and the health check {@code tsanet}, which shows it. The change is logged once each way.
 */
final class ConnectionHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHealth.class);

    private final boolean configured;
    private boolean degraded;
    private HealthCheck check;

    ConnectionHealth(TsanetSettings settings) {
        this.configured = settings.configured();
        List<String> problems = settings.problems();
        // Not set up is no fault (as e-mail without smtp.host); wrong settings are.
        this.check = problems.isEmpty() ? HealthCheck.up()
                : HealthCheck.degraded("TSANet settings are wrong: " + String.join("; ", problems));
    }

    synchronized void reachable() {
        if (degraded) {
            degraded = false;
            check = HealthCheck.up();
            LOG.info("TSANet Connect answers again");
        }
    }

    /**
     * @param detail  for the public health answer: no addresses, no exception texts
     * @param message for the log
     */
    synchronized void unreachable(String detail, String message) {
        check = HealthCheck.degraded(detail);
        if (!degraded) {
            degraded = true;
            LOG.warn("{}; collaborations wait and are retried", message);
        } else {
            LOG.debug("{}", message);
        }
    }

    synchronized ConnectorState state() {
        return !configured ? ConnectorState.UNCONFIGURED : degraded ? ConnectorState.DEGRADED : ConnectorState.READY;
    }

    synchronized HealthCheck check() {
        return check;
    }
}
