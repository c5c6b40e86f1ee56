package org.srplatform.store.internal.db;

import java.sql.SQLException;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.condition.Condition;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.health.HealthCheck;
import org.srplatform.spi.health.HealthIndicator;

/**
 * Opens the database that {@code jdbc.url} of {@code etc/org.srplatform.store.cfg} names: embedded Derby (empty,
 * or {@code jdbc:derby:...}) or PostgreSQL ({@code jdbc:postgresql://host:port/db} with {@code jdbc.user} and
 * {@code jdbc.password}), reached through the PostgreSQL driver bundle's own OSGi service
 * ({@link DataSourceFactory}). It makes {@link StoreDatabase}, so the password stays out of the service registry.
 * A new configuration opens the database again.
 *
 * <p>The open (Derby's boot, or the connection to PostgreSQL, and the schema's migrations; on a first start, the
 * database's creation) runs on a thread of its own, and so does the start of every component that waits for the
 * database, while the framework goes on starting the other bundles: on two cores that start-up work overlaps instead
 * of queueing behind one thread. Health check {@code database} says {@code DOWN} when the open failed (the log says
 * why), {@code STARTING} while it opens, and asks the open database afterwards ({@link DatabaseHealth}).
 */
// Both PIDs required (etc/ has a file for each): the data folder comes from configuration, never from a
// default that would put a database where the operator did not ask. The store's own keys win. The name is the
// one PlatformHealth looks for when the store does not start.
@Component(name = "org.srplatform.store.database", immediate = true, service = HealthIndicator.class,
        configurationPid = {"org.srplatform.platform", "org.srplatform.store"},
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class DatabaseSetup implements HealthIndicator {
    static final String POSTGRES_DRIVER = "(osgi.jdbc.driver.class=org.postgresql.Driver)";
    static final String OPEN_FAILED = "the database could not be opened (in use by another process, unreachable, or"
            + " damaged); the log says why; restart the platform once it is fixed";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSetup.class);

    private final Future<Opened> opened;
    /** Null while the open runs; then the open database's check, or the failure's. */
    private volatile HealthIndicator state;
    /** The condition that the open has ended; null until it has. */
    private volatile ComponentInstance<Condition> settledCondition;

    private record Opened(Database database, ComponentInstance<StoreDatabase> service) {
    }

    @Activate
    public DatabaseSetup(StoreConfig config, BundleContext context,
            @Reference(target = "(component.factory=" + StoreDatabase.FACTORY + ")")
            ComponentFactory<StoreDatabase> services,
            @Reference(target = "(component.factory=" + StoreSettled.FACTORY + ")") ComponentFactory<Condition> settled,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
                    target = POSTGRES_DRIVER) DataSourceFactory postgres) {
        String version = context.getBundle().getVersion().toString();
        ExecutorService opener = Executors.newSingleThreadExecutor(r -> new Thread(r, "sr-store-open"));
        opened = opener.submit(() -> {
            try {
                Opened o = openAndRegister(config, version, Optional.ofNullable(postgres), services);
                state = new DatabaseHealth(o.database());
                return o;
            } catch (SQLException | RuntimeException e) {
                LOG.error("The store could not open its database; the platform cannot serve until it is fixed and"
                        + " restarted", e);
                state = new Failed();
                throw e;
            } finally {
                settledCondition = settled.newInstance(null);
            }
        });
        opener.shutdown();
    }

    private static Opened openAndRegister(StoreConfig config, String version, Optional<DataSourceFactory> postgres,
            ComponentFactory<StoreDatabase> services) throws SQLException {
        Database database = open(config, version, postgres);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(StoreDatabase.DATABASE, database);
        try {
            // Registers the database: the components that wait for it start now, on this thread.
            return new Opened(database, services.newInstance(properties));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return DatabaseHealth.NAME;
    }

    @Override
    public HealthCheck check() {
        HealthIndicator now = state;
        return now == null ? HealthCheck.starting("the store is opening its database") : now.check();
    }

    private static final class Failed implements HealthIndicator {
        @Override
        public String name() {
            return DatabaseHealth.NAME;
        }

        @Override
        public HealthCheck check() {
            return HealthCheck.down(OPEN_FAILED);
        }
    }

    static Database open(StoreConfig config, String storeVersion, Optional<DataSourceFactory> postgres)
            throws SQLException {
        String url = config.jdbc_url() == null ? "" : config.jdbc_url().strip();
        if (!url.startsWith("jdbc:postgresql:")) {
            return DerbyDatabase.configured(config, storeVersion);
        }
        // The reference is greedy: when the driver bundle comes, this component starts again with it.
        DataSourceFactory factory = postgres.orElseThrow(() -> new IllegalStateException("jdbc.url of"
                + " org.srplatform.store names PostgreSQL, but the PostgreSQL driver bundle (org.postgresql.jdbc) is"
                + " not active: put it into bundle/ or deploy/"));
        return new PostgresDatabase(dataSource(factory, url, config), url,
                StoreSettings.dataDir(config, Optional.empty()), Math.max(2, config.pool_size()),
                storeVersion);
    }

    /** The driver's data source for the URL, signed in; the password goes nowhere else. */
    static DataSource dataSource(DataSourceFactory factory, String url, StoreConfig config) throws SQLException {
        Properties p = new Properties();
        p.setProperty(DataSourceFactory.JDBC_URL, url);
        if (config.jdbc_user() != null && !config.jdbc_user().isBlank()) {
            p.setProperty(DataSourceFactory.JDBC_USER, config.jdbc_user().strip());
        }
        if (config.jdbc_password() != null && !config.jdbc_password().isEmpty()) {
            p.setProperty(DataSourceFactory.JDBC_PASSWORD, config.jdbc_password());
        }
        // A black-holed network (no reset) would otherwise hang a statement, its request and its pooled connection
        // until the kernel gives up, hours later; keep-alive finds a dead peer on an idle connection.
        if (!url.contains("socketTimeout=")) {
            p.setProperty("socketTimeout", Integer.toString(Math.max(0, config.socket_timeout_seconds())));
        }
        if (!url.contains("tcpKeepAlive=")) {
            p.setProperty("tcpKeepAlive", "true");
        }
        return factory.createDataSource(p);
    }

    /** Waits for an open under way (its components must not outlive this configuration), then closes. */
    @Deactivate
    void close() throws InterruptedException {
        Opened o;
        try {
            o = opened.get();
        } catch (ExecutionException failed) {
            o = null; // logged when it failed; nothing was opened
        }
        ComponentInstance<Condition> condition = settledCondition;
        if (condition != null) {
            condition.dispose();
        }
        if (o != null) {
            o.service().dispose();
            o.database().close();
        }
    }
}
