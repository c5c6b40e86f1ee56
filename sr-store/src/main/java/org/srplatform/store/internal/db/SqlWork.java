package org.srplatform.store.internal.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a connection that the {@link Database} opened and closes. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
