package org.srplatform.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.condition.Condition;
import org.srplatform.spi.health.HealthCheck;

/**
 * The store opens its database on a thread of its own: activation returns at once, health check {@code database}
 * says STARTING until the open ends, and the condition the REST whiteboard waits for comes after it, opened or failed.
 */
class DatabaseSetupTest {
    @TempDir
    Path dir;

    private final Made<StoreDatabase> databases = new Made<>();
    private final Made<Condition> settled = new Made<>();

    @Test
    void theDatabaseOpensOffTheActivationAndTheConditionComesOnceItIsOpen() throws Exception {
        CountDownLatch opening = new CountDownLatch(1);
        databases.gate = opening; // the open waits here, after Derby's boot, before its components start

        DatabaseSetup setup = new DatabaseSetup(config(Map.of("data.dir", dir.toString())), context(), databases,
                settled, null);
        assertEquals(HealthCheck.Status.STARTING, setup.check().status(), "activation did not wait for the open");
        assertEquals(List.of(), settled.instances);

        opening.countDown();
        settled.await();
        assertEquals(1, databases.instances.size());
        assertNotNull(databases.properties.get(0).get(StoreDatabase.DATABASE));
        assertEquals(HealthCheck.Status.UP, setup.check().status());
        assertEquals("database", setup.name());

        setup.close();
        assertTrue(databases.disposed.get(0) && settled.disposed.get(0), "both taken back at the close");
    }

    @Test
    void anOpenThatFailsIsDownAndStillLetsTheApiAnswer() throws Exception {
        // PostgreSQL named without its driver bundle: the open fails.
        DatabaseSetup setup = new DatabaseSetup(config(Map.of("data.dir", dir.toString(),
                "jdbc.url", "jdbc:postgresql://127.0.0.1:1/none")), context(), databases, settled, null);
        settled.await();
        assertEquals(HealthCheck.down(DatabaseSetup.OPEN_FAILED), setup.check());
        assertEquals(List.of(), databases.instances);
        setup.close();
        assertTrue(settled.disposed.get(0));
    }

    private static StoreConfig config(Map<String, String> values) {
        return (StoreConfig) Proxy.newProxyInstance(StoreConfig.class.getClassLoader(), new Class<?>[] {StoreConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return StoreConfig.class;
                    }
                    String value = values.get(method.getName().replace('_', '.'));
                    return value != null ? value : method.getDefaultValue();
                });
    }

    private static BundleContext context() {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> method.getName().equals("getVersion") ? new Version(1, 1, 0) : null);
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> method.getName().equals("getBundle") ? bundle : null);
    }

    /** A component factory that records what it made, and may hold the making back. */
    private static final class Made<T> implements ComponentFactory<T> {
        final List<ComponentInstance<T>> instances = new CopyOnWriteArrayList<>();
        final List<Dictionary<String, ?>> properties = new CopyOnWriteArrayList<>();
        final List<Boolean> disposed = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate;
        private final CountDownLatch madeOne = new CountDownLatch(1);

        @Override
        public ComponentInstance<T> newInstance(Dictionary<String, ?> props) {
            try {
                if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            int index = instances.size();
            disposed.add(false);
            properties.add(props == null ? new java.util.Hashtable<>() : props);
            ComponentInstance<T> made = new ComponentInstance<>() {
                @Override
                public void dispose() {
                    disposed.set(index, true);
                }

                @Override
                public T getInstance() {
                    return null;
                }
            };
            instances.add(made);
            madeOne.countDown();
            return made;
        }

        void await() throws InterruptedException {
            assertTrue(madeOne.await(60, TimeUnit.SECONDS), "made within a minute");
        }
    }
}
