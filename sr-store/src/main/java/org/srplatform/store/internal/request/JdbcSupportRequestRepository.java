package org.srplatform.store.internal.request;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.srplatform.api.event.SupportRequestEvents;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.spi.request.SupportRequestChange;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.request.SupportRequestUpdate;
import org.srplatform.spi.request.SearchText;
import org.srplatform.spi.request.TextMatches;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.db.PageCursor;
import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.SupportRequestParticipant;
import org.osgi.service.component.ComponentServiceObjects;
import org.srplatform.spi.store.Sql;

/**
 * SRs in SQL tables. Each write is one short transaction holding the SR row, its timeline entries and
 * its outbox messages (the transactional outbox), so a message goes out if and only if its change
 * committed. Changes serialise on the SR's row lock; SR numbers come from a database sequence.
 */
@Component
public final class JdbcSupportRequestRepository implements SupportRequestRepository {

    private static final char LIKE_ESCAPE = '!';
    /** Index matches read per query, and queries per page at most, when the index answers the text. */
    static final int MATCH_SLICE = 500;
    static final int MATCH_ROUNDS = 10;
    /** Numbers per IN list when several headers are read at once. */
    static final int HEADERS_CHUNK = 500;

    private final Database db;
    private final StoreTransactions transactions;
    private final int matchSlice;

    /** Told after each committed change (SupportRequestEvents); capabilities react without polling. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    /** Capabilities that write with every SR opened or changed (casework's queues and clocks). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ComponentServiceObjects<SupportRequestParticipant>> participants = List.of();

    @Activate
    public JdbcSupportRequestRepository(@Reference Database db, @Reference AccountRepository accounts,
            @Reference CatalogRepository catalog) {
        this(db, Clock.systemUTC(), MATCH_SLICE, KnownReferences.of(accounts, catalog));
    }

    public JdbcSupportRequestRepository(Database db) {
        this(db, Clock.systemUTC());
    }

    public JdbcSupportRequestRepository(Database db, Clock clock) {
        this(db, clock, MATCH_SLICE);
    }

    /** For tests: {@code matchSlice} index matches per query. */
    JdbcSupportRequestRepository(Database db, Clock clock, int matchSlice) {
        this(db, clock, matchSlice, KnownReferences.queried());
    }

    private JdbcSupportRequestRepository(Database db, Clock clock, int matchSlice, KnownReferences references) {
        this.db = db;
        this.matchSlice = matchSlice;
        this.transactions = new StoreTransactions(db, clock, () -> events, references,
                Participants.lazy(() -> participants));
    }

    /** For tests: these participants instead of the services bound. */
    JdbcSupportRequestRepository(Database db, Clock clock, int matchSlice, KnownReferences references,
            Participants participants) {
        this.db = db;
        this.matchSlice = matchSlice;
        this.transactions = new StoreTransactions(db, clock, () -> events, references, participants);
    }

    @Override
    public SupportRequestDetails create(SupportRequestDraft d, TimelineEntry created, List<OutboundMessage> messages) {
        return transactions.inTransaction(tx -> {
            SupportRequest sr = tx.createRequest(d, created);
            tx.enqueue(messages.stream().map(m -> m.forRequest(sr.number())).toList());
            return new SupportRequestDetails(sr, List.of(), List.of(created));
        });
    }

    @Override
    public Optional<SupportRequestDetails> find(SrNumber number) {
        return db.read(c -> {
            Optional<SupportRequest> header = SupportRequestTables.header(c, number.value());
            return header.isEmpty() ? Optional.<SupportRequestDetails>empty()
                    : Optional.of(SupportRequestTables.details(c, header.get()));
        });
    }

    @Override
    public Optional<SupportRequest> header(SrNumber number) {
        return db.read(c -> SupportRequestTables.header(c, number.value()));
    }

