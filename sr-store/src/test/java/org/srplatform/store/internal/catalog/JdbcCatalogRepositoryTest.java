package org.srplatform.store.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.Database;

class JdbcCatalogRepositoryTest {

    @TempDir
    Path dir;
    private Database db;
    private JdbcCatalogRepository catalog;

    @BeforeEach
    void open() {
        db = Fixtures.openStore(dir);
        catalog = new JdbcCatalogRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void productsRoundTripWithSupportHoursAndCategoriesOrderedByName() {
        catalog.saveProduct(Fixtures.workstation());
        catalog.saveProduct(Fixtures.datacenter());
        assertEquals(List.of(Fixtures.datacenter(), Fixtures.workstation()), catalog.products());
        assertEquals(Optional.of(Fixtures.workstation()), catalog.product("workstation"));
        assertEquals(Optional.empty(), catalog.product("fusion"));
    }

    @Test
    void savingAProductAgainReplacesItWhole() {
        catalog.saveProduct(Fixtures.workstation());
        Product changed = new Product("workstation", "Workstation Pro", SupportHours.twentyFourSeven(),
                List.of(new ProblemCategory("crash", "崩溃", "The application stops")));
        assertEquals(List.of(Fixtures.workstation()), catalog.products(), "read (and kept in memory) first");
        assertEquals(Optional.of(Fixtures.workstation()), catalog.product("workstation"));
        catalog.saveProduct(changed);
        assertEquals(List.of(changed), catalog.products());
        assertEquals(Optional.of(changed), catalog.product("workstation"));
    }

    @Test
    void articlesRoundTripMostRecentlyUpdatedFirst() {
        catalog.saveProduct(Fixtures.datacenter());
        KnowledgeArticle older = article("kb1", Optional.of("performance"), Instant.parse("2026-01-01T00:00:00Z"));
        KnowledgeArticle newer = article("kb2", Optional.empty(), Instant.parse("2026-06-01T00:00:00.123456Z"));
        catalog.saveArticle(older);
        catalog.saveArticle(newer);

        assertEquals(List.of(newer, older), catalog.articles("datacenter"));
        assertEquals(Optional.of(older), catalog.article("kb1"));
        assertEquals(List.of(), catalog.articles("workstation"));

        KnowledgeArticle edited = new KnowledgeArticle("kb1", "datacenter", Optional.empty(), "Edited", "s", "b",
                "https://kb.example/kb1", List.of(), Instant.parse("2026-07-01T00:00:00Z"));
        catalog.saveArticle(edited);
        assertEquals(List.of(edited, newer), catalog.articles("datacenter"));
    }

    private static KnowledgeArticle article(String id, Optional<String> category, Instant updatedAt) {
        return new KnowledgeArticle(id, "datacenter", category, "数据库延迟 explained", "Why latency grows",
                "Long body ...", "https://kb.example/" + id, List.of("latency", "存储"), updatedAt);
    }
}
