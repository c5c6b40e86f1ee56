package org.srplatform.tsanet.simulator.internal;

import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationBase;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * The simulator's own REST application at {@code /tsanet-sim}: apart from the platform's {@code /api/v1}, so
 * none of the platform's filters (Basic authentication above all) applies to it, and the platform's API is not
 * touched by it. It checks TSANet's bearer tokens itself. Made by {@link TsanetSimulator} only while the
 * simulator is active.
 */
@Component(service = Application.class, factory = SimulatorApplication.FACTORY)
@JakartarsApplicationBase(SimulatorApplication.BASE)
@JakartarsName(SimulatorApplication.BASE)
public final class SimulatorApplication extends Application {
    static final String FACTORY = "org.srplatform.tsanet.simulator.application";
    static final String BASE = "tsanet-sim";
    /** The private property that carries the simulation (private: a leading dot keeps it out of the registry). */
    static final String SIMULATION = ".simulation";

    private final SimulatorResource resource;

    @Activate
    public SimulatorApplication(Map<String, Object> properties) {
        this.resource = new SimulatorResource((TsanetSimulation) properties.get(SIMULATION));
    }

    @Override
    public Set<Object> getSingletons() {
        return Set.of(resource);
    }

    @Override
    public Map<String, Object> getProperties() {
        // As the platform's API application (sr-web's ApiApplication says why): start-up time on every build.
        return Map.of("jersey.config.server.wadl.disableWadl", true, "jersey.config.disableAutoDiscovery", true,
                "jersey.config.disableMetainfServicesLookup", true);
    }
}
