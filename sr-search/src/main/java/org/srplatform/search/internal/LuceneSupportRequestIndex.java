package org.srplatform.search.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.Directory;
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
import org.srplatform.spi.request.SearchText;
import org.srplatform.spi.request.SupportRequestChanges;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.request.SupportRequestTextIndex;
import org.srplatform.spi.request.TextMatches;

/**
 * The words of {@code GET /requests?q=}: a Lucene index of every SR's subject, description and tags,
 * answering the numbers that match, newest first; the store then applies the other filters and the
 * caller's accounts, so an index that lags a change by a moment never widens what anyone sees.
 *
 * <p>The index lives in the data folder ({@code search/requests}) and is kept across restarts. Each commit
 * (every {@value #COMMIT_SECONDS} s when something changed, and at stop) records a watermark: when the oldest
 * change not yet indexed was heard of (or the commit's time), less {@value #MARGIN_MINUTES} minutes for the
 * time between an SR's {@code updatedAt} and its event. At start, in the background, the index catches up
 * only the SRs changed since its last commit's watermark; an index of another {@link SrDocument#FORMAT},
 * without a watermark, or that cannot be read is deleted and rebuilt from every SR. Until that is
 * searchable, searches use the store's bounded word search.
 *
 * <p>Then it follows the SR events the store posts after each commit. An event adds its SR to a set of
 * pending numbers (many events of one SR are one); {@value #DRAIN_MILLIS} ms after the first of them, the
 * one indexer thread reads the pending SRs' headers, up to {@value #BATCH} in one store call, indexes them
 * and makes them searchable together, so the last word on every SR is the store's state after its change.
 * A change is therefore searchable about a second after its event (plus the time to index what came with
 * it): a search may miss the changes of the last second. The index is made searchable at most once a
 * second under load, instead of after every change.
 *
 * <p>Events tell this node's changes only. When other nodes share the database, the store's changes of every
 * node ({@link SupportRequestChanges}, followed from before the start-up catch-up reads, so that nothing falls
 * between the two) are read every {@code poll.millis} ({@link SrChangePoller}) into the same pending set: an SR
 * opened or changed on another node is searchable here a poll and a drain later. This node's own changes come
 * twice, and are written once ({@link IndexedVersions}).
 */
// Also registered as itself, for SrChangePoller in this bundle.
@Component(service = { SupportRequestTextIndex.class, EventHandler.class, LuceneSupportRequestIndex.class },
        configurationPid = "org.srplatform.platform", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {
                "sr.feature=requests",
                "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=requests)))",
                EventConstants.EVENT_TOPIC + "=" + SupportRequestEvents.ALL })
