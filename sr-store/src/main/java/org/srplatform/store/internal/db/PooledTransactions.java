package org.srplatform.store.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.StoreException;

/**
 * What every database of the store does the same way: a HikariCP pool over the database's own data source,
 * write transactions committed together ({@link CommitGroup}) and run again when they lost a lock race, reads
 * on auto-commit connections. Thread-safe.
 */
final class PooledTransactions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PooledTransactions.class);
    private static final int ATTEMPTS = 5;

    private final Dialect dialect;
    private final HikariDataSource pool;
    private final CommitGroup group;

    /** HikariCP's own wait for a connection, for a database that cannot be out of reach (embedded Derby). */
    static final long DEFAULT_CONNECTION_WAIT_MILLIS = 30_000;

    PooledTransactions(String name, DataSource source, int poolSize, Dialect dialect) {
        this(name, source, poolSize, dialect, DEFAULT_CONNECTION_WAIT_MILLIS);
    }

    /**
     * @param connectionWaitMillis how long a caller waits for a connection (the pool busy, the database out of reach)
     *                             before it gets a {@link StoreException}
     */
    PooledTransactions(String name, DataSource source, int poolSize, Dialect dialect, long connectionWaitMillis) {
        this.dialect = dialect;
        HikariConfig pooling = new HikariConfig();
        pooling.setPoolName(name);
        pooling.setDataSource(source);
        pooling.setMaximumPoolSize(poolSize);
        pooling.setConnectionTimeout(connectionWaitMillis);
        pooling.setMinimumIdle(Math.min(2, poolSize));
        pooling.setRegisterMbeans(false);
        this.pool = new HikariDataSource(pooling);
        this.group = new CommitGroup(pool::getConnection, dialect, this::alone);
    }

    <T> T inTransaction(SqlWork<T> work) {
        return group.run(work);
    }

    CommitGroup commitGroup() {
        return group;
    }

    /** One work in a transaction of its own, run again when it lost a lock race. */
    private <T> T alone(SqlWork<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollback(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && dialect.isRetryable(e)) {
                    LOG.debug("Transaction lost a lock race ({}), running it again (attempt {})", e.getSQLState(),
                            attempt + 1);
                    continue;
                }
                throw new StoreException("database transaction failed: " + e.getMessage(), e);
            }
        }
    }

    <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database query failed: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
