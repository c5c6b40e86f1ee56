package org.srplatform.store.internal.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.srplatform.api.event.CatalogEvents;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.catalog.UpdateCadence;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.request.Severity;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.catalog.WeeklyWindow;
import org.srplatform.store.internal.cache.ReferenceCache;
import org.srplatform.store.internal.db.Database;
import org.srplatform.spi.store.Sql;

/**
 * Products with their support hours and categories, and knowledge articles, in SQL tables; also what administrators
 * deactivated of products, categories and support offerings, and each offering's update cadence (read on every SR:
 * kept in memory with the products).
 */
@Component
public final class JdbcCatalogRepository implements CatalogRepository {

    private final Database db;
    /** Every SR reads its product (support hours, categories): kept in memory, forgotten at each product write. */
    private final ReferenceCache products = new ReferenceCache();

    /** Told after each committed change, so suggestion indexes follow edits at once; optional. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    @Activate
    public JdbcCatalogRepository(@Reference Database db) {
        this.db = db;
    }

    private void announce(String topic, String id) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(topic, Map.of(CatalogEvents.ID, id)));
        }
    }

    @Override
    public List<Product> products() {
        return products.get("products", "", () -> List.copyOf(db.read(c -> loadProducts(c, null))));
    }

    @Override
    public Optional<Product> product(String id) {
        return products.get("product", id, () -> db.read(c -> loadProducts(c, id)).stream().findFirst());
    }

    @Override
    public void saveProduct(Product product) {
        try {
            writeProduct(product);
        } finally {
            products.changed(); // also after a failure: it may have committed
        }
        announce(CatalogEvents.PRODUCT_CHANGED, product.id());
    }

    @Override
    public void saveProduct(org.srplatform.spi.store.Transaction tx, Product product) {
        tx.afterCommit(() -> {
            products.changed();
            announce(CatalogEvents.PRODUCT_CHANGED, product.id());
        });
        try {
            writeProduct(tx.connection(), tx.dialect(), product);
        } catch (SQLException e) {
            throw new org.srplatform.spi.store.StoreException("cannot save product " + product.id() + ": "
                    + e.getMessage(), e);
        }
    }

    private void writeProduct(Product product) {
        db.inTransaction(c -> {
            writeProduct(c, db.dialect(), product);
            return null;
        });
    }

    private static void writeProduct(Connection c, org.srplatform.spi.store.Dialect dialect, Product product)
            throws SQLException {
        {
            SupportHours hours = product.supportHours();
            dialect.upsert(c, "products", List.of("id"), List.of("name", "around_the_clock", "zone_id"),
                    List.of(product.id(), product.name(), hours.aroundTheClock(), hours.zone().getId()));
            // Categories are written again whole; the ones it keeps keep their activation (new ones are active).
            Set<String> inactive = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM problem_categories WHERE product_id = ? AND active = FALSE")) {
                try (ResultSet rs = Sql.bindAll(s, product.id()).executeQuery()) {
                    while (rs.next()) {
                        inactive.add(rs.getString(1));
                    }
                }
            }
            for (String child : List.of("product_support_windows", "product_holidays", "problem_categories")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + child + " WHERE product_id = ?")) {
                    Sql.bindAll(s, product.id()).executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO product_support_windows"
                    + " (product_id, list_index, day_of_week, start_time, end_time) VALUES (?, ?, ?, ?, ?)")) {
                int i = 0;
                for (WeeklyWindow w : hours.windows()) {
                    Sql.bindAll(s, product.id(), i++, w.day(), w.from(), w.to()).addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO product_holidays (product_id, holiday) VALUES (?, ?)")) {
                for (LocalDate day : hours.holidays()) {
                    Sql.bindAll(s, product.id(), day).addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO problem_categories"
                    + " (product_id, id, list_index, name, description, active) VALUES (?, ?, ?, ?, ?, ?)")) {
                int i = 0;
                for (ProblemCategory pc : product.categories()) {
                    Sql.bindAll(s, product.id(), pc.id(), i++, pc.name(), pc.description(), !inactive.contains(pc.id()))
                            .addBatch();
                }
                s.executeBatch();
            }
        }
    }

    // ------------------------------------------------------------------ deactivation and update cadences

    /** What is deactivated and the offerings' cadences: a few rows, read at once and kept with the products. */
    private record Terms(Set<String> inactiveProducts, Set<String> inactiveCategories, Set<String> inactiveOfferings,
            Map<String, UpdateCadence> cadences) {
    }

