package org.srplatform.notify.tsanet.internal;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code etc/org.srplatform.partner.tsanet.cfg} (and demo mode from {@code org.srplatform.platform}),
 * checks it, and makes the connector and its health check from the checked settings.
 *
 * <p>Why a factory: DS publishes every public configuration property of a component as a property of its
 * services, so a connector configured directly would show {@code password} to every bundle that lists
 * services (sr-notify-email's channel does). This component registers no service; the connector gets its
 * settings as a private property, and its only public property is {@code poll.seconds}.
 *
 * <p>Demo mode without {@code base.url}: the connector uses the platform's own TSANet simulator
 * (sr-tsanet-simulator) at {@code http://<the HTTP interface, or 127.0.0.1>:<org.osgi.service.http.port>/tsanet-sim}
 * with the simulator's login {@code demo}/{@code demo} unless username and password are set. Outside demo mode
 * an empty {@code base.url} means TSANet is not set up: the connector is there, UNCONFIGURED, and refuses calls
 * saying what to set. A new configuration makes a new connector (no {@code @Modified}).
 */
// The platform's PID first: at start-up Felix SCR 2.2 hands a component none of its PIDs after the first one
// that has no configuration, so an operator who deletes this connector's file still gets demo mode right.
@Component(immediate = true, configurationPid = {"org.srplatform.platform", TsanetConfig.PID},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class TsanetSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TsanetSetup.class);
    /** The connector's public service property: how often the platform should follow open collaborations. */
    static final String POLL_SECONDS = "poll.seconds";

    @interface Platform {
        boolean demo() default false;
    }

    private final ComponentInstance<TsanetConnector> connector;
    private final ComponentInstance<TsanetHealth> check;

    @Activate
    public TsanetSetup(TsanetConfig config, Platform platform, BundleContext context,
            @Reference(target = "(component.factory=" + TsanetConnector.FACTORY + ")")
            ComponentFactory<TsanetConnector> connectors,
            @Reference(target = "(component.factory=" + TsanetHealth.FACTORY + ")")
            ComponentFactory<TsanetHealth> checks) {
        TsanetSettings settings = TsanetSettings.of(config, platform.demo(), context::getProperty);
        ConnectionHealth health = new ConnectionHealth(settings);
        if (!settings.problems().isEmpty()) {
            LOG.warn("TSANet collaborations cannot be opened until {} is fixed: {}", TsanetConfig.FILE,
                    String.join("; ", settings.problems()));
        } else if (settings.baseUrl().isEmpty()) {
            LOG.info("TSANet collaborations are off: base.url is not set in {}", TsanetConfig.FILE);
        } else {
            LOG.info("TSANet collaborations go through {}{} as {}", settings.baseUrl().get(),
                    settings.simulator() ? " (demo mode: the platform's TSANet simulator)" : "", settings.username());
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(TsanetConnector.SETTINGS, settings);
        properties.put(TsanetConnector.HEALTH, health);
        properties.put(POLL_SECONDS, settings.poll().toSeconds());
        connector = connectors.newInstance(properties);
        Hashtable<String, Object> checkProperties = new Hashtable<>();
        checkProperties.put(TsanetConnector.HEALTH, health);
        check = checks.newInstance(checkProperties);
    }

    @Deactivate
    void stop() {
        check.dispose();
        connector.dispose();
    }
}
