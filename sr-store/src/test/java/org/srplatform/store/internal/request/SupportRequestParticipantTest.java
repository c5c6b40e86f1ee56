package org.srplatform.store.internal.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.request.SupportRequestUpdate;
import org.srplatform.spi.store.SupportRequestParticipant;
import org.srplatform.spi.store.Transaction;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.Database;

/**
 * A capability's participation in SR transactions: what it decides for a new SR is stored with it, what it
 * writes commits with the SR or not at all, its refusal rolls the SR back, and its further change of a
 * header through {@link Transaction#updateRequest} lands with the change that caused it.
 */
class SupportRequestParticipantTest {
    private static final Actor ENGINEER = new Actor("engineer1", "Engineer One");

    @TempDir
    Path dir;
    private Database db;
    private final List<String> calls = new ArrayList<>();
    private volatile boolean refuse;
    private StoreTransactions transactions;
    private JdbcSupportRequestRepository requests;

    /** Routes every SR to queue "q-" + product; pauses nothing; on a change to WAITING_ON_CUSTOMER clears the next-update target. */
    private final SupportRequestParticipant participant = new SupportRequestParticipant() {
        @Override
        public SupportRequest opening(SupportRequest sr) {
            calls.add("opening " + sr.number());
            return sr.withQueue(Optional.of("q-" + sr.product()));
        }

        @Override
        public void opened(Transaction tx, SupportRequest sr) {
            calls.add("opened " + sr.number() + " queue=" + sr.queue().orElse(""));
            if (refuse) {
                throw new IllegalStateException("refused by the participant");
            }
        }

        @Override
        public void changed(Transaction tx, SupportRequest before, SupportRequest after, List<TimelineEntry> entries) {
            calls.add("changed " + before.status() + "->" + after.status() + " " + entries.get(0).kind());
            if (after.status() == SrStatus.WAITING_ON_CUSTOMER) {
                tx.updateRequest(after.withTargets(after.targets().withNextUpdateDueAt(Optional.empty()), after.updatedAt()));
            }
        }
    };

