package org.srplatform.suggest.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.Transactions;

/**
 * Counts the suggested resources that solved a customer's problem ("this solved it" in Get Support), in
 * {@code suggestions_solved}, a table of this bundle's own (its {@code schema/} folder).
 */
@Component(service = SolvedSuggestions.class)
@Header(name = Transactions.SCHEMA_HEADER, value = "schema")
public final class SolvedSuggestions {

    /** How often one article solved a problem of a product in a period. */
    public record Count(String article, String product, long solved) {
    }

    private final Transactions db;

    @Activate
    public SolvedSuggestions(@Reference Transactions db) {
        this.db = db;
    }

    public void record(String article, String product, Optional<String> category, String login, Instant at) {
        db.inTransaction(tx -> {
            try (PreparedStatement s = tx.connection().prepareStatement("INSERT INTO suggestions_solved"
                    + " (article_id, product, category, solved_by, solved_at) VALUES (?, ?, ?, ?, ?)")) {
                return Sql.bindAll(s, article, product, category.orElse(null), login, at).executeUpdate();
            }
        });
    }

    /** Counts per article and product between two instants (from inclusive, to exclusive), most first. */
    public List<Count> counts(Instant from, Instant to) {
        return db.read(tx -> {
            List<Count> out = new ArrayList<>();
            try (PreparedStatement s = tx.connection().prepareStatement("SELECT article_id, product, COUNT(*) AS n"
                    + " FROM suggestions_solved WHERE solved_at >= ? AND solved_at < ? GROUP BY article_id, product"
                    + " ORDER BY n DESC, article_id, product")) {
                try (ResultSet rs = Sql.bindAll(s, from, to).executeQuery()) {
                    while (rs.next()) {
                        out.add(new Count(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                }
            }
            return out;
        });
    }
}
