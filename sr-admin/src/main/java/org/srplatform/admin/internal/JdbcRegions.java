package org.srplatform.admin.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.srplatform.admin.internal.Setup.Region;
import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.Transactions;

/** Regions in this bundle's table {@code regions}. */
final class JdbcRegions {
    private final Transactions transactions;

    JdbcRegions(Transactions transactions) {
        this.transactions = transactions;
    }

    List<Region> all() {
        return transactions.read(tx -> {
            List<Region> out = new ArrayList<>();
            try (PreparedStatement s = tx.connection().prepareStatement("SELECT id, name, active FROM regions ORDER BY id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Region(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
            return out;
        });
    }

    void save(Transaction tx, Region region) {
        try {
            tx.dialect().upsert(tx.connection(), "regions", List.of("id"), List.of("name", "active"),
                    List.of(region.id(), region.name(), region.active()));
        } catch (SQLException e) {
            throw new StoreException("cannot save region " + region.id() + ": " + e.getMessage(), e);
        }
    }
}
