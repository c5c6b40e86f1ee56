package org.srplatform.store.internal.db;

import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Derby database: boots it in the data folder, brings the schema up to date, hands out
 * connections, and shuts it down cleanly so that the next start finds it consistent.
 */
// Made by StoreDatabase, the store's one Database service, when jdbc.url is empty or names embedded Derby.
public final class DerbyDatabase implements Database {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyDatabase.class);
    private static final int PREALLOCATED_VALUES = 1000;

    private final StoreSettings settings;
    private final Dialect dialect = new DerbyDialect();
    // DriverManager does not see a driver inside another bundle: connect through our own instance.
    private final EmbeddedDriver driver;
    /**
     * Opening an embedded Derby connection costs about a millisecond of CPU and every request makes
     * several; HikariCP (a real OSGi bundle) keeps them open. Concurrent write transactions commit together
     * (group commit), each caller still after its own commit.
     */
    private final PooledTransactions transactions;

    /** Pages in Derby's cache by default; see {@link StoreConfig#page_cache_pages()}. */
    static final int DEFAULT_PAGE_CACHE_PAGES = 8000;

    /** The platform's database as configured; {@code storeVersion} is recorded with the scripts it applies. */
    static DerbyDatabase configured(StoreConfig config, String storeVersion) {
        return new DerbyDatabase(withPageCache(StoreSettings.resolve(config, Optional.empty()), config.page_cache_pages()),
                storeVersion);
    }

    /**
     * Derby reads its page cache size only from a system property, when the database boots; the engine
     * is private to this bundle, so the global is ours (as the log settings below).
     */
    static StoreSettings withPageCache(StoreSettings settings, int pages) {
        if (pages < 40) { // Derby's minimum
            throw new IllegalArgumentException("page.cache.pages of org.srplatform.store must be at least 40, not " + pages);
        }
        System.setProperty("derby.storage.pageCacheSize", Integer.toString(pages));
        return settings;
    }

    public DerbyDatabase(StoreSettings settings) {
        this(settings, DEFAULT_POOL_SIZE, "test");
    }

    DerbyDatabase(StoreSettings settings, String storeVersion) {
        this(settings, DEFAULT_POOL_SIZE, storeVersion);
    }

    static final int DEFAULT_POOL_SIZE = 16;

    public DerbyDatabase(StoreSettings settings, int poolSize) {
        this(settings, poolSize, "test");
    }

    /** @param storeVersion the store bundle's version, recorded with the scripts it applies */
    DerbyDatabase(StoreSettings settings, int poolSize, String storeVersion) {
        this.settings = settings;
        long start = System.nanoTime();
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data folder " + settings.dataDir(), e);
        }
        // Derby reads where its log goes only from system properties (or a derby.properties in the
        // working directory), when its engine boots. The engine is private to this bundle, so the
        // global is ours to set; without it Derby writes derby.log into the working directory.
        System.setProperty("derby.stream.error.file", settings.dataDir().resolve("derby.log").toString());
        System.setProperty("derby.infolog.append", "true");
        // Embedded Derby otherwise creates its files with the process umask (often world-readable): owner only.
        System.setProperty("derby.storage.useDefaultFilePermissions", "false");
        this.driver = new EmbeddedDriver();
        int applied;
        int version;
        long booted;
        try (Connection c = connection()) {
            booted = System.nanoTime();
            SchemaMigrations migrations = new SchemaMigrations(dialect);
            applied = migrations.migrate(c, SchemaMigrations.STORE_MODULE, storeVersion,
                    SchemaMigrations.storeScripts());
            version = migrations.version(c, SchemaMigrations.STORE_MODULE);
            if (applied > 0) { // a new or upgraded database: an up-to-date start stays one query
                preallocateLargerRanges(c);
            }
        } catch (SQLException e) {
            shutDown();
            if (bootedElsewhere(e)) {
                // Said in one line: Derby's own text is several exceptions deep and easily lost in the log.
                LOG.error("The database {} is in use by another process (another instance of the platform on the same"
                        + " data folder?): stop that instance, or start this one with another --data folder", settings.jdbcUrl());
                throw new StoreException("the database " + settings.jdbcUrl() + " is in use by another process; stop it"
                        + " or start with another --data folder", e);
            }
            throw new StoreException("cannot open the database " + settings.jdbcUrl(), e);
        } catch (RuntimeException e) {
            shutDown();
            throw e;
        }
        this.transactions = new PooledTransactions("sr-store", new DriverDataSource(driver, settings.jdbcUrl()),
                poolSize, dialect);
        long end = System.nanoTime();
        LOG.info("Database ready in {} ms (Derby boot {} ms, schema {} ms): {} (schema version {}, {} scripts applied"
                + " now)", (end - start) / 1_000_000, (booted - start) / 1_000_000, (end - booted) / 1_000_000,
                settings.jdbcUrl(), version, applied);
    }

    /**
     * Sequences and identity columns write their catalog row once per preallocated range; under
     * concurrent inserts that write is where sessions collide (see {@link DerbyDialect#isRetryable}),
     * so fewer, larger ranges. A crash loses at most one range of numbers: a gap, never a duplicate.
     * A database property, so no JVM-wide setting; written only when it differs.
     */
    private static void preallocateLargerRanges(Connection c) throws SQLException {
        String property = "derby.language.sequence.preallocator";
        String wanted = Integer.toString(PREALLOCATED_VALUES);
        try (var get = c.prepareStatement("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)")) {
            get.setString(1, property);
            try (var rs = get.executeQuery()) {
                if (rs.next() && wanted.equals(rs.getString(1))) {
                    return;
                }
            }
        }
        try (var set = c.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
            set.setString(1, property);
            set.setString(2, wanted);
            set.execute();
        }
    }

    @Override
    public void close() {
        transactions.close();
        shutDown();
        LOG.info("Database shut down: {}", settings.jdbcUrl());
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public Path dataDir() {
        return settings.dataDir();
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        return transactions.inTransaction(work);
    }

    /** For tests: how writes were grouped. */
    CommitGroup commitGroup() {
        return transactions.commitGroup();
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        return transactions.read(work);
    }

    /** Embedded: no other process opens the database while this one has it (Derby's {@code db.lck}). */
    @Override
    public boolean sharedByNodes() {
        return false;
    }

    /** Derby's XSDB6: another JVM has booted this database (Derby's lock file {@code db.lck} is held). */
    static boolean bootedElsewhere(SQLException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++) { // Derby chains both next exceptions and causes
            if (t instanceof SQLException s && "XSDB6".equals(s.getSQLState())) {
                return true;
            }
            t = t instanceof SQLException s && s.getNextException() != null ? s.getNextException() : t.getCause();
        }
        return false;
    }

    private Connection connection() throws SQLException {
        Connection c = driver.connect(settings.jdbcUrl(), new Properties());
        if (c == null) { // cannot happen for the URLs StoreSettings accepts
            throw new SQLException("Derby refused the URL " + settings.jdbcUrl());
        }
        return c;
    }

    /**
     * Shuts the database down (Derby answers 08006), then Derby's engine (XJ015): its threads would
     * otherwise keep this bundle's class loader alive after the bundle stops.
     */
    private void shutDown() {
        try {
            driver.connect(settings.shutdownUrl(), new Properties());
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                LOG.warn("Database shutdown failed: {}", settings.jdbcUrl(), e);
            }
        }
        try {
            driver.connect("jdbc:derby:;shutdown=true", new Properties());
        } catch (SQLException e) {
            if (!"XJ015".equals(e.getSQLState())) {
                LOG.warn("Derby engine shutdown failed", e);
            }
        }
    }
}
