package org.srplatform.search.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.request.TextMatches;

class LuceneSupportRequestIndexTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private final Store store = new Store();
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
        store.replace(a, "Datastore latency", "now a purple screen too");
        index.handleEvent(event(SupportRequestEvents.UPDATED, a));
        index.awaitIdle();

        assertEquals(List.of(b, a), all("purple"));
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

    private void start() throws Exception {
        index = new LuceneSupportRequestIndex(store, new ByteBuffersDirectory());
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

    /** SRs by number; pages through them newest first, 500 at a time, as the store does. */
    private static final class Store implements SupportRequestRepository {
        private final TreeMap<SrNumber, SupportRequest> rows = new TreeMap<>(Collections.reverseOrder());
        private long next = 1;
        volatile CountDownLatch blockSearches;

        SrNumber put(String account, String subject, String description, List<String> tags) {
            SrNumber number = SrNumber.of(2026, next++);
            rows.put(number, sr(number, account, subject, description, tags));
            return number;
        }

        void replace(SrNumber number, String subject, String description) {
            SupportRequest old = rows.get(number);
            rows.put(number, sr(number, old.account(), subject, description, old.tags()));
        }

        private static SupportRequest sr(SrNumber number, String account, String subject, String description,
                List<String> tags) {
            return new SupportRequest(number, account, "datacenter", "performance", Severity.S3, SrStatus.NEW, subject,
                    description, tags, ContactMethod.EMAIL, Optional.empty(), "customer1", IntakeChannel.WEB,
                    Optional.empty(), AT, AT, new ResponseTargets(AT.plusSeconds(3600), Optional.empty(), Optional.empty(),
                            Optional.empty()), false, 1);
        }

        @Override
        public synchronized Page<SupportRequest> search(SupportRequestQuery query, PageRequest page) {
            CountDownLatch block = blockSearches;
            if (block != null) {
                try {
                    block.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<SupportRequest> items = new ArrayList<>(rows.values());
            return Page.last(items);
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
