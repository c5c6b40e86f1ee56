package org.srplatform.tsanet.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;

class TsanetSimulatorTest {

    /** Records the instances made and disposed, as SCR would make them. */
    static final class RecordingFactory implements ComponentFactory<SimulatorApplication> {
        final List<Dictionary<String, ?>> made = new ArrayList<>();
        int disposed;

        @Override
        public ComponentInstance<SimulatorApplication> newInstance(Dictionary<String, ?> properties) {
            made.add(properties);
            java.util.Map<String, Object> map = new java.util.HashMap<>();
            Collections.list(properties.keys()).forEach(k -> map.put(k, properties.get(k)));
            SimulatorApplication app = new SimulatorApplication(map);
            return new ComponentInstance<>() {
                @Override
                public void dispose() {
                    disposed++;
                }

                @Override
                public SimulatorApplication getInstance() {
                    return app;
                }
            };
        }
    }

    static <A> A config(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object value = values.get(method.getName().replace('_', '.'));
            return value != null ? value : method.getDefaultValue();
        }));
    }

    private static RecordingFactory start(boolean demo, boolean enabled) {
        RecordingFactory factory = new RecordingFactory();
        TsanetSimulator simulator = new TsanetSimulator(config(SimulatorConfig.class, Map.of("enabled", enabled)),
                config(TsanetSimulator.Platform.class, Map.of("demo", demo)), factory);
        simulator.stop();
        return factory;
    }

    @Test
    void aNormalStartServesNoSimulator() {
        RecordingFactory factory = start(false, false);
        assertTrue(factory.made.isEmpty());
        assertEquals(0, factory.disposed);
    }

    @Test
    void demoModeOrEnabledServesItUntilStopped() {
        for (RecordingFactory factory : List.of(start(true, false), start(false, true))) {
            assertEquals(1, factory.made.size());
            Dictionary<String, ?> properties = factory.made.get(0);
            assertTrue(properties.get(SimulatorApplication.SIMULATION) instanceof TsanetSimulation);
            for (String key : Collections.list(properties.keys())) {
                assertTrue(key.startsWith("."), key + " would be a service property");
            }
            assertEquals(1, factory.disposed);
        }
    }

    @Test
    void theApplicationServesTheSimulationsResource() {
        RecordingFactory factory = start(true, false);
        assertFalse(factory.made.isEmpty());
        SimulatorApplication app = new SimulatorApplication(Map.of(SimulatorApplication.SIMULATION,
                factory.made.get(0).get(SimulatorApplication.SIMULATION)));
        assertEquals(1, app.getSingletons().size());
        assertTrue(app.getSingletons().iterator().next() instanceof SimulatorResource);
    }
}
