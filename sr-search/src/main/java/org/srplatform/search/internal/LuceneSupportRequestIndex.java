package org.srplatform.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.event.SupportRequestEvents;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.spi.request.SearchText;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.request.SupportRequestTextIndex;
import org.srplatform.spi.request.TextMatches;

/**
 * The words of {@code GET /requests?q=}: a Lucene index of every SR's subject, description and tags,
 * answering the numbers that match, newest first; the store then applies the other filters and the
 * caller's accounts, so an index that lags a change by a moment never widens what anyone sees.
 *
 * <p>The index is rebuilt from the store at every start, in the background (the start does not wait for
 * it, and searches meanwhile use the store's bounded word search), and then follows the SR events the
 * store posts after each commit. One thread does both: events that arrive during the rebuild are applied
 * after it, each re-reading its SR, so the last word on every SR is the store's state after its change.
 * The index lives in the data folder ({@code search/requests}, recreated at each start), not on the heap.
 */
@Component(service = { SupportRequestTextIndex.class, EventHandler.class },
        configurationPid = "org.srplatform.platform", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {
                "sr.feature=requests",
                "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=requests)))",
                EventConstants.EVENT_TOPIC + "=" + SupportRequestEvents.ALL })
public final class LuceneSupportRequestIndex implements SupportRequestTextIndex, EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneSupportRequestIndex.class);
    private static final Sort NEWEST_FIRST = new Sort(new SortField(SrDocument.NUMBER, SortField.Type.LONG, true));
    private static final long RETRY_SECONDS = 30;

    /** The deployment's configuration (etc/org.srplatform.platform.cfg): where the index is kept. */
    @interface Platform {
        String data_dir() default "";
    }

    private final SupportRequestRepository requests;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final WordsQuery words = new WordsQuery();
    private final ScheduledThreadPoolExecutor indexer = new ScheduledThreadPoolExecutor(1,
            r -> new Thread(r, "sr-search-indexer"));
    /** Whether a refresh is queued behind the changes; only the indexer thread reads and writes it. */
    private boolean refreshQueued;
    /** Set once the rebuild at start is searchable; until then searches fall back to the store. */
    private volatile boolean built;

    @Activate
    public LuceneSupportRequestIndex(@Reference SupportRequestRepository requests, Platform platform) {
        this(requests, directory(platform.data_dir()));
    }

    /** For tests: any directory, the rebuild started at once. */
    LuceneSupportRequestIndex(SupportRequestRepository requests, Directory directory) {
        this.requests = requests;
        this.directory = directory;
        IndexWriter w = null;
        SearcherManager s = null;
        try {
            w = new IndexWriter(directory, new IndexWriterConfig(SrDocument.indexAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            s = new SearcherManager(w, null);
        } catch (IOException | RuntimeException e) {
            // DS does not deactivate what failed to activate
            IOUtils.closeWhileHandlingException(s, w, directory, words);
            indexer.shutdownNow();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        writer = w;
        searchers = s;
        indexer.execute(this::rebuild);
    }

    /**
     * {@code <data.dir>/search/requests}, readable by the platform's user only (it holds what customers
     * wrote); on the heap when there is no data folder or the folder cannot be used.
     */
    private static Directory directory(String dataDir) {
        if (dataDir == null || dataDir.isBlank()) {
            return new ByteBuffersDirectory();
        }
        Path folder = Path.of(dataDir, "search", "requests");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(folder);
            }
            return FSDirectory.open(folder);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot keep the SR search index in {} ({}); it is kept in memory", folder, e.toString());
            return new ByteBuffersDirectory();
        }
    }

    private void rebuild() {
        try {
            int count = 0;
            Optional<String> cursor = Optional.empty();
            do {
                Page<SupportRequest> page = requests.search(SupportRequestQuery.all(),
                        new PageRequest(PageRequest.MAX_LIMIT, cursor));
                for (SupportRequest sr : page.items()) {
                    writer.updateDocument(SrDocument.idTerm(sr.number()), SrDocument.of(sr));
                    count++;
                }
                cursor = page.next();
            } while (cursor.isPresent() && !Thread.currentThread().isInterrupted());
            searchers.maybeRefreshBlocking();
            built = true;
            LOG.info("Indexed {} SRs for search", count);
        } catch (IOException | RuntimeException e) {
            if (indexer.isShutdown()) {
                return;
            }
            LOG.warn("Could not index the SRs for search (trying again in {} s); searches use the store's word search"
                    + " meanwhile", RETRY_SECONDS, e);
            try {
                indexer.schedule(this::rebuild, RETRY_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopped) {
                // deactivated meanwhile
            }
        }
    }

    /** Waits until the tasks queued so far are done; for tests. */
    void awaitIdle() throws Exception {
        indexer.submit(() -> { }).get(30, TimeUnit.SECONDS);
        indexer.submit(() -> { }).get(30, TimeUnit.SECONDS); // and the refresh the last change queued
    }

    @Deactivate
    void close() {
        indexer.shutdownNow();
        try {
            indexer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOUtils.closeWhileHandlingException(searchers, writer, directory, words);
    }

    @Override
    public Optional<TextMatches> matching(SearchText text, Set<String> accounts) {
        if (!built) {
            return Optional.empty();
        }
        Optional<Query> query = words.words(text);
        if (query.isEmpty()) {
            return Optional.of((before, max) -> List.of());
        }
        Set<String> within = Set.copyOf(accounts);
        return Optional.of((before, max) -> numbers(WordsQuery.within(query.get(), within, before), max));
    }

    private List<SrNumber> numbers(Query query, int max) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                ScoreDoc[] hits = searcher.search(query, Math.max(1, max), NEWEST_FIRST, false).scoreDocs;
                List<SrNumber> numbers = new ArrayList<>(hits.length);
                for (ScoreDoc hit : hits) {
                    numbers.add(new SrNumber((Long) ((FieldDoc) hit).fields[0]));
                }
                return numbers;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handleEvent(Event event) {
        Optional<SrNumber> number = event.getProperty(SupportRequestEvents.NUMBER) instanceof String n
                ? SrNumber.parse(n) : Optional.empty();
        if (number.isEmpty()) {
            LOG.warn("SR event {} without a valid {}: ignored", event.getTopic(), SupportRequestEvents.NUMBER);
            return;
        }
        try {
            // Not on Event Admin's thread: reading the SR and indexing it must not hold up other handlers.
            indexer.execute(() -> reindex(number.get()));
        } catch (RejectedExecutionException stopped) {
            // deactivated meanwhile: the next start rebuilds the index
        }
    }

    private void refresh() {
        refreshQueued = false;
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not make the latest SR changes searchable; the next change tries again", e);
        }
    }

    private void reindex(SrNumber number) {
        try {
            Optional<SupportRequest> sr = requests.header(number); // the header is all a document holds
            if (sr.isPresent()) {
                writer.updateDocument(SrDocument.idTerm(number), SrDocument.of(sr.get()));
            } else {
                writer.deleteDocuments(SrDocument.idTerm(number));
            }
            if (!refreshQueued) { // a burst of changes becomes searchable once, after the changes queued with it
                refreshQueued = true;
                indexer.execute(this::refresh);
            }
        } catch (IOException | RuntimeException e) {
            // The SR stays as it was in the index; its next change indexes it again.
            LOG.warn("Could not index SR {} for search", number, e);
        }
    }
}
