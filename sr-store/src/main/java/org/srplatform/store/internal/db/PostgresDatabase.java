package org.srplatform.store.internal.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.StoreException;

/**
 * The store on PostgreSQL, which several platform nodes may share: the schema brought up to date (every node
 * tries, the migrations' table lock lets one apply each script), connections from the driver's own data source
 * in a HikariCP pool. The data folder still holds what each node keeps for itself (its search index, the first
 * administrator's password file).
 */
public final class PostgresDatabase implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    /**
     * How long a caller waits for a connection. With PostgreSQL out of reach, HikariCP's default 30 s would hold every
     * request (and the HTTP thread serving it) that long before the store's failure (the API's 503); a busy pool is
     * rarely waited on this long, since the commit group shares one connection among concurrent writers.
     */
    static final long CONNECTION_WAIT_MILLIS = 5_000;

    private final Dialect dialect = new PostgresDialect();
    private final Path dataDir;
    private final String url;
    private final PooledTransactions transactions;

    /**
     * @param source       the driver's data source for {@code url}, signed in (the password stays in it)
     * @param url          for the log, without credentials
     * @param storeVersion the store bundle's version, recorded with the scripts it applies
     */
    public PostgresDatabase(DataSource source, String url, Path dataDir, int poolSize, String storeVersion) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.url = url;
        long start = System.nanoTime();
        try {
            Files.createDirectories(this.dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data folder " + this.dataDir, e);
        }
        int applied;
        int version;
        try (Connection c = source.getConnection()) {
            SchemaMigrations migrations = new SchemaMigrations(dialect);
            applied = migrations.migrate(c, SchemaMigrations.STORE_MODULE, storeVersion, SchemaMigrations.storeScripts());
            version = migrations.version(c, SchemaMigrations.STORE_MODULE);
        } catch (SQLException e) {
            throw new StoreException("cannot open the database " + url + ": " + e.getMessage()
                    + " (is PostgreSQL running there, and are jdbc.user and jdbc.password of org.srplatform.store"
                    + " right?)", e);
        }
        this.transactions = new PooledTransactions("sr-store", source, poolSize, dialect, CONNECTION_WAIT_MILLIS);
        LOG.info("Database ready in {} ms: {} (schema version {}, {} scripts applied now)",
                (System.nanoTime() - start) / 1_000_000, url, version, applied);
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        return transactions.inTransaction(work);
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        return transactions.read(work);
    }

    @Override
    public void close() {
        transactions.close();
        LOG.info("Database connections closed: {}", url);
    }
}
