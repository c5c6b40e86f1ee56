package org.srplatform.notify.tsanet.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.srplatform.spi.health.HealthCheck;
import org.srplatform.spi.health.HealthIndicator;

/**
 * Health check {@code tsanet}: DEGRADED, not DOWN, while TSANet Connect cannot be reached or refuses the login,
 * or the settings are wrong (collaborations wait in the outbox; the platform serves). Its own service, beside the
 * connector, because both SPIs name themselves with {@code name()}: the check is {@code tsanet}, the connector
 * {@code TSANet}. Made by {@link TsanetSetup} with the connector's {@link ConnectionHealth}.
 */
@Component(factory = TsanetHealth.FACTORY, service = HealthIndicator.class)
public final class TsanetHealth implements HealthIndicator {
    static final String FACTORY = "org.srplatform.partner.tsanet.health";

    private final ConnectionHealth health;

    @Activate
    public TsanetHealth(Map<String, Object> properties) {
        this((ConnectionHealth) properties.get(TsanetConnector.HEALTH));
    }

    TsanetHealth(ConnectionHealth health) {
        this.health = health;
    }

    @Override
    public String name() {
        return TsanetConnector.ID;
    }

    @Override
    public HealthCheck check() {
        return health.check();
    }
}
