package org.srplatform.tsanet.simulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
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
 * Runs the TSANet simulator in demo mode ({@code demo=true} of {@code org.srplatform.platform}) or when its own
 * configuration says {@code enabled=true}; otherwise nothing answers at {@code /tsanet-sim}. The endpoints are a
 * factory component made here only while active, so a normal start serves no simulator at all, and the
 * simulator's settings (its password) stay in this component, which registers no service, never in the
 * service registry.
 */
// The platform's PID first: at start-up Felix SCR 2.2 hands a component none of its PIDs after the first one
// that has no configuration, and this simulator's own PID is usually absent.
@Component(immediate = true, configurationPid = {"org.srplatform.platform", SimulatorConfig.PID},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class TsanetSimulator {
    private static final Logger LOG = LoggerFactory.getLogger(TsanetSimulator.class);

    @interface Platform {
        boolean demo() default false;
    }

    private final ComponentInstance<SimulatorServlet> endpoints;

    @Activate
    public TsanetSimulator(SimulatorConfig config, Platform platform,
            @Reference(target = "(component.factory=" + SimulatorServlet.FACTORY + ")")
            ComponentFactory<SimulatorServlet> factory) {
        if (!config.enabled() && !platform.demo()) {
            endpoints = null;
            return;
        }
        TsanetSimulation simulation = new TsanetSimulation(new TsanetSimulation.Settings(config.username(),
                config.password(), Duration.ofSeconds(Math.max(1, config.token_seconds())),
                Duration.ofSeconds(Math.max(0, config.slow_seconds())), Math.max(0, config.failures()),
                config.validation_status() == 500 ? 500 : 400), Clock.systemUTC());
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(SimulatorServlet.SIMULATION, simulation); // private: not a service property
        endpoints = factory.newInstance(properties);
        LOG.info("TSANet simulator at /{}/v1 ({}), login {}; in-memory: cases are gone after a restart",
                SimulatorServlet.BASE, platform.demo() ? "demo mode" : "enabled=true", config.username());
    }

    @Deactivate
    void stop() {
        if (endpoints != null) {
            endpoints.dispose();
        }
    }
}
