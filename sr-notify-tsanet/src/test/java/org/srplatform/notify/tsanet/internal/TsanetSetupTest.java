package org.srplatform.notify.tsanet.internal;

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
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.srplatform.api.partner.ConnectorState;

class TsanetSetupTest {

    /** Records what each instance was made with; makes the instance from those properties, as SCR would. */
    static final class RecordingFactory<S> implements ComponentFactory<S> {
        final List<Dictionary<String, ?>> made = new ArrayList<>();
        final List<S> instances = new ArrayList<>();
        final List<Boolean> disposed = new ArrayList<>();
        private final java.util.function.Function<Map<String, Object>, S> make;
        private final java.util.function.Consumer<S> deactivate;

        RecordingFactory(java.util.function.Function<Map<String, Object>, S> make, java.util.function.Consumer<S> deactivate) {
            this.make = make;
            this.deactivate = deactivate;
        }

        @Override
        public ComponentInstance<S> newInstance(Dictionary<String, ?> properties) {
            made.add(properties);
            Map<String, Object> map = new java.util.HashMap<>();
            Collections.list(properties.keys()).forEach(k -> map.put(k, properties.get(k)));
            S instance = make.apply(map);
            instances.add(instance);
            int index = disposed.size();
            disposed.add(false);
            return new ComponentInstance<>() {
                @Override
                public void dispose() {
                    deactivate.accept(instance);
                    disposed.set(index, true);
                }

                @Override
                public S getInstance() {
                    return instance;
                }
            };
        }
    }

    private static BundleContext framework(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> method.getName().equals("getProperty")
                        ? properties.get((String) args[0]) : null);
    }

    @Test
    void thePasswordIsNeverAPublicPropertyOfTheConnector() {
        RecordingFactory<TsanetConnector> connectors = new RecordingFactory<>(TsanetConnector::new, TsanetConnector::stop);
        RecordingFactory<TsanetHealth> checks = new RecordingFactory<>(TsanetHealth::new, h -> { });
        TsanetSetup setup = new TsanetSetup(Annotations.of(TsanetConfig.class, Map.of("base.url",
                "https://connect2.tsanet.org", "username", "api@example.com", "password", "hunter2-secret",
                "poll.seconds", "45")), Annotations.of(TsanetSetup.Platform.class, Map.of()), framework(Map.of()),
                connectors, checks);
        Dictionary<String, ?> properties = connectors.made.get(0);
        for (String key : Collections.list(properties.keys())) {
            if (!key.startsWith(".")) { // DS publishes every property but private ones
                assertFalse(String.valueOf(properties.get(key)).contains("hunter2-secret"), key);
            }
        }
        assertEquals(45L, properties.get(TsanetSetup.POLL_SECONDS));
        assertEquals(ConnectorState.READY, connectors.instances.get(0).state());
        assertEquals("tsanet", checks.instances.get(0).name());
        assertEquals(1, checks.made.size());
        setup.stop();
        assertEquals(List.of(true), connectors.disposed);
        assertEquals(List.of(true), checks.disposed);
    }

    @Test
    void demoModeMakesAConnectorForTheSimulator() {
        RecordingFactory<TsanetConnector> connectors = new RecordingFactory<>(TsanetConnector::new, TsanetConnector::stop);
        RecordingFactory<TsanetHealth> checks = new RecordingFactory<>(TsanetHealth::new, h -> { });
        new TsanetSetup(Annotations.of(TsanetConfig.class, Map.of("base.url", "")),
                Annotations.of(TsanetSetup.Platform.class, Map.of("demo", "true")),
                framework(Map.of("org.osgi.service.http.port", "18777")), connectors, checks).stop();
        TsanetSettings settings = (TsanetSettings) connectors.made.get(0).get(TsanetConnector.SETTINGS);
        assertTrue(settings.simulator());
        assertEquals("http://127.0.0.1:18777/tsanet-sim", settings.baseUrl().orElseThrow().toString());
    }
}
