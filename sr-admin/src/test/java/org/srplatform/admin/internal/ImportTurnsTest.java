package org.srplatform.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.PageRequest;
import org.srplatform.spi.admin.ImportResult;
import org.srplatform.spi.audit.AuditQuery;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.catalog.UpdateCadence;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.SchemaMigrations;
import org.srplatform.store.internal.db.StoreSettings;
import org.srplatform.store.internal.request.StoreTransactions;
import org.srplatform.store.internal.security.JdbcUserDirectory;

/**
 * Imports take turns: one that comes while another writes waits for it, then finds what it wrote (two identical
 * imports at once both succeed, the second writing nothing); one that waits too long writes nothing and says why.
 * The first import is held in its transaction by a catalog that waits for the test's word.
 */
class ImportTurnsTest {
    @TempDir
    Path dir;
    private DerbyDatabase db;
    private Transactions transactions;
    private JdbcAuditTrail audit;
    private HeldCatalog catalog;
    private JdbcAccountRepository accounts;
    private JdbcUserDirectory users;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void open() throws IOException {
        db = new DerbyDatabase(StoreSettings.in(dir));
        SchemaMigrations.Script schema;
        try (InputStream in = ImportTurnsTest.class.getResourceAsStream("/schema/V1__administration.sql")) {
            schema = SchemaMigrations.Script.of("V1__administration.sql", in.readAllBytes());
        }
        db.read(c -> new SchemaMigrations(db.dialect()).migrate(c, "org.srplatform.admin", "test", List.of(schema)));
        transactions = new StoreTransactions(db, Clock.systemUTC(), () -> null);
        catalog = new HeldCatalog(new JdbcCatalogRepository(db));
        accounts = new JdbcAccountRepository(db);
        users = new JdbcUserDirectory(db, 1_000, Clock.systemUTC());
        audit = new JdbcAuditTrail(transactions);
    }

    @AfterEach
    void close() throws InterruptedException {
        catalog.release.countDown();
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        db.close();
    }

    private SetupImport importer(Duration wait) {
        return new SetupImport(transactions, catalog, accounts, users, audit, wait);
    }

    private static ImportResult importing(SetupImport setup, String json) {
        return setup.importSetup(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "admin");
    }

    private String export(SetupImport setup) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        setup.exportSetup(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoIdenticalImportsAtOnceBothSucceedAndTheSecondFindsNothingToWrite() throws Exception {
        SetupImport setup = importer(Duration.ofMinutes(1));
        String file = SetupImportTest.CATALOG.formatted(SetupImportTest.ACCOUNT_5001);
        Future<ImportResult> first = threads.submit(() -> importing(setup, file));
        assertTrue(catalog.held.await(30, TimeUnit.SECONDS), "the first import writes");
        Future<ImportResult> second = threads.submit(() -> importing(setup, file));
        awaitQueued(setup);
        assertFalse(second.isDone(), "the second waits its turn");

        catalog.release.countDown();
        assertTrue(first.get(30, TimeUnit.SECONDS).wroteAnything());
        ImportResult again = second.get(30, TimeUnit.SECONDS);
        assertFalse(again.wroteAnything(), again.toString());
        assertEquals(8, audit.entries(AuditQuery.all(), new PageRequest(500, Optional.empty())).items().size(),
                "one audit entry per entity, once");
        assertFalse(importing(setup, export(setup)).wroteAnything(), "the same state");
    }

    @Test
    void anImportThatWaitsTooLongWritesNothingAndSaysWhy() throws Exception {
        SetupImport setup = importer(Duration.ZERO);
        String file = SetupImportTest.CATALOG.formatted(SetupImportTest.ACCOUNT_5001);
        Future<ImportResult> first = threads.submit(() -> importing(setup, file));
        assertTrue(catalog.held.await(30, TimeUnit.SECONDS));
        ConflictException e = assertThrows(ConflictException.class, () -> importing(setup,
                "{\"regions\": [{\"id\": \"AMER\", \"name\": \"Americas\"}]}"));
        assertTrue(e.getMessage().contains("Another import"), e.getMessage());
        catalog.release.countDown();
        assertTrue(first.get(30, TimeUnit.SECONDS).wroteAnything());
        assertFalse(export(setup).contains("AMER"), "the refused import wrote nothing");
    }

    private static void awaitQueued(SetupImport setup) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!setup.importWaiting() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(setup.importWaiting(), "an import waits for its turn");
    }

    /** The store's catalog, whose first product write in a transaction waits until the test releases it. */
    private static final class HeldCatalog implements CatalogRepository {
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final CatalogRepository store;

        HeldCatalog(CatalogRepository store) {
            this.store = store;
        }

        @Override
        public void saveProduct(Transaction tx, Product product) {
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.saveProduct(tx, product);
        }

        @Override
        public List<Product> products() {
            return store.products();
        }

        @Override
        public Optional<Product> product(String id) {
            return store.product(id);
        }

        @Override
        public void saveProduct(Product product) {
            store.saveProduct(product);
        }

        @Override
        public List<KnowledgeArticle> articles(String product) {
            return store.articles(product);
        }

        @Override
        public Optional<KnowledgeArticle> article(String id) {
            return store.article(id);
        }

        @Override
        public void saveArticle(KnowledgeArticle article) {
            store.saveArticle(article);
        }

        @Override
        public boolean productActive(String product) {
            return store.productActive(product);
        }

        @Override
        public boolean categoryActive(String product, String category) {
            return store.categoryActive(product, category);
        }

        @Override
        public boolean offeringActive(String offering) {
            return store.offeringActive(offering);
        }

        @Override
        public void setProductActive(Transaction tx, String product, boolean active) {
            store.setProductActive(tx, product, active);
        }

        @Override
        public void setCategoryActive(Transaction tx, String product, String category, boolean active) {
            store.setCategoryActive(tx, product, category, active);
        }

        @Override
        public void setOfferingActive(Transaction tx, String offering, boolean active) {
            store.setOfferingActive(tx, offering, active);
        }

        @Override
        public UpdateCadence updateCadence(String offering) {
            return store.updateCadence(offering);
        }

        @Override
        public void saveUpdateCadence(Transaction tx, String offering, UpdateCadence cadence) {
            store.saveUpdateCadence(tx, offering, cadence);
        }
    }
}
