package org.srplatform.search.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.event.SupportRequestEvents;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.ResponseTargets;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.request.SearchText;
import org.srplatform.spi.request.SupportRequestChange;
import org.srplatform.spi.request.SupportRequestChanges;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.request.TextMatches;

class LuceneSupportRequestIndexTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration MARGIN = Duration.ofMinutes(LuceneSupportRequestIndex.MARGIN_MINUTES);
    private final Store store = new Store();
    private final TestClock clock = new TestClock(AT.plus(Duration.ofHours(1)));
    private final OtherNodes nodes = new OtherNodes();
    @TempDir
    Path folder;
    private LuceneSupportRequestIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void theStoresSrsAreIndexedAtStartAndWordsAnswerTheirNumbersNewestFirst() throws Exception {
        SrNumber a = store.put("1001", "Datastore latency after upgrade", "vMotion is slow", List.of("storage"));
        SrNumber b = store.put("1001", "Display flickers", "after the upgrade", List.of());
        SrNumber c = store.put("2002", "数据库延迟 100%", "升级以后", List.of("upgrade"));
        start();

        assertEquals(List.of(c, b, a), all("upgrade"), "subject, description and tags");
        assertEquals(List.of(a), all("LATENCY datastore"), "every word, any case");
        assertEquals(List.of(c, b, a), all("upgrades"), "stems");
        assertEquals(List.of(a), all("datast"), "the start of a word");
        assertEquals(List.of(a), all("datastore:latency"), "a colon separates words");
        assertEquals(List.of(c), all("数据库"));
        assertEquals(List.of(c), all("延"), "one Chinese character");
        assertEquals(List.of(), all("数库"), "not every SR with those characters somewhere");
        assertEquals(List.of(), all("latency display"));
        assertEquals(List.of(), all("%"), "punctuation alone matches nothing");
    }

    @Test
    void matchesStayWithinTheAccountsAndGoOnBelowANumberInSlices() throws Exception {
        List<SrNumber> ours = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ours.add(store.put("1001", "latency " + i, "", List.of()));
            store.put("2002", "latency " + i, "", List.of());
        }
        Collections.reverse(ours);
        start();
        TextMatches matches = index.matching(SearchText.of("latency"), Set.of("1001")).orElseThrow();

        assertEquals(ours.subList(0, 3), matches.below(Optional.empty(), 3));
        assertEquals(ours.subList(3, 6), matches.below(Optional.of(ours.get(2)), 3));
        assertEquals(ours.subList(6, 7), matches.below(Optional.of(ours.get(5)), 3));
        assertEquals(14, index.matching(SearchText.of("latency"), Set.of()).orElseThrow().below(Optional.empty(), 50).size(),
                "no accounts: every account");
    }

    @Test
    void newAndChangedSrsAreFollowedFromTheirEvents() throws Exception {
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        start();
        SrNumber b = store.put("1001", "Purple screen", "", List.of());
        index.handleEvent(event(SupportRequestEvents.CREATED, b));
        store.replace(a, "Datastore latency", "now a purple screen too", AT);
        index.handleEvent(event(SupportRequestEvents.UPDATED, a));
        index.awaitIdle();

        assertEquals(List.of(b, a), all("purple"));
    }

    @Test
    void anSrTheStoreNoLongerHasLeavesTheIndexAtItsNextEvent() throws Exception {
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        SrNumber b = store.put("1001", "Datastore latency too", "", List.of());
        start();
        store.remove(a);
        index.handleEvent(event(SupportRequestEvents.UPDATED, a));
        index.awaitIdle();

        assertEquals(List.of(b), all("latency"));
    }

    @Test
    void changesBecomeSearchableWithoutBeingAskedToReadTogetherWithTheChangesOfTheSameSecond() throws Exception {
        start();
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        SrNumber b = store.put("1001", "Datastore latency too", "", List.of());
        index.handleEvent(event(SupportRequestEvents.CREATED, a));
        index.handleEvent(event(SupportRequestEvents.CREATED, b));
        index.handleEvent(event(SupportRequestEvents.UPDATED, a));
        // No awaitIdle: the drain queued a second after the first change reads and refreshes on its own.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (all("latency").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(b, a), all("latency"));
        // Usually one read of both (the drain comes a second after the first change); a machine that stalls for a
        // second between the events splits them, so only what is read is asserted here, not how it was grouped
        // (eventsHeardWhileTheIndexerReads... checks the grouping without depending on time).
        assertEquals(Set.of(a, b), store.headerCalls.stream().flatMap(List::stream).collect(Collectors.toSet()),
                "every change read");
        assertEquals(a, store.headerCalls.get(0).get(0), "the first change read first");
    }

    @Test
    void eventsHeardWhileTheIndexerReadsAreReadTogetherInBatchesOfAtMostFiveHundred() throws Exception {
        List<SrNumber> numbers = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            numbers.add(store.put("1001", "latency " + i, "", List.of()));
        }
        start();
        CountDownLatch reading = store.blockHeaders();
        index.handleEvent(event(SupportRequestEvents.UPDATED, numbers.get(0)));
        assertTrue(reading.await(30, TimeUnit.SECONDS), "the indexer reads the first SR");
        // While it reads, every SR changes twice and the first once more.
        for (int round = 0; round < 2; round++) {
            for (SrNumber n : numbers) {
                index.handleEvent(event(SupportRequestEvents.UPDATED, n));
            }
        }
        store.headersRelease.countDown();
        index.awaitIdle();

        List<Integer> sizes = store.headerCalls.stream().map(List::size).toList();
        assertEquals(List.of(1, 500, 500, 201), sizes, "one read per batch, each SR once");
        Set<SrNumber> read = new HashSet<>();
        store.headerCalls.subList(1, 4).forEach(read::addAll);
        assertEquals(Set.copyOf(numbers), read);
        assertEquals(1_201, index.matching(SearchText.of("latency"), Set.of()).orElseThrow()
                .below(Optional.empty(), 2_000).size());
    }

    @Test
    void untilTheIndexIsBuiltSearchesAreLeftToTheStore() throws Exception {
        store.put("1001", "Datastore latency", "", List.of());
        store.blockSearches = new CountDownLatch(1);
        start();
        assertEquals(Optional.empty(), index.matching(SearchText.of("latency"), Set.of()));
        store.blockSearches.countDown();
        index.awaitIdle();
        assertTrue(index.matching(SearchText.of("latency"), Set.of()).isPresent());
    }

    @Test
    void aReopenedIndexReadsOnlyTheSrsChangedSinceItsWatermark() throws Exception {
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        SrNumber b = store.put("1001", "Display flickers", "", List.of());
        start(FSDirectory.open(folder));
        assertEquals(List.of(Instant.EPOCH), store.changedSinceCalls, "the first start reads every SR");
        assertEquals(2, store.changedRead);
        index.close();

        // While it is stopped (or in the events it had not heard of yet): b changes and c is opened.
        clock.now = AT.plus(Duration.ofHours(3));
        store.replace(b, "Display flickers", "a purple screen now", AT.plus(Duration.ofHours(2)));
        SrNumber c = store.put("1001", "Purple screen", "", List.of(), AT.plus(Duration.ofHours(2)));
        start(FSDirectory.open(folder));

        assertEquals(List.of(AT.plus(Duration.ofHours(1)).minus(MARGIN)), store.changedSinceCalls,
                "the watermark: when it stopped, less the margin");
        assertEquals(2, store.changedRead, "no SR read again but those changed");
        assertEquals(List.of(c, b), all("purple"));
        assertEquals(List.of(a), all("latency"), "the SRs indexed before are still answered");
    }

    @Test
    void theWatermarkStaysBelowTheChangesNotYetIndexed() throws Exception {
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        start(FSDirectory.open(folder));
        SrNumber b = store.put("1001", "Purple screen", "", List.of(), clock.now);
        index.handleEvent(event(SupportRequestEvents.CREATED, b));
        index.awaitIdle();
        // The store fails to answer the next change: it waits, heard of at 12:00, when the index stops at 13:00.
        clock.now = AT.plus(Duration.ofHours(2));
        store.failHeaders = true;
        store.replace(a, "Datastore latency", "and a purple screen", clock.now);
        index.handleEvent(event(SupportRequestEvents.UPDATED, a));
        index.awaitIdle();
        clock.now = AT.plus(Duration.ofHours(3));
        index.close();

        store.failHeaders = false;
        start(FSDirectory.open(folder));
        assertEquals(List.of(AT.plus(Duration.ofHours(2)).minus(MARGIN)), store.changedSinceCalls);
        assertEquals(List.of(b, a), all("purple"), "the change not indexed before the stop is caught up");
    }

    @Test
    void untilTheCatchUpIsSearchableSearchesAreLeftToTheStore() throws Exception {
        store.put("1001", "Datastore latency", "", List.of());
        start(FSDirectory.open(folder));
        index.close();
        store.blockSearches = new CountDownLatch(1);
        index = new LuceneSupportRequestIndex(store, FSDirectory.open(folder), clock);
        assertEquals(Optional.empty(), index.matching(SearchText.of("latency"), Set.of()));
        store.blockSearches.countDown();
        index.awaitIdle();
        assertEquals(1, all("latency").size());
    }

    @Test
    void anIndexOfAnotherFormatOrWithoutAWatermarkIsRebuilt() throws Exception {
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        List<Map<String, String>> commits = List.of(Map.of(),
                Map.of(IndexCommits.FORMAT, "0", IndexCommits.WATERMARK, AT.toString()),
                Map.of(IndexCommits.FORMAT, SrDocument.FORMAT, IndexCommits.WATERMARK, "not an instant"));
        for (Map<String, String> data : commits) {
            Path dir = Files.createTempDirectory(folder, "index");
            try (Directory d = FSDirectory.open(dir);
                    IndexWriter w = new IndexWriter(d, new IndexWriterConfig(SrDocument.indexAnalyzer()))) {
                Document ghost = new Document();
                ghost.add(new StringField(SrDocument.ID, "26000000099", Field.Store.NO));
                ghost.add(new TextField(SrDocument.TEXT, "ghost", Field.Store.NO));
                w.addDocument(ghost);
                w.setLiveCommitData(data.entrySet());
                w.commit();
            }
            start(FSDirectory.open(dir));
            assertEquals(List.of(Instant.EPOCH), store.changedSinceCalls, "every SR read: " + data);
            assertEquals(List.of(), all("ghost"), "nothing of the old index: " + data);
            assertEquals(List.of(a), all("latency"));
            index.close();
            index = null;
        }
    }

    @Test
    void aCorruptIndexIsDeletedAndRebuiltAndThenKeptAgain() throws Exception {
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        start(FSDirectory.open(folder));
        index.close();
        // Every file garbled (the commit cannot be read), then only the segments' data (it reads, but does not open).
        List<java.util.function.Predicate<String>> damages = List.of(name -> !name.equals("write.lock"),
                name -> name.endsWith(".cfs") || name.endsWith(".cfe"));
        for (java.util.function.Predicate<String> damaged : damages) {
            assertTrue(garble(damaged) > 0, "files garbled");
            start(FSDirectory.open(folder));
            assertEquals(List.of(Instant.EPOCH), store.changedSinceCalls, "rebuilt from every SR");
            assertEquals(List.of(a), all("latency"));
            index.close();

            start(FSDirectory.open(folder));
            assertEquals(List.of(AT.plus(Duration.ofHours(1)).minus(MARGIN)), store.changedSinceCalls,
                    "the rebuilt index is kept");
            assertEquals(List.of(a), all("latency"));
            index.close();
            index = null;
        }
    }

    private int garble(java.util.function.Predicate<String> damaged) throws IOException {
        Random random = new Random(1);
        int count = 0;
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> damaged.test(f.getFileName().toString())).toList()) {
                byte[] junk = new byte[(int) Files.size(file)];
                random.nextBytes(junk);
                Files.write(file, junk);
                count++;
            }
        }
        return count;
    }

    @Test
    void srsOpenedAndChangedOnAnotherNodeAreFoundOnceTheStoresChangesAreRead() throws Exception {
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        start();
        assertEquals(List.of("follow", "changedSince"), store.calls, "followed before the catch-up reads");

        SrNumber b = store.put("1001", "Zebrafinch anomaly", "", List.of()); // on another node: no event here
        store.replace(a, "Datastore latency", "and a zebrafinch anomaly", AT);
        assertEquals(List.of(), all("zebrafinch"));
        nodes.changed(b, a);
        assertEquals(2, index.readChanges());
        index.awaitIdle();
        assertEquals(List.of(b, a), all("zebrafinch"), "opened there, and changed there by new words");

        store.replace(b, "Zebra crossing", "", AT);
        nodes.changed(b);
        index.readChanges();
        index.awaitIdle();
        assertEquals(List.of(a), all("zebrafinch"), "the old words no longer find it");
        assertEquals(List.of(b), all("crossing"));
    }

    @Test
    void aChangeOfThisNodeHeardFromItsEventAndAgainFromTheStoreIsWrittenOnce() throws Exception {
        start();
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        index.handleEvent(event(SupportRequestEvents.CREATED, a));
        index.awaitIdle();
        store.rewriteKeepingTheVersion(a, "Other words");
        nodes.changed(a); // the store's changes tell it again
        index.readChanges();
        index.awaitIdle();
        assertEquals(List.of(a), all("latency"), "the same version: its document is not written again");

        store.replace(a, "Purple screen", "", AT);
        nodes.changed(a);
        index.readChanges();
        index.awaitIdle();
        assertEquals(List.of(a), all("purple"), "a newer version is written");
    }

    @Test
    void aDatabaseOutageWhileReadingTheChangesIsToldOnceAndCaughtUpAfter() throws Exception {
        start();
        SrChangePoller poller = new SrChangePoller(neverOnItsOwn(), index);
        SrNumber a = store.put("1001", "Zebrafinch anomaly", "", List.of());
        nodes.changed(a);
        nodes.down = true;
        poller.poll();
        assertTrue(poller.failing());
        poller.poll(); // still down: not told again
        nodes.down = false;
        poller.poll();
        assertFalse(poller.failing());
        index.awaitIdle();
        assertEquals(List.of(a), all("zebrafinch"), "the change made during the outage is read after it");
    }

    @Test
    void theWatermarkStaysBelowAChangeTheStoreSaysIsStillUnderWay() throws Exception {
        start(FSDirectory.open(folder));
        // A change of another node under way since 10:30 when the store's changes were read (its id passed unseen).
        nodes.awaitingSince = Optional.of(AT.plus(Duration.ofMinutes(30)));
        SrNumber a = store.put("1001", "Datastore latency", "", List.of());
        nodes.changed(a);
        index.readChanges();
        index.awaitIdle();
        clock.now = AT.plus(Duration.ofHours(3));
        index.close(); // commits what was indexed since the start
        start(FSDirectory.open(folder));
        assertEquals(List.of(AT.plus(Duration.ofMinutes(30)).minus(MARGIN)), store.changedSinceCalls);
    }

    @Test
    void withoutOtherNodesThereIsNothingToRead() throws Exception {
        nodes.alone = true;
        start();
        store.put("1001", "Zebrafinch anomaly", "", List.of());
        assertEquals(0, index.readChanges());
    }

    private static SrChangePoller.Config neverOnItsOwn() {
        return new SrChangePoller.Config() {
            @Override
            public long poll_millis() {
                return 0; // the test polls
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return SrChangePoller.Config.class;
            }
        };
    }

    /** The SR changes other nodes made, as the store tells them: what the test says changed, once each. */
    private final class OtherNodes implements SupportRequestChanges {
        private final List<SrNumber> changed = new CopyOnWriteArrayList<>();
        volatile boolean down;
        volatile boolean alone;
        volatile Optional<Instant> awaitingSince = Optional.empty();

        void changed(SrNumber... numbers) {
            changed.addAll(List.of(numbers));
        }

        @Override
        public Optional<Follower> follow() {
            store.calls.add("follow");
            if (alone) {
                return Optional.empty();
            }
            return Optional.of(new Follower() {
                @Override
                public Changes read(int max) {
                    if (down) {
                        throw new IllegalStateException("the database is out of reach");
                    }
                    List<SrNumber> read = new ArrayList<>(changed.subList(0, Math.min(max, changed.size())));
                    changed.subList(0, read.size()).clear();
                    return new Changes(new HashSet<>(read), !changed.isEmpty());
                }

                @Override
                public Optional<Instant> waitingSince() {
                    return awaitingSince;
                }
            });
        }
    }

    @Test
    void theRepositoryDefaultsReadHeadersOneByOneAndFilterEverySrByItsLastChange() {
        SrNumber a = store.put("1001", "old", "", List.of(), AT);
        SrNumber b = store.put("1001", "new", "", List.of(), AT.plusSeconds(60));
        SrNumber c = store.put("1001", "newer", "", List.of(), AT.plusSeconds(120));
        SupportRequestRepository defaults = new SupportRequestRepository() { // only what every store must have
            @Override
            public Optional<SupportRequestDetails> find(SrNumber number) {
                return store.find(number);
            }

            @Override
            public Page<SupportRequest> search(SupportRequestQuery query, PageRequest page) {
                return store.search(query, page);
            }

            @Override
            public SupportRequestDetails create(SupportRequestDraft d, TimelineEntry e, List<OutboundMessage> m) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SupportRequestDetails update(SrNumber n, SupportRequestChange change) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SupportRequestDetails addAttachment(SrNumber n, AttachmentInfo i, TimelineEntry e) {
                throw new UnsupportedOperationException();
            }
        };
        SrNumber unknown = SrNumber.of(2026, 999);
        assertEquals(List.of(c, a), defaults.headers(List.of(c, unknown, a, c)).stream().map(SupportRequest::number)
                .toList(), "in the order asked, each once, unknown left out");
        assertEquals(List.of(c, b), defaults.changedSince(AT.plusSeconds(60), PageRequest.first()).items().stream()
                .map(SupportRequest::number).toList(), "changed at or after");
    }

    private void start() throws Exception {
        start(new ByteBuffersDirectory());
    }

    private void start(Directory directory) throws Exception {
        store.changedSinceCalls.clear();
        store.changedRead = 0;
        store.calls.clear();
        index = new LuceneSupportRequestIndex(store, nodes, directory, clock);
        if (store.blockSearches == null) {
            index.awaitIdle();
        }
    }

    private List<SrNumber> all(String q) {
        return index.matching(SearchText.of(q), Set.of()).orElseThrow().below(Optional.empty(), 100);
    }

    private static Event event(String topic, SrNumber number) {
        return new Event(topic, Map.of(SupportRequestEvents.NUMBER, number.toString()));
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * SRs by number; pages through them newest first, all in one page, as the store's first page would.
     * Records what the index reads: batches of headers, the SRs changed since a time (the epoch: every SR).
     */
    private static final class Store implements SupportRequestRepository {
        private final TreeMap<SrNumber, SupportRequest> rows = new TreeMap<>(Collections.reverseOrder());
        private long next = 1;
        volatile CountDownLatch blockSearches;
        final List<List<SrNumber>> headerCalls = new CopyOnWriteArrayList<>();
        volatile boolean failHeaders;
        volatile CountDownLatch headersEntered;
        volatile CountDownLatch headersRelease;
        final List<Instant> changedSinceCalls = new CopyOnWriteArrayList<>();
        /** The store's calls in order, with the other nodes' follow() (the changes share it). */
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile int changedRead;

        SrNumber put(String account, String subject, String description, List<String> tags) {
            return put(account, subject, description, tags, AT);
        }

        synchronized SrNumber put(String account, String subject, String description, List<String> tags,
                Instant updatedAt) {
            SrNumber number = SrNumber.of(2026, next++);
            rows.put(number, sr(number, account, subject, description, tags, updatedAt));
            return number;
        }

        /** A change: the store raises the version with every change. */
        synchronized void replace(SrNumber number, String subject, String description, Instant updatedAt) {
            SupportRequest old = rows.get(number);
            rows.put(number, sr(number, old.account(), subject, description, old.tags(), updatedAt)
                    .withVersion(old.version() + 1));
        }

        /** What no store does: other words under the same version (to see whether a header is written again). */
        synchronized void rewriteKeepingTheVersion(SrNumber number, String subject) {
            SupportRequest old = rows.get(number);
            rows.put(number, sr(number, old.account(), subject, old.description(), old.tags(), old.updatedAt())
                    .withVersion(old.version()));
        }

        synchronized void remove(SrNumber number) {
            rows.remove(number);
        }

        /** The next headers() call waits until headersRelease, once it has counted down headersEntered. */
        CountDownLatch blockHeaders() {
            headersRelease = new CountDownLatch(1);
            headersEntered = new CountDownLatch(1);
            return headersEntered;
        }

        private static SupportRequest sr(SrNumber number, String account, String subject, String description,
                List<String> tags, Instant updatedAt) {
            return new SupportRequest(number, account, "datacenter", "performance", Severity.S3, SrStatus.NEW, subject,
                    description, tags, ContactMethod.EMAIL, Optional.empty(), "customer1", IntakeChannel.WEB,
                    Optional.empty(), AT, updatedAt, new ResponseTargets(AT.plusSeconds(3600), Optional.empty(),
                            Optional.empty(), Optional.empty()), false, 1);
        }

        @Override
        public Page<SupportRequest> search(SupportRequestQuery query, PageRequest page) {
            await(blockSearches);
            List<SupportRequest> items;
            synchronized (this) {
                items = new ArrayList<>(rows.values());
            }
            return Page.last(items);
        }

        @Override
        public List<SupportRequest> headers(Collection<SrNumber> numbers) {
            headerCalls.add(List.copyOf(numbers));
            CountDownLatch entered = headersEntered;
            if (entered != null) {
                headersEntered = null;
                entered.countDown();
                await(headersRelease);
            }
            if (failHeaders) {
                throw new IllegalStateException("the store is down");
            }
            return SupportRequestRepository.super.headers(numbers); // the SPI's default: header() by header()
        }

        @Override
        public Page<SupportRequest> changedSince(Instant since, PageRequest page) {
            await(blockSearches);
            calls.add("changedSince");
            changedSinceCalls.add(since);
            List<SupportRequest> items;
            synchronized (this) {
                items = rows.values().stream().filter(sr -> !sr.updatedAt().isBefore(since)).toList();
            }
            changedRead += items.size();
            return Page.last(items);
        }

        private static void await(CountDownLatch latch) {
            if (latch != null) {
                try {
                    latch.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public synchronized Optional<SupportRequestDetails> find(SrNumber number) {
            return Optional.ofNullable(rows.get(number)).map(sr -> new SupportRequestDetails(sr, List.of(), List.of()));
        }

        @Override
        public SupportRequestDetails create(SupportRequestDraft d, TimelineEntry c, List<OutboundMessage> m) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SupportRequestDetails update(SrNumber n, SupportRequestChange change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SupportRequestDetails addAttachment(SrNumber n, AttachmentInfo a, TimelineEntry e) {
            throw new UnsupportedOperationException();
        }
    }
}