    @BeforeEach
    void open() {
        db = Fixtures.openStore(dir);
        Fixtures.loadCatalog(db);
        Participants participants = new Participants(() -> List.of(participant));
        transactions = new StoreTransactions(db, Clock.systemUTC(), () -> null, KnownReferences.queried(), participants);
        requests = new JdbcSupportRequestRepository(db, Clock.systemUTC(), JdbcSupportRequestRepository.MATCH_SLICE,
                KnownReferences.queried(), participants);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void whatAParticipantDecidesForANewSrIsStoredWithIt() {
        SupportRequest sr = create("routed");
        assertEquals(Optional.of("q-datacenter"), sr.queue());
        assertEquals(Optional.of("q-datacenter"), requests.header(sr.number()).orElseThrow().queue());
        assertEquals(List.of("opening " + sr.number(), "opened " + sr.number() + " queue=q-datacenter"), calls);
        assertTrue(ids(new SupportRequestQuery(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.of("q-datacenter"), Optional.empty())).contains(sr.number()));
        assertTrue(ids(new SupportRequestQuery(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.of("q-other"), Optional.empty())).isEmpty());
    }

    @Test
    void aParticipantsRefusalRollsTheNewSrBack() {
        refuse = true;
        assertThrows(IllegalStateException.class, () -> create("refused"));
        assertEquals(0, requests.search(SupportRequestQuery.all(), PageRequest.first()).items().size());
    }

    @Test
    void aParticipantChangesTheHeaderInTheSameTransactionAsTheChange() {
        SupportRequest sr = create("waits");
        Instant at = Fixtures.now();
        requests.update(sr.number(), current -> new SupportRequestUpdate(current.withStatus(SrStatus.IN_PROGRESS, at)
                .withTargets(current.targets().withNextUpdateDueAt(Optional.of(at.plusSeconds(60))), at),
                List.of(entry("STATUS_CHANGED", at)), List.of()));
        var waiting = requests.update(sr.number(), current -> new SupportRequestUpdate(
                current.withStatus(SrStatus.WAITING_ON_CUSTOMER, at), List.of(entry("STATUS_CHANGED", at)), List.of()));
        assertEquals(SrStatus.WAITING_ON_CUSTOMER, waiting.request().status());
        assertEquals(Optional.empty(), waiting.request().targets().nextUpdateDueAt(),
                "the participant's change is in what update() returns");
        assertEquals(Optional.empty(), requests.header(sr.number()).orElseThrow().targets().nextUpdateDueAt());
        assertTrue(calls.contains("changed NEW->IN_PROGRESS STATUS_CHANGED"));
        assertTrue(calls.contains("changed IN_PROGRESS->WAITING_ON_CUSTOMER STATUS_CHANGED"));
    }

    @Test
    void updateRequestWritesOnlyALockedSrAndKeepsItsIdentity() {
        SupportRequest sr = create("assign");
        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(tx -> tx.updateRequest(sr)));
        Instant at = Fixtures.now();
        SupportRequest stored = transactions.inTransaction(tx -> {
            SupportRequest locked = tx.lockRequest(sr.number());
            SupportRequest other = new SupportRequest(locked.number(), "2002", "fusion", locked.category(),
                    Severity.S1, SrStatus.ASSIGNED, locked.subject(), locked.description(), locked.tags(),
                    locked.contactMethod(), locked.phone(), "someone", locked.channel(), Optional.of("engineer1"),
                    at, at, locked.targets(), locked.suggestionsShown(), 99, Optional.of("q2"));
            SupportRequest written = tx.updateRequest(other);
            tx.appendTimeline(sr.number(), List.of(entry("ASSIGNED", at)));
            return written;
        });
        SupportRequest read = requests.header(sr.number()).orElseThrow();
        assertEquals(read, stored.withStatus(stored.status(), read.updatedAt()));
        assertEquals("1001", read.account());
        assertEquals("datacenter", read.product());
        assertEquals(sr.contact(), read.contact());
        assertEquals(sr.createdAt(), read.createdAt());
        assertEquals(Optional.of("engineer1"), read.assignee());
        assertEquals(SrStatus.ASSIGNED, read.status());
        assertEquals(Optional.of("q2"), read.queue());
        assertEquals(2, read.version());
        assertTrue(ids(new SupportRequestQuery(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), Optional.of("engineer1"), Optional.empty(), Optional.empty())).contains(sr.number()));
    }

    @Test
    void overdueListsTheSrsThatOweTheCustomerAResponseBeforeAnInstant() {
        SupportRequest sr = create("late");
        Instant due = sr.targets().firstResponseDueAt().orElseThrow();
        SupportRequestQuery before = overdueAt(due.minusSeconds(1));
        SupportRequestQuery after = overdueAt(due.plusSeconds(1));
        assertTrue(ids(before).isEmpty());
        assertEquals(List.of(sr.number()), ids(after));
        Instant at = Fixtures.now();
        requests.update(sr.number(), current -> new SupportRequestUpdate(current.withStatus(SrStatus.IN_PROGRESS, at)
                .withStatus(SrStatus.WAITING_ON_CUSTOMER, at), List.of(entry("STATUS_CHANGED", at)), List.of()));
        assertTrue(ids(after).isEmpty(), "an SR waiting on the customer owes nothing");
    }

    private static SupportRequestQuery overdueAt(Instant at) {
        return new SupportRequestQuery(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(at));
    }

    private List<SrNumber> ids(SupportRequestQuery query) {
        return requests.search(query, PageRequest.first()).items().stream().map(SupportRequest::number).toList();
    }

    private SupportRequest create(String subject) {
        SupportRequestDraft draft = Fixtures.draft("1001", "datacenter", Severity.S3, subject);
        return requests.create(draft, Fixtures.created(draft.createdAt()), List.of(Fixtures.confirmation())).request();
    }

    private static TimelineEntry entry(String kind, Instant at) {
        return TimelineEntry.of(at, ENGINEER, kind, kind, Map.of());
    }
}
