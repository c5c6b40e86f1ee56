package org.srplatform.store.internal.db;

import java.sql.SQLException;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Opens the database that {@code jdbc.url} of {@code etc/org.srplatform.store.cfg} names: embedded Derby (empty,
 * or {@code jdbc:derby:...}) or PostgreSQL ({@code jdbc:postgresql://host:port/db} with {@code jdbc.user} and
 * {@code jdbc.password}), reached through the PostgreSQL driver bundle's own OSGi service
 * ({@link DataSourceFactory}). It registers no service itself: it makes {@link StoreDatabase}, so the password
 * stays out of the service registry. A new configuration opens the database again.
 */
// Both PIDs required (etc/ has a file for each): the data folder comes from configuration, never from a
// default that would put a database where the operator did not ask. The store's own keys win. The name is the
// one PlatformHealth looks for when the store does not start.
@Component(name = "org.srplatform.store.database", immediate = true,
        configurationPid = {"org.srplatform.platform", "org.srplatform.store"},
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class DatabaseSetup {
    static final String POSTGRES_DRIVER = "(osgi.jdbc.driver.class=org.postgresql.Driver)";

    private final Database database;
    private final ComponentInstance<StoreDatabase> service;

    @Activate
    public DatabaseSetup(StoreConfig config, BundleContext context,
            @Reference(target = "(component.factory=" + StoreDatabase.FACTORY + ")")
            ComponentFactory<StoreDatabase> services,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
                    target = POSTGRES_DRIVER) DataSourceFactory postgres) throws SQLException {
        database = open(config, context.getBundle().getVersion().toString(), Optional.ofNullable(postgres));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(StoreDatabase.DATABASE, database);
        ComponentInstance<StoreDatabase> made;
        try {
            made = services.newInstance(properties);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        service = made;
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

    @Deactivate
    void close() {
        service.dispose();
        database.close();
    }
}
