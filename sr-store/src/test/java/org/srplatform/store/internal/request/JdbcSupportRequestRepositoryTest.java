package org.srplatform.store.internal.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.outbox.OutboxState;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.spi.request.SupportRequestUpdate;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.db.DerbyDialect;
import org.srplatform.spi.store.StoreException;
import org.srplatform.store.internal.outbox.JdbcOutbox;

class JdbcSupportRequestRepositoryTest {

    private static final Actor ENGINEER = new Actor("engineer1", "Engineer One");

    @TempDir
    Path dir;
    private Database db;
    private JdbcSupportRequestRepository requests;
    private JdbcOutbox outbox;

    @BeforeEach
    void open() {
        db = Fixtures.openStore(dir);
        Fixtures.loadCatalog(db);
        requests = new JdbcSupportRequestRepository(db);
        outbox = new JdbcOutbox(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void srNumbersAreUniqueUnderConcurrentCreation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<SrNumber>>> clients = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                clients.add(() -> {
                    List<SrNumber> numbers = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        numbers.add(create(Fixtures.draft("1001", "datacenter", Severity.S3, "load")).number());
                    }
                    return numbers;
                });
            }
            Set<SrNumber> distinct = new HashSet<>();
            int total = 0;
            for (Future<List<SrNumber>> f : pool.invokeAll(clients)) {
                for (SrNumber n : f.get()) {
                    total++;
                    distinct.add(n);
                }
            }
            assertEquals(400, total);
            assertEquals(400, distinct.size(), "every number once");
            int yy = Year.now(ZoneOffset.UTC).getValue() % 100;
            for (SrNumber n : distinct) {
                assertEquals(11, n.toString().length(), n.toString());
                assertEquals(yy, n.yearOfCentury(), n.toString());
            }
            assertEquals(400, outbox.list(OutboxState.PENDING, 500).size(), "one confirmation per SR");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createThenFindRoundTripsEveryField() {
        Instant at = Fixtures.now();
        SupportRequestDraft draft = new SupportRequestDraft("1001", "datacenter", "performance", Severity.S2,
                "数据库延迟 after upgrade", "Since the upgrade, 数据库延迟 is 200 ms.\nLine two \"quoted\" 100%_",
                List.of("upgrade", "存储"), ContactMethod.BOTH, Optional.of("+1 650 555 0100"), "customer1",
                IntakeChannel.PHONE, at, at.plus(Duration.ofHours(1)), Optional.of(at.plus(Duration.ofHours(4))),
                true);
        TimelineEntry created = new TimelineEntry(at, Fixtures.CUSTOMER, "CREATED", "SR opened: 数据库延迟",
                Map.of("severity", "2", "note", "a \"quote\", a \\ and\na new line", "中文", "值"), true);

        SupportRequestDetails stored = requests.create(draft, created, List.of(Fixtures.confirmation()));
        SupportRequestDetails details = requests.find(stored.number()).orElseThrow();
        SupportRequest found = details.request();

        assertEquals(stored, details);
        assertEquals("数据库延迟 after upgrade", found.subject());
        assertEquals(draft.description(), found.description());
        assertEquals(List.of("upgrade", "存储"), found.tags());
        assertEquals(ContactMethod.BOTH, found.contactMethod());
        assertEquals(Optional.of("+1 650 555 0100"), found.phone());
        assertEquals(IntakeChannel.PHONE, found.channel());
        assertEquals(SrStatus.NEW, found.status());
        assertEquals(Optional.empty(), found.assignee());
        assertEquals(at, found.createdAt());
        assertEquals(at, found.updatedAt());
        assertEquals(at.plus(Duration.ofHours(1)), found.targets().confirmationDueAt());
        assertEquals(Optional.of(at.plus(Duration.ofHours(4))), found.targets().firstResponseDueAt());
        assertEquals(Optional.empty(), found.targets().firstRespondedAt());
        assertEquals(Optional.empty(), found.targets().nextUpdateDueAt());
        assertTrue(found.suggestionsShown());
        assertEquals(List.of(created), details.timeline());
        assertEquals(1, found.version());
        assertEquals(Optional.of(found), requests.header(stored.number()), "the header alone, as an index reads it");
        assertEquals(Optional.empty(), requests.header(new SrNumber(stored.number().value() + 1)));
    }

