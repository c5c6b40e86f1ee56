package org.srplatform.store.internal.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.request.SupportRequestChanges.Changes;
import org.srplatform.spi.store.StoreException;

/**
 * The follower's reading of the timeline, against a timeline whose ids are given at insert and seen at commit, in any
 * order, as a database's identity column gives them.
 */
class TimelineFollowerTest {
    private static final Duration GAP_TIMEOUT = Duration.ofMinutes(5);
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    private final Timeline timeline = new Timeline();
    private final AtomicLong nanos = new AtomicLong();
    private final Clock clock = Clock.fixed(AT, ZoneOffset.UTC);

    private TimelineFollower start() {
        return TimelineFollower.start(timeline, GAP_TIMEOUT, clock, nanos::get);
    }

    private void pass(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void readsTheChangesCommittedAfterItStartedAndNothingMoreWhenNothingChanged() {
        timeline.commit(timeline.insert(sr(1)));
        TimelineFollower follower = start();
        assertEquals(Set.of(), follower.read(100).numbers(), "what committed before the start is not read");

        long a = timeline.insert(sr(2));
        long b = timeline.insert(sr(3));
        long c = timeline.insert(sr(2));
        timeline.commit(a, b, c);
        assertEquals(Set.of(sr(2), sr(3)), follower.read(100).numbers(), "each SR once");
        assertEquals(Set.of(), follower.read(100).numbers());
        assertEquals(List.of(), follower.gaps());
        assertEquals(Optional.empty(), follower.waitingSince());
    }

    @Test
    void anEntryThatCommitsAfterAHigherOneIsReadOnceItCommits() {
        TimelineFollower follower = start();
        long late = timeline.insert(sr(1)); // its transaction stays open...
        long early = timeline.insert(sr(2));
        timeline.commit(early); // ...while one that began after it commits
        assertEquals(Set.of(sr(2)), follower.read(100).numbers());
        assertEquals(List.of(new TimelineFollower.Ids(late, late)), follower.gaps(), "passed unseen: asked for again");
        assertEquals(Optional.of(AT), follower.waitingSince(), "a commit of the index stays below it");

        pass(Duration.ofSeconds(2));
        assertEquals(Set.of(), follower.read(100).numbers(), "still open");
        timeline.commit(late);
        pass(Duration.ofSeconds(2));
        assertEquals(Set.of(sr(1)), follower.read(100).numbers(), "the late commit is read");
        assertEquals(List.of(), follower.gaps());
        assertEquals(Set.of(), follower.read(100).numbers(), "and only once");
    }

    @Test
    void anIdOfARolledBackTransactionIsAskedForUntilTheGapTimeoutThenGivenUp() {
        TimelineFollower follower = start();
        timeline.insert(sr(1)); // rolled back: never committed
        long next = timeline.insert(sr(2));
        timeline.commit(next);
        assertEquals(Set.of(sr(2)), follower.read(100).numbers());
        pass(GAP_TIMEOUT.minusSeconds(1));
        follower.read(100);
        assertEquals(1, follower.gaps().size(), "within the timeout: still asked for");
        pass(Duration.ofSeconds(1));
        follower.read(100);
        assertEquals(List.of(), follower.gaps(), "a read that began the timeout after it was noticed gave it up");
        assertEquals(1, follower.givenUp());
        assertEquals(Optional.empty(), follower.waitingSince());
    }

    @Test
    void aDatabaseOutageLongerThanTheTimeoutGivesUpNothingThatCommittedMeanwhile() {
        TimelineFollower follower = start();
        long late = timeline.insert(sr(1));
        timeline.commit(timeline.insert(sr(2)));
        follower.read(100);

        timeline.down = true;
        for (int i = 0; i < 10; i++) {
            pass(Duration.ofMinutes(1));
            assertThrows(StoreException.class, () -> follower.read(100));
        }
        timeline.commit(late); // committed while this node could not read
        timeline.commit(timeline.insert(sr(3)));
        timeline.down = false;
        assertEquals(Set.of(sr(1), sr(3)), follower.read(100).numbers(), "the first read after the outage finds both");
        assertEquals(List.of(), follower.gaps());
    }

    @Test
    void aReadThatFailsHalfwayLeavesTheFollowerWhereItWas() {
        TimelineFollower follower = start();
        long late = timeline.insert(sr(1));
        timeline.commit(timeline.insert(sr(2)));
        follower.read(100);
        timeline.commit(late);
        timeline.commit(timeline.insert(sr(3)));
        timeline.failWithin = true; // the new entries are read, the gaps' read fails
        assertThrows(StoreException.class, () -> follower.read(100));
        timeline.failWithin = false;
        assertEquals(Set.of(sr(1), sr(3)), follower.read(100).numbers());
    }

    @Test
    void atStartAnEntryOfATransactionStillOpenIsReadOnceItCommits() {
        timeline.commit(timeline.insert(sr(1)));
        long open = timeline.insert(sr(2));
        timeline.commit(timeline.insert(sr(3)));
        TimelineFollower follower = start(); // sr 3 committed before: the caller reads it from the store
        assertEquals(List.of(new TimelineFollower.Ids(open, open)), follower.gaps());
        assertEquals(Set.of(), follower.read(100).numbers());
        timeline.commit(open);
        assertEquals(Set.of(sr(2)), follower.read(100).numbers());
    }

    @Test
    void manyChangesAreReadInPagesOfTheGivenSize() {
        TimelineFollower follower = start();
        for (int i = 1; i <= 25; i++) {
            timeline.commit(timeline.insert(sr(i)));
        }
        Changes first = follower.read(10);
        assertEquals(10, first.numbers().size());
        assertTrue(first.more());
        assertTrue(follower.read(10).more());
        Changes last = follower.read(10);
        assertEquals(5, last.numbers().size());
        assertFalse(last.more());
    }

    @Test
    void aGapFilledInTheMiddleKeepsAskingForTheRest() {
        TimelineFollower follower = start();
        long a = timeline.insert(sr(1));
        long b = timeline.insert(sr(2));
        long c = timeline.insert(sr(3));
        timeline.commit(timeline.insert(sr(4)));
        follower.read(100);
        assertEquals(List.of(new TimelineFollower.Ids(a, c)), follower.gaps());
        timeline.commit(b);
        assertEquals(Set.of(sr(2)), follower.read(100).numbers());
        assertEquals(List.of(new TimelineFollower.Ids(a, a), new TimelineFollower.Ids(c, c)), follower.gaps());
        timeline.commit(a, c);
        assertEquals(Set.of(sr(1), sr(3)), follower.read(100).numbers());
        assertEquals(List.of(), follower.gaps());
    }

    private static SrNumber sr(int n) {
        return SrNumber.of(2026, n);
    }

    /** Ids given at insert, entries visible once committed, as an identity column and a transaction make them. */
    private static final class Timeline implements TimelineFollower.Entries {
        private final TreeMap<Long, SrNumber> inserted = new TreeMap<>();
        private final TreeMap<Long, SrNumber> committed = new TreeMap<>();
        private long next;
        boolean down;
        boolean failWithin;

        long insert(SrNumber number) {
            inserted.put(++next, number);
            return next;
        }

        void commit(long... ids) {
            for (long id : ids) {
                committed.put(id, inserted.get(id));
            }
        }

        private void check() {
            if (down) {
                throw new StoreException("the database is out of reach", null);
            }
        }

        @Override
        public long last() {
            check();
            return committed.isEmpty() ? 0 : committed.lastKey();
        }

        @Override
        public List<TimelineFollower.Entry> after(long id, int max) {
            check();
            return committed.tailMap(id, false).entrySet().stream().limit(max)
                    .map(e -> new TimelineFollower.Entry(e.getKey(), e.getValue())).toList();
        }

        @Override
        public List<TimelineFollower.Entry> within(List<TimelineFollower.Ids> ranges) {
            check();
            if (failWithin) {
                throw new StoreException("the connection was reset", null);
            }
            return ranges.stream().flatMap(r -> committed.subMap(r.from(), true, r.to(), true).entrySet().stream())
                    .map(e -> new TimelineFollower.Entry(e.getKey(), e.getValue())).toList();
        }
    }
}
