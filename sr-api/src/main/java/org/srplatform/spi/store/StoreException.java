package org.srplatform.spi.store;

import java.sql.SQLException;
import java.util.Optional;

/** The database failed (not a domain refusal): callers see it as an unexpected error. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The JDBC failure behind this one, if any. */
    public Optional<SQLException> sqlCause() {
        return getCause() instanceof SQLException e ? Optional.of(e) : Optional.empty();
    }
}
