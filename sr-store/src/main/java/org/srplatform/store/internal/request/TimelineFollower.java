package org.srplatform.store.internal.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.request.SupportRequestChanges;

/**
 * One reader's place in the SR changes, read from the timeline. Every write of an SR appends to its timeline in the
 * write's own transaction (its creation entry, each change's entries: the timeline is "every change, who, when"),
 * and each entry's id comes from an identity column with a primary-key index: the entries after an id are one index
 * range, however many SRs there are, and none when nothing changed.
 *
 * <p>Not simply "the entries after the highest id read": an id is given when the entry is inserted, not when its
 * transaction commits, so an entry with a lower id can become visible after a reader passed it (one transaction took
 * id 6, another took 7 and committed first). A window on {@code updated_at} (everything since the last read less a
 * margin) has the same hole, wider: {@code updated_at} is the writing node's clock before its transaction, before
 * even the wait for a connection, and every read would read the whole margin's changes again. So the follower keeps
 * the ids it passed without seeing them (gaps) and asks for them again at each read, one index range per gap: a gap
 * is the entry of a transaction still open (found once it commits) or of one that rolled back (its id is never
 * used). A gap is given up only when a read that began {@code gapTimeout} after the gap was noticed still does not
 * find it, i.e. when a transaction stayed open that long after inserting its entry; a database outage in between
 * gives nothing up early, since the first read after it asks for every gap before any is given up.
 *
 * <p>At start, the ids of the last {@value #TAIL} entries are checked the same way: an entry missing there may be of
 * a transaction open now. Not thread-safe: one thread reads.
 */
final class TimelineFollower implements SupportRequestChanges.Follower {
    /** How many ids below the newest entry are checked for open transactions at start. */
    static final long TAIL = 10_000;

    /** The timeline as the follower reads it; each call reads committed entries only. */
    interface Entries {
        /** The highest id of an entry, 0 when there is none. */
        long last();

        /** At most {@code max} entries with an id above {@code id}, in id order. */
        List<Entry> after(long id, int max);

        /** The entries whose ids are in the ranges (sorted, apart), in id order. */
        List<Entry> within(List<Ids> ranges);
    }

    record Entry(long id, SrNumber number) {
    }

    /** Ids from {@code from} to {@code to}, both included. */
    record Ids(long from, long to) {
    }

    /** Ids passed unseen, when the follower noticed them (its monotonic clock, and the wall clock). */
    private record Gap(long from, long to, long noticedNanos, Instant noticedAt) {
        Ids ids() {
            return new Ids(from, to);
        }
    }

    private final Entries entries;
    private final long gapTimeoutNanos;
    private final Clock clock;
    private final LongSupplier nanos;
    /** By their first id. */
    private final TreeMap<Long, Gap> gaps = new TreeMap<>();
    /** The highest id read. */
    private long cursor;
    private long givenUp;

    private TimelineFollower(Entries entries, Duration gapTimeout, Clock clock, LongSupplier nanos) {
        this.entries = entries;
        this.gapTimeoutNanos = gapTimeout.toNanos();
        this.clock = clock;
        this.nanos = nanos;
    }

    /**
     * A follower at the newest entry: the changes committed before this are not read, the ones under way now are.
     *
     * @param nanos a monotonic clock (System::nanoTime): a gap's age must not jump with the wall clock
     */
    static TimelineFollower start(Entries entries, Duration gapTimeout, Clock clock, LongSupplier nanos) {
        TimelineFollower follower = new TimelineFollower(entries, gapTimeout, clock, nanos);
        long noticed = nanos.getAsLong();
        Instant at = clock.instant();
        long last = entries.last();
        long low = Math.max(0, last - TAIL);
        if (last > low) {
            follower.noteGaps(low, entries.within(List.of(new Ids(low + 1, last))), last, noticed, at);
        }
        follower.cursor = last;
        return follower;
    }

    @Override
    public SupportRequestChanges.Changes read(int max) {
        long began = nanos.getAsLong();
        Instant at = clock.instant();
        List<Gap> waiting = List.copyOf(gaps.values());
        // Both reads first: when one fails, the follower stays as it was, and the next read asks again.
        List<Entry> after = entries.after(cursor, Math.max(1, max));
        List<Entry> late = waiting.isEmpty() ? List.of() : entries.within(waiting.stream().map(Gap::ids).toList());
        Set<SrNumber> numbers = new LinkedHashSet<>();
        for (Entry e : late) {
            numbers.add(e.number());
            fill(e.id());
        }
        // Given up: noticed at least gapTimeout before a read (this one) that began since and still did not find it.
        for (Gap g : waiting) {
            if (began - g.noticedNanos() >= gapTimeoutNanos) {
                Map.Entry<Long, Gap> left;
                while ((left = gaps.ceilingEntry(g.from())) != null && left.getKey() <= g.to()) {
                    gaps.remove(left.getKey());
                    givenUp += left.getValue().to() - left.getValue().from() + 1;
                }
            }
        }
        if (!after.isEmpty()) {
            long newest = after.get(after.size() - 1).id();
            noteGaps(cursor, after, newest, began, at);
            after.forEach(e -> numbers.add(e.number()));
            cursor = newest;
        }
        return new SupportRequestChanges.Changes(numbers, after.size() >= max);
    }

    /** The ids in ({@code from}, {@code to}] that {@code present} (in id order) lacks are gaps noticed now. */
    private void noteGaps(long from, List<Entry> present, long to, long noticed, Instant at) {
        long expected = from + 1;
        for (Entry e : present) {
            if (e.id() > expected) {
                gaps.put(expected, new Gap(expected, e.id() - 1, noticed, at));
            }
            expected = Math.max(expected, e.id() + 1);
        }
        if (expected <= to) {
            gaps.put(expected, new Gap(expected, to, noticed, at));
        }
    }

    /** An id found: no longer a gap. */
    private void fill(long id) {
        Map.Entry<Long, Gap> e = gaps.floorEntry(id);
        if (e == null || e.getValue().to() < id) {
            return;
        }
        Gap g = gaps.remove(e.getKey());
        if (g.from() < id) {
            gaps.put(g.from(), new Gap(g.from(), id - 1, g.noticedNanos(), g.noticedAt()));
        }
        if (id < g.to()) {
            gaps.put(id + 1, new Gap(id + 1, g.to(), g.noticedNanos(), g.noticedAt()));
        }
    }

    @Override
    public Optional<Instant> waitingSince() {
        return gaps.values().stream().map(Gap::noticedAt).min(Instant::compareTo);
    }

    /** The ids passed unseen that the follower still asks for (tests, logs). */
    List<Ids> gaps() {
        return new ArrayList<>(gaps.values().stream().map(Gap::ids).toList());
    }

    /** How many ids were given up: of transactions rolled back (or open longer than the gap timeout). */
    long givenUp() {
        return givenUp;
    }
}
