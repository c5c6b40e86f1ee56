package org.srplatform.store.internal.request;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.catalog.CatalogRepository;

/**
 * Checks that a new SR's account and product exist. The database no longer does (store schema V4 dropped
 * those foreign keys: each cost every SR an index insert and a probe), so the store does it, before the
 * SR's first write. Accounts and products are never deleted, so a check before the insert stays true.
 */
@FunctionalInterface
interface KnownReferences {

    /** @return what does not exist ("account 9999"), or empty */
    Optional<String> unknown(Connection c, String account, String product) throws SQLException;

    /** From the repositories' in-memory reference data: what the running platform uses. */
    static KnownReferences of(AccountRepository accounts, CatalogRepository catalog) {
        return (c, account, product) -> accounts.account(account).isEmpty() ? Optional.of("account " + account)
                : catalog.product(product).isEmpty() ? Optional.of("product " + product) : Optional.empty();
    }

    /** With a query each time, in the SR's transaction: for tests and tools that have only the database. */
    static KnownReferences queried() {
        return (c, account, product) -> !exists(c, "SELECT 1 FROM accounts WHERE account_number = ?", account)
                ? Optional.of("account " + account)
                : !exists(c, "SELECT 1 FROM products WHERE id = ?", product) ? Optional.of("product " + product)
                : Optional.empty();
    }

    private static boolean exists(Connection c, String query, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
