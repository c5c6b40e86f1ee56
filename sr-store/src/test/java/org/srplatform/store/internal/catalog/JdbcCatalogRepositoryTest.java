package org.srplatform.store.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.request.Severity;
import org.srplatform.spi.catalog.UpdateCadence;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.request.StoreTransactions;
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
    void deactivatedProductsCategoriesAndOfferingsStayReadableAndSavingAgainKeepsTheirActivation() {
        Transactions tx = new StoreTransactions(db, Clock.systemUTC(), () -> null);
        JdbcAccountRepository accounts = new JdbcAccountRepository(db);
        catalog.saveProduct(Fixtures.datacenter());
        accounts.saveOffering(Fixtures.production());
        assertTrue(catalog.productActive("datacenter"), "read (and kept in memory) first");
        assertTrue(catalog.categoryActive("datacenter", "performance"));
        assertTrue(catalog.offeringActive("production"));

        tx.inTransaction(t -> {
            catalog.setProductActive(t, "datacenter", false);
            catalog.setCategoryActive(t, "datacenter", "performance", false);
            catalog.setOfferingActive(t, "production", false);
            return null;
        });
        assertFalse(catalog.productActive("datacenter"));
        assertFalse(catalog.categoryActive("datacenter", "performance"));
        assertTrue(catalog.categoryActive("datacenter", "installation"));
        assertFalse(catalog.offeringActive("production"));
        assertEquals(Optional.of(Fixtures.datacenter()), catalog.product("datacenter"), "still readable, every category");

        // The product written again: the category it keeps keeps its activation, a new one is active.
        Product more = new Product("datacenter", "Datacenter", SupportHours.twentyFourSeven(), List.of(
                new ProblemCategory("performance", "Performance", "Slow"), new ProblemCategory("backup", "Backup", "b")));
        tx.inTransaction(t -> {
            catalog.saveProduct(t, more);
            return null;
        });
        assertFalse(catalog.categoryActive("datacenter", "performance"));
        assertTrue(catalog.categoryActive("datacenter", "backup"));
        assertFalse(catalog.productActive("datacenter"));

        tx.inTransaction(t -> {
            catalog.setProductActive(t, "datacenter", true);
            return null;
        });
        assertTrue(catalog.productActive("datacenter"));
        assertThrows(NotFoundException.class, () -> tx.inTransaction(t -> {
            catalog.setCategoryActive(t, "datacenter", "nothing", false);
            return null;
        }));
    }

    @Test
    void anOfferingsUpdateCadenceIsReplacedWholeAndNoneRemovesIt() {
        Transactions tx = new StoreTransactions(db, Clock.systemUTC(), () -> null);
        new JdbcAccountRepository(db).saveOffering(Fixtures.production());
        assertEquals(UpdateCadence.none(), catalog.updateCadence("production"));
        UpdateCadence cadence = new UpdateCadence(Map.of(Severity.S1, Duration.ofHours(2), Severity.S3,
                Duration.ofMinutes(90)));
        tx.inTransaction(t -> {
            catalog.saveUpdateCadence(t, "production", cadence);
            return null;
        });
        assertEquals(cadence, catalog.updateCadence("production"));
        assertEquals(Optional.empty(), catalog.updateCadence("production").every(Severity.S2));
        tx.inTransaction(t -> {
            catalog.saveUpdateCadence(t, "production", UpdateCadence.none());
            return null;
        });
        assertTrue(catalog.updateCadence("production").isEmpty());
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