    private Terms terms() {
        return products.get("terms", "", () -> db.read(JdbcCatalogRepository::loadTerms));
    }

    private static String categoryKey(String product, String category) {
        return product + "\u0000" + category;
    }

    @Override
    public boolean productActive(String product) {
        return !terms().inactiveProducts().contains(product);
    }

    @Override
    public boolean categoryActive(String product, String category) {
        return !terms().inactiveCategories().contains(categoryKey(product, category));
    }

    @Override
    public boolean offeringActive(String offering) {
        return !terms().inactiveOfferings().contains(offering);
    }

    @Override
    public UpdateCadence updateCadence(String offering) {
        return terms().cadences().getOrDefault(offering, UpdateCadence.none());
    }

    @Override
    public void setProductActive(org.srplatform.spi.store.Transaction tx, String product, boolean active) {
        setActive(tx, "UPDATE products SET active = ? WHERE id = ?", List.of(active, product), "product " + product);
        tx.afterCommit(() -> {
            products.changed();
            announce(CatalogEvents.PRODUCT_CHANGED, product);
        });
    }

    @Override
    public void setCategoryActive(org.srplatform.spi.store.Transaction tx, String product, String category,
            boolean active) {
        setActive(tx, "UPDATE problem_categories SET active = ? WHERE product_id = ? AND id = ?",
                List.of(active, product, category), "category " + category + " of product " + product);
        tx.afterCommit(() -> {
            products.changed();
            announce(CatalogEvents.PRODUCT_CHANGED, product);
        });
    }

    @Override
    public void setOfferingActive(org.srplatform.spi.store.Transaction tx, String offering, boolean active) {
        setActive(tx, "UPDATE support_offerings SET active = ? WHERE id = ?", List.of(active, offering),
                "support offering " + offering);
        tx.afterCommit(products::changed);
    }

