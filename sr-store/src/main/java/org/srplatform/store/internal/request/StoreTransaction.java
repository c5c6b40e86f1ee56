package org.srplatform.store.internal.request;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.event.SupportRequestEvents;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.api.request.ResponseTargets;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.Transaction;
import org.srplatform.store.internal.outbox.OutboxTable;

/** One attempt of a transaction: the connection and the platform's writes into it. */
final class StoreTransaction implements Transaction {

    static final String NUMBER_SEQUENCE = "sr_number_seq";

    private final Connection connection;
    private final Dialect dialect;
    private final Clock clock;
    private final RequestEvents events;
    private final KnownReferences references;
    private final Participants participants;
    /** SRs locked here, with their tags as stored (a header write rewrites tags only when they changed). */
    private final java.util.Map<SrNumber, List<String>> locked = new java.util.HashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    /** SRs created or changed here, announced once each after the commit. */
    private final Set<SrNumber> created = new LinkedHashSet<>();
    private final Set<SrNumber> updated = new LinkedHashSet<>();
    private TimelineEntry lastEntry;

    StoreTransaction(Connection connection, Dialect dialect, Clock clock, RequestEvents events,
            KnownReferences references, Participants participants) {
        this.connection = connection;
        this.participants = participants;
        this.references = references;
        this.dialect = dialect;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public SupportRequest createRequest(SupportRequestDraft d, TimelineEntry entry) {
        return sql(() -> {
            Optional<String> unknown = references.unknown(connection, d.account(), d.product());
            if (unknown.isPresent()) {
                throw new StoreException("an SR cannot name " + unknown.get() + ": it does not exist", null);
            }
            // In the transaction: a lost race for the sequence's catalog row rolls back and runs again.
            SrNumber number = SrNumber.of(d.createdAt().atZone(ZoneOffset.UTC).getYear(),
                    dialect.nextValue(connection, NUMBER_SEQUENCE));
            SupportRequest sr = participants.opening(new SupportRequest(number, d.account(), d.product(), d.category(), d.severity(),
                    SrStatus.NEW, d.subject(), d.description(), d.tags(), d.contactMethod(), d.phone(), d.contact(),
                    d.channel(), Optional.empty(), d.createdAt(), d.createdAt(), new ResponseTargets(
                            d.confirmationDueAt(), d.firstResponseDueAt(), Optional.empty(), Optional.empty()),
                    d.suggestionsShown(), 1));
            SupportRequestTables.insert(connection, sr);
            SupportRequestTables.appendTimeline(connection, number.value(), List.of(entry));
            created.add(number);
            lastEntry = entry;
            locked.put(number, sr.tags()); // a new row is this transaction's until it commits
            participants.opened(this, sr);
            return sr;
        });
    }

    @Override
    public SupportRequest lockRequest(SrNumber number) {
        return sql(() -> {
            if (!SupportRequestTables.lock(connection, number.value())) {
                throw new NotFoundException("no SR " + number);
            }
            SupportRequest sr = SupportRequestTables.header(connection, number.value()).orElseThrow();
            locked.put(number, sr.tags());
            return sr;
        });
    }

    @Override
    public SupportRequest updateRequest(SupportRequest next) {
        List<String> tags = locked.get(next.number());
        if (tags == null) {
            throw new IllegalStateException("SR " + next.number() + " is written only after lockRequest in the same transaction");
        }
        return sql(() -> {
            SupportRequest stored = SupportRequestTables.header(connection, next.number().value()).orElseThrow();
            // What a writer may change: never the SR's identity, owner or creation.
            SupportRequest kept = new SupportRequest(stored.number(), stored.account(), stored.product(), next.category(),
                    next.severity(), next.status(), next.subject(), next.description(), next.tags(), next.contactMethod(),
                    next.phone(), stored.contact(), stored.channel(), next.assignee(), stored.createdAt(),
                    next.updatedAt(), next.targets(), stored.suggestionsShown(), stored.version(), next.queue());
            SupportRequestTables.update(connection, kept, tags);
            locked.put(next.number(), kept.tags());
            if (!created.contains(next.number())) {
                updated.add(next.number());
            }
            return kept;
        });
    }

    /** The SR's header as this transaction sees it now. */
    SupportRequest header(SrNumber number) {
        return sql(() -> SupportRequestTables.header(connection, number.value()).orElseThrow());
    }

    /** The participants' part of a change written through the repository. */
    void changed(SupportRequest before, SupportRequest after, List<TimelineEntry> entries) {
        participants.changed(this, before, after, entries);
    }

    /** The SR with its attachments and timeline as this transaction sees it now. */
    SupportRequestDetails details(SupportRequest header) {
        return sql(() -> SupportRequestTables.details(connection, header));
    }

    @Override
    public void appendTimeline(SrNumber number, List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        sql(() -> {
            SupportRequestTables.appendTimeline(connection, number.value(), entries);
            TimelineEntry last = entries.get(entries.size() - 1);
            if (!created.contains(number)) {
                SupportRequestTables.setUpdatedAt(connection, number.value(), last.at());
                updated.add(number);
            }
            lastEntry = last;
            return null;
        });
    }

    /** Appends entries of a change that sets {@code updatedAt} itself (the SR's own update). */
    void appendTimelineOfChange(SrNumber number, List<TimelineEntry> entries) {
        sql(() -> {
            SupportRequestTables.appendTimeline(connection, number.value(), entries);
            updated.add(number);
            lastEntry = entries.get(entries.size() - 1);
            return null;
        });
    }

    @Override
    public void enqueue(List<OutboundMessage> messages) {
        sql(() -> {
            OutboxTable.insertAll(connection, messages, clock.instant());
            return null;
        });
    }

    @Override
    public boolean markSent(long outboxId, java.time.Instant at) {
        return sql(() -> OutboxTable.markSent(connection, outboxId, at));
    }

    @Override
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** What runs once the transaction committed: the announcements of its SRs, then the work's actions. */
    List<Runnable> committed() {
        List<Runnable> actions = new ArrayList<>();
        TimelineEntry entry = lastEntry;
        if (entry != null) {
            created.forEach(n -> actions.add(() -> events.announce(SupportRequestEvents.CREATED, n, entry)));
            updated.forEach(n -> actions.add(() -> events.announce(SupportRequestEvents.UPDATED, n, entry)));
        }
        actions.addAll(afterCommit);
        return actions;
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /**
     * The SPI's methods throw no checked exception (the work does); a JDBC failure travels as an
     * unchecked wrapper that {@link StoreTransactions} unwraps, so retry and rollback see it.
     */
    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException cause) {
            super(cause);
        }

        SQLException sql() {
            return (SQLException) getCause();
        }
    }
}
