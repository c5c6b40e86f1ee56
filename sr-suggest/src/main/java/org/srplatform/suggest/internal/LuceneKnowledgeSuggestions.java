package org.srplatform.suggest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.IOUtils;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.event.CatalogEvents;
import org.srplatform.api.suggest.Suggestion;
import org.srplatform.api.suggest.SuggestionProvider;
import org.srplatform.api.suggest.SuggestionQuery;

/**
 * The "Suggested Resources" of the seed's online intake (step 4): the knowledge articles of the chosen
 * product, the chosen category's first, ranked against the problem description typed so far.
 *
 * <p>The articles are held in an in-memory Lucene index, built from the catalog on activation and kept
 * fresh from the store's catalog events. Searches run on request threads against the latest
 * {@link SearcherManager} snapshot; changes (Event Admin's thread) take a lock, so that a product's
 * delete-and-add is seen whole.
 *
 * <p>Lucene's codecs are found by {@code ServiceLoader} with the class loader of Lucene's own
 * {@code Codec} class (not the thread's context class loader), which here is this bundle's: its
 * {@code Bundle-ClassPath} holds the whole Lucene jars with their {@code META-INF/services} files.
 */
@Component(service = { SuggestionProvider.class, EventHandler.class }, property = {
        "sr.feature=suggestions",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=suggestions)))",
        EventConstants.EVENT_TOPIC + "=" + CatalogEvents.ALL })
public final class LuceneKnowledgeSuggestions implements SuggestionProvider, EventHandler {
    static final String ID = "knowledge-base";
    private static final Logger LOG = LoggerFactory.getLogger(LuceneKnowledgeSuggestions.class);

    private final CatalogRepository catalog;
    private final EnglishTextAnalyzer english = new EnglishTextAnalyzer();
    private final ChineseTextAnalyzer chinese = new ChineseTextAnalyzer();
    private final RelevanceQuery relevance = new RelevanceQuery(english, chinese);
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Object changes = new Object();
    /** Open once the first full index is searchable; until then searches wait for it a moment. */
    private final CountDownLatch indexed = new CountDownLatch(1);
    private final ExecutorService indexer = Executors.newSingleThreadExecutor(r -> new Thread(r, "sr-suggest-indexer"));

    @Activate
    public LuceneKnowledgeSuggestions(@Reference CatalogRepository catalog) {
        this.catalog = catalog;
        IndexWriter w = null;
        SearcherManager s = null;
        try {
            w = new IndexWriter(directory, new IndexWriterConfig(ArticleDocument.analyzer(english, chinese))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            w.commit();
            s = new SearcherManager(w, null);
        } catch (IOException | RuntimeException e) {
            // DS does not deactivate what failed to activate
            IOUtils.closeWhileHandlingException(s, w, directory, english, chinese);
            indexer.shutdownNow();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        writer = w;
        searchers = s;
        // Indexing (and loading the Chinese dictionaries) takes seconds: not on the thread that starts the
        // platform's bundles, or every bundle after this one, the HTTP endpoints included, waits for it.
        indexer.execute(this::indexEverything);
    }

    private void indexEverything() {
        try {
            synchronized (changes) {
                int products = indexCatalog(writer);
                publish();
                LOG.info("Indexed the knowledge articles of {} products", products);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not index the knowledge articles; suggestions follow the next catalog changes", e);
        } finally {
            indexed.countDown();
        }
    }

    private int indexCatalog(IndexWriter w) throws IOException {
        List<Product> products = catalog.products();
        for (Product product : products) {
            List<KnowledgeArticle> articles;
            try {
                articles = catalog.articles(product.id());
            } catch (RuntimeException e) {
                // One unreadable product must not leave the others without suggestions.
                LOG.warn("Could not read the knowledge articles of product {}", product.id(), e);
                continue;
            }
            for (KnowledgeArticle article : articles) {
                w.updateDocument(ArticleDocument.idTerm(article.id()), ArticleDocument.of(article));
            }
        }
        return products.size();
    }

    /** Waits for the first full index; for tests. */
    void awaitIndexed() {
        try {
            indexed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    void close() {
        indexer.shutdownNow();
        try {
            indexer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (changes) {
            IOUtils.closeWhileHandlingException(searchers, writer, directory, english, chinese);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Suggestion> suggest(SuggestionQuery query) {
        try {
            if (!indexed.await(5, TimeUnit.SECONDS)) {
                LOG.info("Knowledge articles are still being indexed; no suggestions yet");
                return List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopFieldDocs top = searcher.search(relevance.of(query), query.limit(), RelevanceQuery.ORDER, true);
                StoredFields stored = searcher.storedFields();
                List<Suggestion> found = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc hit : top.scoreDocs) {
                    found.add(ArticleDocument.suggestion(stored.document(hit.doc), hit.score));
                }
                return found;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            // The SPI promises an answer, not an exception: the customer can still describe the problem.
            LOG.warn("Knowledge-base suggestions failed for product {}", query.product(), e);
            return List.of();
        }
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty(CatalogEvents.ID);
        if (!(id instanceof String changed)) {
            LOG.warn("Catalog event {} without {}: ignored", event.getTopic(), CatalogEvents.ID);
            return;
        }
        try {
            synchronized (changes) {
                switch (event.getTopic()) {
                    case CatalogEvents.ARTICLE_CHANGED -> indexArticle(changed, catalog.article(changed));
                    case CatalogEvents.PRODUCT_CHANGED -> reindexProduct(changed);
                    default -> {
                        return;
                    }
                }
                publish();
            }
        } catch (IOException | RuntimeException e) {
            // Left as it was; the next change of this article or product indexes it again.
            LOG.warn("Could not re-index {} {}", event.getTopic(), changed, e);
        }
    }

    private void reindexProduct(String productId) throws IOException {
        // read before deleting: a failed read leaves the product's articles as they were
        List<KnowledgeArticle> articles = catalog.articles(productId);
        writer.deleteDocuments(ArticleDocument.productTerm(productId));
        for (KnowledgeArticle article : articles) {
            indexArticle(article.id(), Optional.of(article));
        }
    }

    private void indexArticle(String articleId, Optional<KnowledgeArticle> article) throws IOException {
        if (article.isPresent()) {
            writer.updateDocument(ArticleDocument.idTerm(articleId), ArticleDocument.of(article.get()));
        } else {
            writer.deleteDocuments(ArticleDocument.idTerm(articleId));
        }
    }

    /** Makes the changes so far visible to the next search. */
    private void publish() {
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