    private static void setActive(org.srplatform.spi.store.Transaction tx, String update, List<Object> values,
            String what) {
        try (PreparedStatement s = tx.connection().prepareStatement(update)) {
            if (Sql.bindAll(s, values.toArray()).executeUpdate() == 0) {
                throw new NotFoundException("No " + what + ".");
            }
        } catch (SQLException e) {
            throw new org.srplatform.spi.store.StoreException("cannot (de)activate " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void saveUpdateCadence(org.srplatform.spi.store.Transaction tx, String offering, UpdateCadence cadence) {
        tx.afterCommit(products::changed);
        Connection c = tx.connection();
        try {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM offering_update_cadences WHERE offering_id = ?")) {
                Sql.bindAll(s, offering).executeUpdate();
            }
            if (cadence.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO offering_update_cadences (offering_id, severity, every_ms) VALUES (?, ?, ?)")) {
                for (Map.Entry<Severity, java.time.Duration> e : cadence.every().entrySet()) {
                    Sql.bindAll(s, offering, e.getKey().level(), e.getValue().toMillis()).addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw new org.srplatform.spi.store.StoreException("cannot save the update cadence of offering " + offering
                    + ": " + e.getMessage(), e);
        }
    }

    private static Terms loadTerms(Connection c) throws SQLException {
        Set<String> products = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM products WHERE active = FALSE");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                products.add(rs.getString(1));
            }
        }
        Set<String> categories = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT product_id, id FROM problem_categories WHERE active = FALSE");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                categories.add(categoryKey(rs.getString(1), rs.getString(2)));
            }
        }
        Set<String> offerings = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM support_offerings WHERE active = FALSE");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                offerings.add(rs.getString(1));
            }
        }
        Map<String, Map<Severity, java.time.Duration>> every = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT offering_id, severity, every_ms FROM offering_update_cadences");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                every.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .put(Severity.of(rs.getInt(2)), java.time.Duration.ofMillis(rs.getLong(3)));
            }
        }
        Map<String, UpdateCadence> cadences = new HashMap<>();
        every.forEach((offering, e) -> cadences.put(offering, new UpdateCadence(e)));
        return new Terms(Set.copyOf(products), Set.copyOf(categories), Set.copyOf(offerings), Map.copyOf(cadences));
    }

    @Override
    public List<KnowledgeArticle> articles(String product) {
        return db.read(c -> loadArticles(c, "product_id", product));
    }

    @Override
    public Optional<KnowledgeArticle> article(String id) {
        return db.read(c -> loadArticles(c, "id", id)).stream().findFirst();
    }

    @Override
    public void saveArticle(KnowledgeArticle a) {
        db.inTransaction(c -> {
            db.dialect().upsert(c, "knowledge_articles", List.of("id"),
                    List.of("product_id", "category_id", "title", "summary", "body", "url", "updated_at"),
                    java.util.Arrays.asList(a.id(), a.product(), a.category().orElse(null), a.title(), a.summary(),
                            a.body(), a.url(), a.updatedAt()));
            try (PreparedStatement s = c.prepareStatement("DELETE FROM knowledge_article_tags WHERE article_id = ?")) {
                Sql.bindAll(s, a.id()).executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO knowledge_article_tags (article_id, list_index, tag) VALUES (?, ?, ?)")) {
                int i = 0;
                for (String tag : a.tags()) {
                    Sql.bindAll(s, a.id(), i++, tag).addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
        announce(CatalogEvents.ARTICLE_CHANGED, a.id());
    }

    /** One product, or all (id null) ordered by name: four queries whatever the count. */
    private static List<Product> loadProducts(Connection c, String id) throws SQLException {
        String where = id == null ? "" : " WHERE product_id = ?";
        Map<String, List<WeeklyWindow>> windows = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT product_id, day_of_week, start_time, end_time"
                + " FROM product_support_windows" + where + " ORDER BY product_id, list_index")) {
            try (ResultSet rs = bindOptional(s, id).executeQuery()) {
                while (rs.next()) {
                    windows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new WeeklyWindow(
                            DayOfWeek.valueOf(rs.getString(2)), Sql.localTime(rs, "start_time"),
                            Sql.localTime(rs, "end_time")));
                }
            }
        }
        Map<String, Set<LocalDate>> holidays = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT product_id, holiday FROM product_holidays" + where)) {
            try (ResultSet rs = bindOptional(s, id).executeQuery()) {
                while (rs.next()) {
                    holidays.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(Sql.localDate(rs, "holiday"));
                }
            }
        }
        Map<String, List<ProblemCategory>> categories = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT product_id, id, name, description"
                + " FROM problem_categories" + where + " ORDER BY product_id, list_index")) {
            try (ResultSet rs = bindOptional(s, id).executeQuery()) {
                while (rs.next()) {
                    categories.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new ProblemCategory(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<Product> products = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, around_the_clock, zone_id FROM products"
                + (id == null ? "" : " WHERE id = ?") + " ORDER BY name, id")) {
            try (ResultSet rs = bindOptional(s, id).executeQuery()) {
                while (rs.next()) {
                    String pid = rs.getString(1);
                    SupportHours hours = new SupportHours(rs.getBoolean(3), ZoneId.of(rs.getString(4)),
                            windows.getOrDefault(pid, List.of()), holidays.getOrDefault(pid, Set.of()));
                    products.add(new Product(pid, rs.getString(2), hours, categories.getOrDefault(pid, List.of())));
                }
            }
        }
        return products;
    }

    private static List<KnowledgeArticle> loadArticles(Connection c, String column, String value)
            throws SQLException {
        Map<String, List<String>> tags = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT t.article_id, t.tag FROM knowledge_article_tags t"
                + " JOIN knowledge_articles a ON a.id = t.article_id WHERE a." + column + " = ?"
                + " ORDER BY t.article_id, t.list_index")) {
            try (ResultSet rs = Sql.bindAll(s, value).executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        Map<String, KnowledgeArticle> articles = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, product_id, category_id, title, summary, body, url,"
                + " updated_at FROM knowledge_articles WHERE " + column + " = ? ORDER BY updated_at DESC, id")) {
            try (ResultSet rs = Sql.bindAll(s, value).executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    articles.put(id, new KnowledgeArticle(id, rs.getString("product_id"),
                            Sql.optionalString(rs, "category_id"), rs.getString("title"), rs.getString("summary"),
                            rs.getString("body"), rs.getString("url"), tags.getOrDefault(id, List.of()),
                            Sql.instant(rs, "updated_at")));
                }
            }
        }
        return new ArrayList<>(articles.values());
    }

    private static PreparedStatement bindOptional(PreparedStatement s, String id) throws SQLException {
        return id == null ? s : Sql.bindAll(s, id);
    }
}