    @Test
    void optionalFieldsLeftEmptyStayEmpty() {
        Instant at = Fixtures.now();
        SupportRequestDraft draft = new SupportRequestDraft("1001", "datacenter", "performance", Severity.S4, "s", "",
                List.of(), ContactMethod.EMAIL, Optional.empty(), "customer1", IntakeChannel.WEB, at,
                at.plus(Duration.ofMinutes(30)), Optional.empty(), false);
        SupportRequest found = requests.find(requests.create(draft, Fixtures.created(at), List.of()).number())
                .orElseThrow().request();
        assertEquals(Optional.empty(), found.phone());
        assertEquals(Optional.empty(), found.targets().firstResponseDueAt());
        assertEquals(List.of(), found.tags());
        assertEquals("", found.description());
        assertFalse(found.suggestionsShown());
        assertEquals(List.of(), outbox.list(OutboxState.PENDING, 10));
    }

    @Test
    void createWritesItsMessagesToTheOutboxForTheNewNumber() {
        SupportRequest sr = create(Fixtures.draft("1001", "datacenter", Severity.S1, "down"));
        List<OutboxEntry> pending = outbox.list(OutboxState.PENDING, 10);
        assertEquals(1, pending.size());
        assertEquals(Optional.of(sr.number()), pending.get(0).message().request());
        assertEquals("customer1@acme.example", pending.get(0).message().destination());
    }