public final class LuceneSupportRequestIndex implements SupportRequestTextIndex, EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneSupportRequestIndex.class);
    private static final long RETRY_SECONDS = 30;
    /** SRs read from the store at once. */
    static final int BATCH = 500;
    /** How long the first change waits for others, to be read and made searchable with them. */
    static final long DRAIN_MILLIS = 1000;
    static final long COMMIT_SECONDS = 30;
    static final long MARGIN_MINUTES = 5;

    /** The deployment's configuration (etc/org.srplatform.platform.cfg): where the index is kept. */
    @interface Platform {
        String data_dir() default "";
    }

    private final SupportRequestRepository requests;
    private final SupportRequestChanges changes;
    private final Directory directory;
    private final Clock clock;
    private final Analyzer analyzer = SrDocument.indexAnalyzer();
    private final WordsQuery words = new WordsQuery();
    private final PendingChanges pending = new PendingChanges();
    private final IndexedVersions versions = new IndexedVersions();
    private final ScheduledThreadPoolExecutor indexer = new ScheduledThreadPoolExecutor(1,
            r -> new Thread(r, "sr-search-indexer"));
    /** Opened by the indexer thread at start; searches use it only once {@link #built}. */
    private volatile SrIndex index;
    /** Set once the start-up rebuild or catch-up is searchable; until then searches fall back to the store. */
    private volatile boolean built;
    private volatile boolean closing;
    /** The other nodes' changes since the start-up catch-up; none when no other process writes the database. */
    private volatile SupportRequestChanges.Follower follower;
    /** The follower's oldest change still awaited, as of its last read (read by the poller's thread only). */
    private volatile Optional<Instant> awaited = Optional.empty();

    @Activate
    public LuceneSupportRequestIndex(@Reference SupportRequestRepository requests,
            @Reference SupportRequestChanges changes, Platform platform) {
        this(requests, changes, SrIndex.directory(platform.data_dir()), Clock.systemUTC());
    }

    /** For tests: any directory, the start-up indexing begun at once, no other node. */
    LuceneSupportRequestIndex(SupportRequestRepository requests, Directory directory) {
        this(requests, Optional::empty, directory, Clock.systemUTC());
    }

    /** For tests: and the clock of the watermarks. */
    LuceneSupportRequestIndex(SupportRequestRepository requests, Directory directory, Clock clock) {
        this(requests, Optional::empty, directory, clock);
    }

    /** For tests: and other nodes' changes. */
    LuceneSupportRequestIndex(SupportRequestRepository requests, SupportRequestChanges changes, Directory directory,
            Clock clock) {
        this.requests = requests;
        this.changes = changes;
        this.directory = directory;
        this.clock = clock;
        // At stop, the batch being indexed finishes; the drains, commits and retries waiting are dropped.
        indexer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        indexer.execute(this::start);
        indexer.scheduleWithFixedDelay(() -> commit(false), COMMIT_SECONDS, COMMIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Opens the index and brings it up to date with the store; the changes heard of meanwhile follow. */
    private void start() {
        if (closing) {
            return;
        }
        try {
            index = SrIndex.open(directory, analyzer);
            // Before the catch-up reads: what other nodes commit from now on the follower reads, what they committed
            // before the catch-up does, so that nothing falls between the two.
            follower = changes.follow().orElse(null);
            Optional<Instant> since = index.since();
            long count = read(since.orElse(Instant.EPOCH), since.isEmpty());
            if (closing) {
                return; // not committed: the next start does this again
            }
            index.refresh();
            built = true;
            if (since.isPresent()) {
                LOG.info("Indexed {} SRs for search: caught up with the SRs changed since {}", count, since.get());
            } else {
                LOG.info("Indexed {} SRs for search: rebuilt the index from every SR", count);
            }
            commit(true); // a crash from now on catches up from here, not from scratch
            indexer.execute(this::drain);
        } catch (IOException | RuntimeException e) {
            if (closing) {
                return;
            }
            LOG.warn("Could not index the SRs for search (trying again in {} s); searches use the store's word search"
                    + " meanwhile", RETRY_SECONDS, e);
            closeIndex();
            try {
                indexer.schedule(this::start, RETRY_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopped) {
                // deactivated meanwhile
            }
        }
    }

    /**
     * Reads the SRs changed since a time from the store into the index: every SR into an index opened
     * empty (all changed since the epoch), or those changed since the watermark over what it holds. Each
     * SR comes once over all pages; the store's pages follow its primary key, where paging through
     * search(), newest first, sorted the SRs left for every page (44 s for 100,000 SRs, against 1 s).
     */
    private long read(Instant since, boolean empty) throws IOException {
        long count = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<SupportRequest> page = requests.changedSince(since, new PageRequest(PageRequest.MAX_LIMIT, cursor));
            for (SupportRequest sr : page.items()) {
                if (empty) {
                    index.add(sr); // each SR once: no document of it to replace
                } else {
                    index.put(sr);
                }
                count++;
            }
            cursor = page.next();
        } while (cursor.isPresent() && !closing);
        return count;
    }

    /**
     * Indexes the changes pending when it starts, a batch at a time, and makes them searchable. The changes
     * heard of meanwhile wait for the next drain, a second later: they are read together.
     */
    private void drain() {
        if (closing || !built) {
            return; // a start-up indexing that failed drains when its retry is done
        }
        boolean indexed = false;
        for (int due = pending.size(); due > 0 && !closing; ) {
            Map<SrNumber, Instant> batch = pending.take(Math.min(BATCH, due));
            if (batch.isEmpty()) {
                break;
            }
            due -= batch.size();
            if (!indexBatch(batch)) {
                schedule(this::drain, TimeUnit.SECONDS.toMillis(RETRY_SECONDS)); // the rest waits with it
                return;
            }
            indexed = true;
        }
        if (indexed) {
            refresh();
        }
        if (!pending.drained()) {
            schedule(this::drain, DRAIN_MILLIS);
        }
    }

    /** Reads a batch's SRs in one call and indexes them: false when the store could not be read. */
    private boolean indexBatch(Map<SrNumber, Instant> batch) {
        List<SupportRequest> found;
        try {
            found = requests.headers(batch.keySet()); // the header is all a document holds
        } catch (RuntimeException e) {
            // Kept with when they were heard of, so that a commit meanwhile keeps its watermark below them.
            pending.putBack(batch);
            LOG.warn("Could not read {} changed SRs for search (trying again in {} s)", batch.size(), RETRY_SECONDS, e);
            return false;
        }
        Map<SrNumber, SupportRequest> byNumber = new HashMap<>();
        found.forEach(sr -> byNumber.put(sr.number(), sr));
        try {
            for (SrNumber number : batch.keySet()) {
                SupportRequest sr = byNumber.get(number);
                if (sr == null) {
                    index.delete(number);
                    versions.forget(number);
                } else if (versions.isNewer(sr)) { // else written already: heard from its event and again from the store
                    index.put(sr);
                    versions.written(sr);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Those SRs stay as they were in the index; their next change indexes them again.
            LOG.warn("Could not index {} SRs for search", batch.size(), e);
        }
        return true;
    }

    private void schedule(Runnable task, long millis) {
        try {
            indexer.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // deactivated meanwhile: the watermark of the last commit keeps what is left
        }
    }

    private void refresh() {
        try {
            index.refresh();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not make the latest SR changes searchable; the next change tries again", e);
        }
    }

    /**
     * Commits what is indexed with its watermark, when something changed since the last commit (or
     * {@code always}). Only once the start-up indexing is done: before, a commit would claim SRs it lacks.
     */
    private void commit(boolean always) {
        if (!built) {
            return;
        }
        try {
            if (always || index.changed()) {
                index.commit(watermark());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the SR search index; the next start catches up from its last save", e);
        }
    }

    /** Every SR changed at or after this is either indexed or caught up at the next start. */
    private Instant watermark() {
        Instant now = clock.instant();
        Instant oldest = Stream.of(pending.oldest(), awaited).flatMap(Optional::stream).filter(o -> o.isBefore(now))
                .min(Instant::compareTo).orElse(now);
        return oldest.minus(Duration.ofMinutes(MARGIN_MINUTES));
    }

    /**
     * Reads the SRs changed through any node since the last call into the pending changes; {@link SrChangePoller}'s
     * thread calls it. Nothing before the start-up catch-up is done: the follower waits for it.
     *
     * @return how many SRs were read
     * @throws RuntimeException when the store could not be read: the next call reads what this one missed
     */
    int readChanges() {
        SupportRequestChanges.Follower changed = follower;
        if (changed == null || !built || closing) {
            return 0;
        }
        int count = 0;
        SupportRequestChanges.Changes read;
        do {
            read = changed.read(BATCH);
            Instant heard = clock.instant();
            for (SrNumber number : read.numbers()) {
                if (pending.add(number, heard)) {
                    schedule(this::drain, DRAIN_MILLIS);
                }
            }
            count += read.numbers().size();
            awaited = changed.waitingSince();
        } while (read.more() && !closing);
        return count;
    }

    /** Waits until the changes heard of so far are indexed and searchable; for tests. */
    void awaitIdle() throws Exception {
        indexer.submit(() -> {
            if (built) {
                for (Map<SrNumber, Instant> batch = pending.take(BATCH); !batch.isEmpty() && indexBatch(batch);
                        batch = pending.take(BATCH)) {
                    // every batch now, without waiting for the next drain
                }
                refresh();
            }
        }).get(30, TimeUnit.SECONDS);
    }

    @Deactivate
    void close() {
        closing = true;
        indexer.shutdown();
        boolean stopped = false;
        try {
            stopped = indexer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopped) {
            indexer.shutdownNow();
        } else {
            commit(false); // the indexer is done: this thread has the writer to itself
        }
        built = false;
        closeIndex();
        IOUtils.closeWhileHandlingException(directory, words, analyzer);
    }

    /** Closes the index without a commit: what was not committed is discarded. */
    private void closeIndex() {
        IOUtils.closeWhileHandlingException(index);
        index = null;
        versions.clear();
    }

    @Override
    public Optional<TextMatches> matching(SearchText text, Set<String> accounts) {
        SrIndex searched = index;
        if (!built || searched == null) {
            return Optional.empty();
        }
        Optional<Query> query = words.words(text);
        if (query.isEmpty()) {
            return Optional.of((before, max) -> List.of());
        }
        Set<String> within = Set.copyOf(accounts);
        return Optional.of((before, max) -> searched.numbers(WordsQuery.within(query.get(), within, before), max));
    }

    @Override
    public void handleEvent(Event event) {
        Optional<SrNumber> number = event.getProperty(SupportRequestEvents.NUMBER) instanceof String n
                ? SrNumber.parse(n) : Optional.empty();
        if (number.isEmpty()) {
            LOG.warn("SR event {} without a valid {}: ignored", event.getTopic(), SupportRequestEvents.NUMBER);
            return;
        }
        // Not on Event Admin's thread: reading the SR and indexing it must not hold up other handlers.
        if (pending.add(number.get(), clock.instant())) {
            schedule(this::drain, DRAIN_MILLIS); // the changes of the next second with it, in one read
        }
    }
}
