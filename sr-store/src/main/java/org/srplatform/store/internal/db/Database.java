package org.srplatform.store.internal.db;

import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.Dialect;
import java.nio.file.Path;

/**
 * The store's database, private to this bundle: connections, transactions and the SQL dialect.
 * Thread-safe; each call uses its own connection.
 */
public interface Database extends AutoCloseable {

    Dialect dialect();

    /** The folder the store keeps its files in (the Derby database, its log, first passwords). */
    Path dataDir();

    /**
     * Runs work in one transaction: commits when it returns, rolls back when it throws, so nothing
     * half-written is ever visible. Work that lost a lock race (a deadlock, a busy sequence) is run
     * again, so work must not have effects outside the database.
     *
     * @throws StoreException for a database failure; a runtime exception of the work as it is
     */
    <T> T inTransaction(SqlWork<T> work);

    /** Runs read-only work on an auto-commit connection. */
    <T> T read(SqlWork<T> work);

    /**
     * Whether other processes (other platform nodes) may write this database too, so that what this process wrote
     * is not all that changes: false for embedded Derby, which one process opens at a time.
     */
    default boolean sharedByNodes() {
        return true;
    }

    /** Closes its connections (and shuts an embedded database down); the store's component calls it. */
    @Override
    void close();
}