    @Test
    void createWhoseMessageViolatesAConstraintLeavesNothing() {
        OutboundMessage tooLong = new OutboundMessage("t".repeat(65), Optional.empty(), "x", "s", "p", Instant.now());
        SupportRequestDraft draft = Fixtures.draft("1001", "datacenter", Severity.S3, "never stored");
        assertThrows(StoreException.class, () -> requests.create(draft, Fixtures.created(draft.createdAt()),
                List.of(Fixtures.confirmation(), tooLong)));

        assertEquals(0, count("SELECT COUNT(*) FROM support_requests"));
        assertEquals(0, count("SELECT COUNT(*) FROM sr_tags"));
        assertEquals(0, count("SELECT COUNT(*) FROM timeline_entries"));
        assertEquals(0, count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    void createForAnUnknownAccountOrProductLeavesNothing() {
        SupportRequestDraft draft = Fixtures.draft("9999", "datacenter", Severity.S3, "no such account");
        StoreException account = assertThrows(StoreException.class, () -> requests.create(draft,
                Fixtures.created(draft.createdAt()), List.of(Fixtures.confirmation())));
        assertEquals("an SR cannot name account 9999: it does not exist", account.getMessage());
        SupportRequestDraft product = Fixtures.draft("1001", "fusion", Severity.S3, "no such product");
        StoreException unknownProduct = assertThrows(StoreException.class, () -> requests.create(product,
                Fixtures.created(product.createdAt()), List.of(Fixtures.confirmation())));
        assertEquals("an SR cannot name product fusion: it does not exist", unknownProduct.getMessage());
        assertEquals(0, count("SELECT COUNT(*) FROM support_requests"));
        assertEquals(0, count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    void failedChangeLeavesNothing() {
        SupportRequestDetails sr = createDetails(Fixtures.draft("1001", "datacenter", Severity.S3, "stays"));
        assertThrows(ConflictException.class, () -> requests.update(sr.number(), current -> {
            throw new ConflictException("not now");
        }));
        assertEquals(Optional.of(sr), requests.find(sr.number()));
    }

    @Test
    void changeWhoseMessageViolatesAConstraintLeavesNothing() {
        SupportRequestDetails sr = createDetails(Fixtures.draft("1001", "datacenter", Severity.S3, "stays"));
        int messagesBefore = count("SELECT COUNT(*) FROM outbox");
        OutboundMessage tooLong = new OutboundMessage("t".repeat(65), Optional.empty(), "x", "s", "p", Instant.now());
        assertThrows(StoreException.class, () -> requests.update(sr.number(), current -> new SupportRequestUpdate(
                current.withStatus(SrStatus.IN_PROGRESS, Fixtures.now()), List.of(entry("STATUS_CHANGED")),
                List.of(Fixtures.confirmation(), tooLong))));

        assertEquals(Optional.of(sr), requests.find(sr.number()), "SR, timeline and version unchanged");
        assertEquals(messagesBefore, count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    void updateAppendsTimelineBumpsVersionAndWritesMessages() {
        SupportRequestDetails sr = createDetails(Fixtures.draft("1001", "datacenter", Severity.S3, "slow"));
        Instant at = Fixtures.now();
        TimelineEntry changed = new TimelineEntry(at, ENGINEER, "SEVERITY_CHANGED", "Severity 3 → 2",
                Map.of("from", "3", "to", "2", "reason", "业务影响"), false);
        OutboundMessage notice = new OutboundMessage("notification", Optional.empty(), "customer1@acme.example",
                "Severity changed", "{}", at.plusSeconds(600));

        SupportRequestDetails changedSr = requests.update(sr.number(), current -> {
            assertEquals(sr.request(), current, "the change sees the SR as stored");
            return new SupportRequestUpdate(current.withSeverity(Severity.S2, Optional.of(at.plusSeconds(3600)), at)
                    .withAssignee(Optional.of("engineer1"), at), List.of(changed), List.of(notice));
        });

        SupportRequest updated = changedSr.request();
        assertEquals(2, updated.version());
        assertEquals(Severity.S2, updated.severity());
        assertEquals(Optional.of("engineer1"), updated.assignee());
        assertEquals(at, updated.updatedAt());
        assertEquals(List.of(sr.timeline().get(0), changed), changedSr.timeline());
        assertEquals(Optional.of(changedSr), requests.find(sr.number()));
        assertTrue(outbox.list(OutboxState.PENDING, 10).stream()
                .anyMatch(e -> e.message().subject().equals("Severity changed")
                        && e.message().request().equals(Optional.of(sr.number()))));

        SupportRequestDetails again = requests.update(sr.number(), current -> new SupportRequestUpdate(
                current.withStatus(SrStatus.IN_PROGRESS, Fixtures.now()), List.of(entry("STATUS_CHANGED")), List.of()));
        assertEquals(3, again.request().version());
        assertEquals(3, again.timeline().size());
    }

    @Test
    void updateReplacesTheTagsAChangeEdits() {
        SupportRequest sr = create(Fixtures.draft("1001", "datacenter", Severity.S3, "tags"));
        requests.update(sr.number(), current -> new SupportRequestUpdate(new SupportRequest(current.number(),
                current.account(), current.product(), current.category(), current.severity(), current.status(),
                current.subject(), current.description(), List.of("存储", "network"), current.contactMethod(),
                current.phone(), current.contact(), current.channel(), current.assignee(), current.createdAt(),
                Fixtures.now(), current.targets(), current.suggestionsShown(), 0),
                List.of(entry("TAGS_CHANGED")), List.of()));
        assertEquals(List.of("存储", "network"), requests.find(sr.number()).orElseThrow().request().tags());
    }

    @Test
    void concurrentChangesOfOneSrAreAllKept() throws Exception {
        SupportRequest sr = create(Fixtures.draft("1001", "datacenter", Severity.S3, "busy"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(() -> {
                    for (int i = 0; i < 10; i++) {
                        requests.update(sr.number(), current -> new SupportRequestUpdate(current,
                                List.of(entry("COMMENT")), List.of()));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(writers)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        SupportRequestDetails found = requests.find(sr.number()).orElseThrow();
        assertEquals(41, found.request().version());
        assertEquals(41, found.timeline().size());
    }

    @Test
    void changingAnUnknownSrIsNotFound() {
        SrNumber unknown = SrNumber.of(2026, 999_999);
        assertThrows(NotFoundException.class, () -> requests.update(unknown, current -> {
            throw new AssertionError("not called");
        }));
        assertThrows(NotFoundException.class, () -> requests.addAttachment(unknown, attachment("a1"),
                entry("ATTACHMENT_ADDED")));
        assertEquals(Optional.empty(), requests.find(unknown));
    }

    @Test
    void addAttachmentRecordsItWithItsTimelineEntry() {
        SupportRequest sr = create(Fixtures.draft("1001", "datacenter", Severity.S3, "logs"));
        AttachmentInfo logs = attachment("a1");
        TimelineEntry added = entry("ATTACHMENT_ADDED");

        SupportRequestDetails updated = requests.addAttachment(sr.number(), logs, added);

        assertEquals(List.of(logs), updated.attachments());
        assertEquals(2, updated.request().version());
        assertEquals(added, updated.timeline().get(1));
        assertEquals(Optional.of(updated), requests.find(sr.number()));
        assertThrows(ConflictException.class, () -> requests.addAttachment(sr.number(), logs, added));
        assertEquals(Optional.of(updated), requests.find(sr.number()));
    }

    @Test
    void searchFiltersByStatusProductSeverityAccountsAndText() {
        SupportRequest a = create(Fixtures.draft("1001", "datacenter", Severity.S1, "Datastore latency"));
        SupportRequest b = create(Fixtures.draft("1001", "workstation", Severity.S2, "Display flickers"));
        SupportRequest c = create(Fixtures.draft("2002", "datacenter", Severity.S2, "数据库延迟 100%"));
        SupportRequest d = requests.update(a.number(), current -> new SupportRequestUpdate(
                current.withStatus(SrStatus.IN_PROGRESS, Fixtures.now()), List.of(entry("STATUS_CHANGED")), List.of()))
                .request();

        assertEquals(List.of(c, b, d), search(SupportRequestQuery.all()));
        assertEquals(List.of(d), search(query(Optional.of(SrStatus.IN_PROGRESS), null, null, Set.of(), null)));
        assertEquals(List.of(c, d), search(query(null, "datacenter", null, Set.of(), null)));
        assertEquals(List.of(c, b), search(query(null, null, Severity.S2, Set.of(), null)));
        assertEquals(List.of(b, d), search(query(null, null, null, Set.of("1001"), null)));
        assertEquals(List.of(c, b, d), search(query(null, null, null, Set.of("1001", "2002"), null)));
        assertEquals(List.of(c), search(query(null, "datacenter", Severity.S2, Set.of("2002"), null)));
        assertEquals(List.of(d), search(query(null, null, null, Set.of(), "LATENCY datastore")));
        assertEquals(List.of(c), search(query(null, null, null, Set.of(), "数据库")));
        assertEquals(List.of(c), search(query(null, null, null, Set.of(), "100%")), "% is a character, not a wildcard");
        assertEquals(List.of(c, b, d), search(query(null, null, null, Set.of(), "UPGRADE")), "tags match");
        assertEquals(List.of(), search(query(null, null, null, Set.of(), "latency display")));
        assertEquals(List.of(), search(query(null, null, null, Set.of("3003"), null)));
    }

    @Test
    void aSearchOfMoreThanTwentyWordsIsRefusedNamingQAndItsLimit() {
        create(Fixtures.draft("1001", "datacenter", Severity.S3, "Datastore latency"));
        String words = String.join(" ", java.util.Collections.nCopies(300, "latency"));
        // 300 words were 300 LIKE conditions: a StackOverflowError in Derby's parser and a 500.
        ValidationException e = assertThrows(ValidationException.class,
                () -> search(query(null, null, null, Set.of(), words)));
        assertEquals("q", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("at most 20 words"), e.getMessage());

        String twenty = String.join(" ", java.util.Collections.nCopies(20, "latency"));
        assertEquals(1, search(query(null, null, null, Set.of(), twenty)).size(), "20 words still answer");
        ValidationException tooLong = assertThrows(ValidationException.class,
                () -> search(query(null, null, null, Set.of(), "x".repeat(201))));
        assertTrue(tooLong.errors().get(0).message().contains("200 characters"), tooLong.getMessage());
    }

    @Test
    void findWithinAccountsFindsOnlyTheAccountsSrs() {
        SupportRequestDetails own = createDetails(Fixtures.draft("1001", "datacenter", Severity.S3, "ours"));
        SrNumber number = own.request().number();

        assertEquals(Optional.of(own), requests.find(number, Set.of("1001")));
        assertEquals(Optional.of(own), requests.find(number, Set.of("2002", "1001")));
        assertEquals(Optional.empty(), requests.find(number, Set.of("2002")), "another account's SR is not found");
        assertEquals(Optional.empty(), requests.find(number, Set.of()));
        assertEquals(Optional.empty(), requests.find(SrNumber.of(2026, 999_999), Set.of("1001")));
    }

    @Test
    void searchAmongIndexMatchesAppliesTheOtherFiltersAndPagesAcrossSlices() {
        requests = new JdbcSupportRequestRepository(db, java.time.Clock.systemUTC(), 3);
        List<SupportRequest> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(create(Fixtures.draft(i % 3 == 0 ? "2002" : "1001", "datacenter", Severity.S3, "sr " + i)));
        }
        // The index matched every SR but the newest; the store keeps account 1001's, newest first.
        List<SrNumber> matched = all.subList(0, 11).stream().map(SupportRequest::number)
                .sorted(java.util.Comparator.reverseOrder()).toList();
        List<Optional<SrNumber>> asked = new ArrayList<>();
        org.srplatform.spi.request.TextMatches index = (before, max) -> {
            asked.add(before);
            return matched.stream().filter(n -> before.isEmpty() || n.compareTo(before.get()) < 0).limit(max).toList();
        };
        SupportRequestQuery ours = query(null, null, null, Set.of("1001"), "ignored: the index answered it");
        List<SrNumber> expected = all.stream().filter(sr -> sr.account().equals("1001")).map(SupportRequest::number)
                .filter(matched::contains).sorted(java.util.Comparator.reverseOrder()).toList();

        List<SrNumber> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<SupportRequest> page = requests.search(ours, index, new PageRequest(3, cursor));
            page.items().forEach(sr -> seen.add(sr.number()));
            cursor = page.next();
            assertTrue(++pages <= 4, "pages end");
        } while (cursor.isPresent());
        assertEquals(expected, seen);
        assertTrue(asked.size() > 3, "the matches were read in slices: " + asked);

        assertEquals(List.of(), requests.search(ours, (before, max) -> List.of(), PageRequest.first()).items(),
                "no match, no SR");
    }

    @Test
    void searchPagesNewestFirstUntilTheLastPage() {
        List<SrNumber> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(create(Fixtures.draft("1001", "datacenter", Severity.S3, "sr " + i)).number());
        }
        List<SrNumber> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<SupportRequest> page = requests.search(SupportRequestQuery.all(), new PageRequest(3, cursor));
            page.items().forEach(sr -> seen.add(sr.number()));
            cursor = page.next();
            pages++;
            assertTrue(pages <= 3, "pages end");
        } while (cursor.isPresent());
        assertEquals(3, pages);
        java.util.Collections.reverse(created);
        assertEquals(created, seen);

        Page<SupportRequest> exact = requests.search(SupportRequestQuery.all(), PageRequest.first(7));
        assertEquals(7, exact.items().size());
        assertEquals(Optional.empty(), exact.next(), "no next page after the last item");
    }

    @Test
    void headersReadSeveralSrsInTheOrderAskedEachOnceLeavingOutUnknownNumbers() {
        SupportRequest a = create(Fixtures.draft("1001", "datacenter", Severity.S3, "a"));
        SupportRequest b = create(Fixtures.draft("2002", "datacenter", Severity.S3, "b"));
        SupportRequest c = requests.update(create(Fixtures.draft("1001", "workstation", Severity.S2, "c")).number(),
                current -> new SupportRequestUpdate(current.withStatus(SrStatus.IN_PROGRESS, Fixtures.now()),
                        List.of(entry("STATUS_CHANGED")), List.of())).request();
        SrNumber unknown = SrNumber.of(2026, 999_999);

        assertEquals(List.of(c, a, b), requests.headers(List.of(c.number(), unknown, a.number(), c.number(),
                b.number())), "as find() has them, without attachments and timeline");
        assertEquals(List.of(), requests.headers(List.of()));

        // More numbers than one IN list takes: read in chunks, still in the order asked.
        List<SrNumber> many = new ArrayList<>();
        for (int i = 1; i <= 2 * JdbcSupportRequestRepository.HEADERS_CHUNK + 100; i++) {
            many.add(SrNumber.of(2026, 900_000 + i));
        }
        many.add(JdbcSupportRequestRepository.HEADERS_CHUNK + 50, b.number());
        many.add(a.number());
        assertEquals(List.of(b, a), requests.headers(many));
    }

    @Test
    void changedSincePagesByNumberThroughTheSrsChangedAtOrAfterATime() {
        Instant before = Fixtures.now().minus(Duration.ofMinutes(10));
        Instant since = before.plus(Duration.ofMinutes(5));
        List<SupportRequest> old = new ArrayList<>();
        List<SupportRequest> changed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            old.add(create(draftAt(before, "old " + i)));
            changed.add(create(draftAt(since, "new " + i)));
        }
        SupportRequest touched = requests.update(old.get(1).number(), current -> new SupportRequestUpdate(
                current.withStatus(SrStatus.IN_PROGRESS, since.plusSeconds(1)), List.of(entry("STATUS_CHANGED")),
                List.of())).request();
        changed.add(touched);
        changed.sort(java.util.Comparator.comparing(SupportRequest::number));

        List<SupportRequest> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<SupportRequest> page = requests.changedSince(since, new PageRequest(3, cursor));
            seen.addAll(page.items());
            cursor = page.next();
            assertTrue(++pages <= 2, "pages end");
        } while (cursor.isPresent());
        assertEquals(2, pages);
        assertEquals(changed, seen, "by number, each once, as find() has them");
        assertEquals(List.of(), requests.changedSince(since.plusSeconds(2), PageRequest.first()).items());
        assertEquals(6, requests.changedSince(Instant.EPOCH, PageRequest.first()).items().size(), "since the epoch: all");
        assertThrows(ValidationException.class,
                () -> requests.changedSince(since, new PageRequest(3, Optional.of("not-a-cursor"))));
    }

    @Test
    void theCatchUpOfAStartReadsTheSrsChangedSinceATimeFromTheirIndexNotEverySr() {
        assumeTrue(db.dialect() instanceof DerbyDialect, "a Derby plan; PostgreSQL plans its own way");
        Instant before = Fixtures.now().minus(Duration.ofDays(1));
        for (int i = 0; i < 200; i++) {
            create(draftAt(before, "old " + i));
        }
        SupportRequest recent = create(draftAt(Fixtures.now(), "recent"));
        db.inTransaction(c -> {
            try (java.sql.Statement s = c.createStatement()) { // as after a while: statistics of the new index
                s.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', 'SUPPORT_REQUESTS', NULL)");
            }
            return null;
        });
        String plan = db.inTransaction(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
            }
            List<Long> numbers = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(db.dialect().limit(JdbcSupportRequestRepository.CHANGED_SINCE))) {
                try (ResultSet rs = org.srplatform.spi.store.Sql.bindAll(s, Fixtures.now().minusSeconds(60), 0L, 10)
                        .executeQuery()) {
                    while (rs.next()) {
                        numbers.add(rs.getLong(1));
                    }
                }
            }
            assertEquals(List.of(recent.number().value()), numbers);
            try (java.sql.Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                rs.next();
                String text = rs.getString(1);
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)");
                return text;
            }
        });
        assertTrue(plan.contains("SUPPORT_REQUESTS_UPDATED"), plan);
        assertFalse(plan.contains("Rows seen = 201"), "every SR read: " + plan);
    }

    private static SupportRequestDraft draftAt(Instant at, String subject) {
        return new SupportRequestDraft("1001", "datacenter", "performance", Severity.S3, subject, "", List.of("t"),
                ContactMethod.EMAIL, Optional.empty(), "customer1", IntakeChannel.WEB, at, at.plus(Duration.ofHours(1)),
                Optional.empty(), false);
    }

    @Test
    void aCursorTheStoreDidNotWriteIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> requests.search(SupportRequestQuery.all(), new PageRequest(3, Optional.of("not-a-cursor"))));
        assertEquals("cursor", e.errors().get(0).field());
    }

    private SupportRequest create(SupportRequestDraft draft) {
        return createDetails(draft).request();
    }

    private SupportRequestDetails createDetails(SupportRequestDraft draft) {
        return requests.create(draft, Fixtures.created(draft.createdAt()), List.of(Fixtures.confirmation()));
    }

    private List<SupportRequest> search(SupportRequestQuery query) {
        return requests.search(query, PageRequest.first()).items();
    }

    private static SupportRequestQuery query(Optional<SrStatus> status, String product, Severity severity,
            Set<String> accounts, String text) {
        return new SupportRequestQuery(status, Optional.ofNullable(product), Optional.ofNullable(severity), accounts,
                Optional.ofNullable(text));
    }

    private static TimelineEntry entry(String kind) {
        return TimelineEntry.of(Fixtures.now(), ENGINEER, kind, kind.toLowerCase(), Map.of());
    }

    private static AttachmentInfo attachment(String id) {
        return new AttachmentInfo(id, "vmkernel.log", 1234, "ab".repeat(32), "text/plain", Fixtures.now(), "customer1");
    }

    private int count(String sql) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