    @Override
    public List<SupportRequest> headers(Collection<SrNumber> numbers) {
        List<SrNumber> distinct = List.copyOf(new LinkedHashSet<>(numbers));
        if (distinct.isEmpty()) {
            return List.of();
        }
        // One read and two queries (rows, tags) per chunk, instead of two per SR: an index reads a burst at once.
        Map<SrNumber, SupportRequest> found = new HashMap<>();
        db.read(c -> {
            for (int from = 0; from < distinct.size(); from += HEADERS_CHUNK) {
                List<SrNumber> chunk = distinct.subList(from, Math.min(distinct.size(), from + HEADERS_CHUNK));
                List<Object> params = new ArrayList<>(chunk.size());
                chunk.forEach(n -> params.add(n.value()));
                String sql = SupportRequestTables.COLUMNS + " WHERE sr.sr_number IN (" + marks(chunk.size()) + ")";
                SupportRequestTables.headers(c, sql, params).forEach(sr -> found.put(sr.number(), sr));
            }
            return null;
        });
        return distinct.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** changedSince() from the epoch: every SR past a number. */
    static final String EVERY_SR_FROM = SupportRequestTables.COLUMNS + " WHERE sr.sr_number > ? ORDER BY sr.sr_number";
    /**
     * changedSince() from a time: the SRs changed since then past a number. Derby guesses a third of the rows for a
     * range on a parameter and would rather read every SR in number order than sort what the index finds; the
     * override (a comment to any other database) keeps it on the index, where a catch-up finds a few.
     */
    static final String CHANGED_SINCE = SupportRequestTables.COLUMNS + " --DERBY-PROPERTIES index=support_requests_updated\n"
            + " WHERE sr.updated_at >= ? AND sr.sr_number > ? ORDER BY sr.sr_number";

    @Override
    public Page<SupportRequest> changedSince(Instant since, PageRequest page) {
        // By number upwards from the cursor, so that a page stops reading once full. Since the epoch (a rebuild):
        // every SR in the primary key's order, one pass over the table for all pages together. Since a time (the
        // catch-up of every start): the few SRs changed since then, from the index on updated_at (V13), sorted.
        long after = PageCursor.decodeLong(page.cursor()).orElse(0L);
        String sql = db.dialect().limit(since.equals(Instant.EPOCH) ? EVERY_SR_FROM : CHANGED_SINCE);
        List<Object> params = since.equals(Instant.EPOCH) ? List.of(after, page.limit() + 1)
                : List.of(since, after, page.limit() + 1); // one more tells whether there is a next page
        List<SupportRequest> found = db.read(c -> SupportRequestTables.headers(c, sql, params));
        if (found.size() <= page.limit()) {
            return Page.last(found);
        }
        return nextPage(found, page.limit());
    }

    @Override
    public Optional<SupportRequestDetails> find(SrNumber number, Set<String> accounts) {
        if (accounts.isEmpty()) {
            return Optional.empty();
        }
        // The account is a condition of the query: another account's SR is never read, so refusing it takes
        // as long as refusing a number that does not exist.
        List<Object> params = new ArrayList<>();
        params.add(number.value());
        params.addAll(accounts.stream().sorted().toList());
        String sql = SupportRequestTables.COLUMNS + " WHERE sr.sr_number = ? AND sr.account_number IN ("
                + marks(accounts.size()) + ")";
        return db.read(c -> {
            Optional<SupportRequest> header = SupportRequestTables.headers(c, sql, params).stream().findFirst();
            return header.isEmpty() ? Optional.<SupportRequestDetails>empty()
                    : Optional.of(SupportRequestTables.details(c, header.get()));
        });
    }

    @Override
    public Page<SupportRequest> search(SupportRequestQuery query, PageRequest page) {
        Optional<Long> before = PageCursor.decodeLong(page.cursor());
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        filters(query, where, params);
        query.text().map(SearchText::of).ifPresent(text -> {
            // Every word must occur in the subject, the description or a tag, in any case. Without an index
            // (while it is being built) only: each word is a condition, hence SearchText's bound.
            for (String word : text.lowerCaseWords()) {
                String like = "LIKE ? ESCAPE '" + LIKE_ESCAPE + "'";
                where.add("(LOWER(sr.subject) " + like + " OR LOWER(sr.description) " + like
                        + " OR EXISTS (SELECT 1 FROM sr_tags t WHERE t.sr_number = sr.sr_number AND LOWER(t.tag) "
                        + like + "))");
                String pattern = "%" + escapeLike(word) + "%";
                params.addAll(List.of(pattern, pattern, pattern));
            }
        });
        before.ifPresent(n -> condition(where, params, "sr.sr_number < ?", n)); // newest first: numbers grow
        List<SupportRequest> found = headers(where, params, page.limit() + 1); // one more tells whether there is a next page
        if (found.size() <= page.limit()) {
            return Page.last(found);
        }
        return nextPage(found, page.limit());
    }

    @Override
    public Page<SupportRequest> search(SupportRequestQuery query, TextMatches matches, PageRequest page) {
        Optional<SrNumber> below = PageCursor.decodeLong(page.cursor()).map(JdbcSupportRequestRepository::cursorNumber);
        List<SupportRequest> found = new ArrayList<>();
        // The index's matches in slices from the newest down, each filtered here, until the page is full: the
        // other filters (status, severity...) may leave few of a slice, and the index holds no state.
        for (int round = 0; round < MATCH_ROUNDS; round++) {
            List<SrNumber> slice = matches.below(below, matchSlice);
            if (slice.isEmpty()) {
                return Page.last(found);
            }
            List<String> where = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            filters(query, where, params);
            where.add("sr.sr_number IN (" + marks(slice.size()) + ")");
            slice.forEach(n -> params.add(n.value()));
            found.addAll(headers(where, params, page.limit() + 1 - found.size()));
            if (found.size() > page.limit()) {
                return nextPage(found, page.limit());
            }
            if (slice.size() < matchSlice) {
                return Page.last(found);
            }
            below = Optional.of(slice.get(slice.size() - 1));
        }
        // Bounded work per request: a short page whose cursor goes on below the matches read so far.
        return new Page<>(found, Optional.of(PageCursor.encode(below.orElseThrow().toString())));
    }

    private static void filters(SupportRequestQuery query, List<String> where, List<Object> params) {
        query.status().ifPresent(s -> condition(where, params, "sr.status = ?", s));
        query.product().ifPresent(p -> condition(where, params, "sr.product_id = ?", p));
        query.severity().ifPresent(s -> condition(where, params, "sr.severity = ?", s.level()));
        query.assignee().ifPresent(a -> condition(where, params, "sr.assignee = ?", a));
        query.queue().ifPresent(q -> condition(where, params, "sr.queue_id = ?", q));
        // owes_response_at is NULL unless the SR is worked (SupportRequest.responseOwedBy()): one index range.
        query.overdueAt().ifPresent(at -> condition(where, params, "sr.owes_response_at < ?", at));
        if (!query.accounts().isEmpty()) {
            where.add("sr.account_number IN (" + marks(query.accounts().size()) + ")");
            params.addAll(query.accounts().stream().sorted().toList());
        }
    }

    /**
     * Headers matching every condition, newest first, at most {@code limit}. The numbers come first, then their
     * rows: a sort of whole rows (the description is up to 32 KB) spills to disk when many match, a sort of
     * numbers stays in memory and is often answered by an index alone (V7).
     */
    private List<SupportRequest> headers(List<String> where, List<Object> params, int limit) {
        String numbers = db.dialect().limit("SELECT sr.sr_number FROM support_requests sr"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY sr.sr_number DESC");
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        return db.read(c -> {
            List<Long> page = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(numbers)) {
                try (ResultSet rs = Sql.bindAll(s, all.toArray()).executeQuery()) {
                    while (rs.next()) {
                        page.add(rs.getLong(1));
                    }
                }
            }
            if (page.isEmpty()) {
                return List.of();
            }
            String rows = SupportRequestTables.COLUMNS + " WHERE sr.sr_number IN (" + marks(page.size())
                    + ") ORDER BY sr.sr_number DESC";
            return SupportRequestTables.headers(c, rows, new ArrayList<>(page));
        });
    }

    private static Page<SupportRequest> nextPage(List<SupportRequest> found, int limit) {
        List<SupportRequest> items = found.subList(0, limit);
        return new Page<>(items, Optional.of(PageCursor.encode(items.get(items.size() - 1).number().toString())));
    }

    private static SrNumber cursorNumber(long value) {
        try {
            return new SrNumber(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(FieldError.of("cursor", "is not a cursor this list returned"));
        }
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    @Override
    public SupportRequestDetails update(SrNumber number, SupportRequestChange change) {
        return transactions.inStoreTransaction(tx -> {
            SupportRequest locked = tx.lockRequest(number);
            // What is stored, as the change must see it: the lock already counted the next version.
            SupportRequest current = locked.withVersion(locked.version() - 1);
            SupportRequestUpdate result = change.apply(current);
            SupportRequest next = result.next();
            if (!next.number().equals(number)) {
                throw new IllegalArgumentException("a change of SR " + number + " returned SR " + next.number());
            }
            SupportRequestTables.update(tx.connection(), next, current.tags());
            tx.appendTimelineOfChange(number, result.entries());
            tx.enqueue(result.messages().stream().map(m -> m.request().isPresent() ? m : m.forRequest(number))
                    .toList());
            tx.changed(current, next.withVersion(locked.version()), result.entries());
            return tx.details(tx.header(number));
        });
    }

    @Override
    public SupportRequestDetails addAttachment(SrNumber number, AttachmentInfo attachment, TimelineEntry entry) {
        try {
            return transactions.inStoreTransaction(tx -> {
                SupportRequest locked = tx.lockRequest(number);
                SupportRequestTables.insertAttachment(tx.connection(), number.value(), attachment);
                tx.appendTimeline(number, List.of(entry));
                return tx.details(locked.withStatus(locked.status(), entry.at()));
            });
        } catch (StoreException e) {
            if (e.sqlCause().filter(db.dialect()::isUniqueViolation).isPresent()) {
                throw new ConflictException("SR " + number + " already has an attachment with id " + attachment.id());
            }
            throw e;
        }
    }

    private static void condition(List<String> where, List<Object> params, String sql, Object value) {
        where.add(sql);
        params.add(value);
    }

    private static String escapeLike(String word) {
        StringBuilder out = new StringBuilder();
        for (char ch : word.toCharArray()) {
            if (ch == LIKE_ESCAPE || ch == '%' || ch == '_') {
                out.append(LIKE_ESCAPE);
            }
            out.append(ch);
        }
        return out.toString();
    }
}
