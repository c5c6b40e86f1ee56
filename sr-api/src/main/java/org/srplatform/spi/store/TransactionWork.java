package org.srplatform.spi.store;

import java.sql.SQLException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Work done in one {@link Transaction}. It may run more than once (a lost lock race is run again), so
 * it must have no effects outside the database; what must happen once, after the commit, goes to
 * {@link Transaction#afterCommit(Runnable)}.
 */
@ConsumerType
@FunctionalInterface
public interface TransactionWork<T> {
    T run(Transaction transaction) throws SQLException;
}
