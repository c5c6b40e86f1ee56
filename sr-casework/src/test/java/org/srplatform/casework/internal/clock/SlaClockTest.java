package org.srplatform.casework.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.casework.internal.clock.SlaClock.Counting;
import org.srplatform.casework.internal.clock.SlaClock.Kind;

class SlaClockTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    // Mon-Fri 06:00-18:00 Pacific, Thanksgiving (Thursday 2026-11-26) off.
    private final SupportHours pacific = SupportHours.weekly(LA, LocalTime.of(6, 0), LocalTime.of(18, 0),
            Set.of(LocalDate.of(2026, 11, 26)), DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    private static Instant la(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LA).toInstant();
    }

    private SlaClock businessHours(String localStart, Duration target) {
        return SlaClock.startFor(Kind.FIRST_RESPONSE, Counting.SUPPORT_HOURS, la(localStart), target, 0.75, pacific);
    }

    private SlaClock wall(Instant start, Duration target) {
        return SlaClock.startFor(Kind.NEXT_UPDATE, Counting.AROUND_THE_CLOCK, start, target, 0.75, pacific);
    }

    // Support hours

    @Test
    void pauseOverAWeekendMovesDueByTheStaffedTimeOfThePause() {
        // Friday 16:00 + 4 staffed hours: Friday 16-18, Monday 06-08.
        SlaClock clock = businessHours("2026-11-20T16:00", Duration.ofHours(4));
        assertEquals(la("2026-11-23T08:00"), clock.dueAt());
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), clock.dueAt());
        assertEquals(la("2026-11-23T07:00"), clock.atRiskAt()); // 3 of the 4 hours
        assertEquals(Duration.ofHours(3), clock.remaining(la("2026-11-20T17:00"), pacific));

        SlaClock paused = clock.pause(la("2026-11-20T17:00"));
        assertEquals(Duration.ofHours(3), paused.remaining(la("2026-11-23T07:00"), pacific)); // frozen
        SlaClock resumed = paused.resume(la("2026-11-23T07:00"), pacific);
        // Friday 17-18 and Monday 06-07 were staffed while paused: due moves 2 staffed hours, to Monday 10:00.
        assertEquals(la("2026-11-23T10:00"), resumed.dueAt());
        assertEquals(Instant.parse("2026-11-23T18:00:00Z"), resumed.dueAt());
        assertEquals(la("2026-11-23T09:00"), resumed.atRiskAt());
        assertEquals(Duration.ofHours(62), resumed.pausedTotal()); // wall time, for people
        assertEquals(Duration.ofHours(3), resumed.remaining(la("2026-11-23T07:00"), pacific));
        assertTrue(resumed.running());
    }

    @Test
    void pauseOverAHolidayMovesDueByTheStaffedTimeOfThePause() {
        // Wednesday 16:00 + 4 staffed hours over Thanksgiving: Wednesday 16-18, Friday 06-08.
        SlaClock clock = businessHours("2026-11-25T16:00", Duration.ofHours(4));
        assertEquals(la("2026-11-27T08:00"), clock.dueAt());
        SlaClock resumed = clock.pause(la("2026-11-25T17:00")).resume(la("2026-11-27T07:00"), pacific);
        assertEquals(la("2026-11-27T10:00"), resumed.dueAt());
        assertEquals(Instant.parse("2026-11-27T18:00:00Z"), resumed.dueAt());
        assertEquals(Duration.ofHours(38), resumed.pausedTotal());
    }

    @Test
    void pauseOutsideSupportHoursMovesNothing() {
        SlaClock clock = businessHours("2026-11-20T16:00", Duration.ofHours(4));
        // Saturday 10:00 to Sunday 20:00: no staffed time passed.
        SlaClock resumed = clock.pause(la("2026-11-21T10:00")).resume(la("2026-11-22T20:00"), pacific);
        assertEquals(clock.dueAt(), resumed.dueAt());
        assertEquals(clock.atRiskAt(), resumed.atRiskAt());
        assertEquals(Duration.ofHours(34), resumed.pausedTotal());
        // Friday 19:00 to Monday 05:00 neither.
        assertEquals(clock.dueAt(), clock.pause(la("2026-11-20T19:00")).resume(la("2026-11-23T05:00"), pacific).dueAt());
    }

    @Test
    void aDueOutsideSupportHoursIsNotSnappedToThemByAPause() {
        // A cap computed elsewhere: due Saturday noon, outside the hours.
        SlaClock capped = SlaClock.start(Kind.FIRST_RESPONSE, Counting.SUPPORT_HOURS, la("2026-11-19T10:00"),
                la("2026-11-21T12:00"), 0.75, pacific);
        // Thursday 19:00-20:00 counted nothing: due stays (not Friday 18:00, where the staffed time runs out).
        assertEquals(la("2026-11-21T12:00"),
                capped.pause(la("2026-11-19T19:00")).resume(la("2026-11-19T20:00"), pacific).dueAt());
        // Pausing and resuming at one instant changes nothing at all.
        Instant evening = la("2026-11-19T21:00");
        assertEquals(capped, capped.pause(evening).resume(evening, pacific));
        // Thursday 17:00 to Friday 07:00 counted 2 staffed hours: due moves past Friday's close to Monday 08:00.
        assertEquals(la("2026-11-23T08:00"),
                capped.pause(la("2026-11-19T17:00")).resume(la("2026-11-20T07:00"), pacific).dueAt());
    }

    @Test
    void aDueThatPassesDuringAPauseWithoutStaffedTimeLeftFallsOnTheResume() {
        SlaClock capped = SlaClock.start(Kind.FIRST_RESPONSE, Counting.SUPPORT_HOURS, la("2026-11-20T17:00"),
                la("2026-11-21T12:00"), 0.75, pacific);
        SlaClock paused = capped.pause(la("2026-11-21T10:00"));
        assertFalse(paused.breachedAt(la("2026-11-22T10:00")));
        SlaClock resumed = paused.resume(la("2026-11-22T10:00"), pacific);
        assertEquals(la("2026-11-22T10:00"), resumed.dueAt());
        assertFalse(resumed.breachedAt(la("2026-11-22T10:00")));
        assertTrue(resumed.breachedAt(la("2026-11-22T10:00:00.001")));
    }

    @Test
    void startAtTheEndOfAWindowIsDueTheNextBusinessDay() {
        // 1 minute before the close and 1 h 59 min from the next opening.
        assertEquals(la("2026-11-25T07:59"), businessHours("2026-11-24T17:59", Duration.ofHours(2)).dueAt());
        assertEquals(Instant.parse("2026-11-25T15:59:00Z"), businessHours("2026-11-24T17:59", Duration.ofHours(2)).dueAt());
        assertEquals(la("2026-11-23T07:59"), businessHours("2026-11-20T17:59", Duration.ofHours(2)).dueAt()); // Fri
        assertEquals(la("2026-11-27T07:59"), businessHours("2026-11-25T17:59", Duration.ofHours(2)).dueAt()); // holiday
        assertEquals(la("2026-11-25T08:00"), businessHours("2026-11-24T18:00", Duration.ofHours(2)).dueAt());
        assertEquals(la("2026-11-24T08:00"), businessHours("2026-11-24T05:00", Duration.ofHours(2)).dueAt());
        // Using a window up exactly is due at its close, not at the next opening.
        assertEquals(la("2026-11-24T18:00"), businessHours("2026-11-24T16:00", Duration.ofHours(2)).dueAt());
    }

    @Test
    void pauseAcrossSpringForwardInLosAngeles() {
        // Friday 2026-03-06 16:00 PST + 4 h: due Monday 08:00 PDT, after clocks went forward on Sunday.
        SlaClock clock = businessHours("2026-03-06T16:00", Duration.ofHours(4));
        assertEquals(Instant.parse("2026-03-09T15:00:00Z"), clock.dueAt());
        SlaClock resumed = clock.pause(Instant.parse("2026-03-07T01:00:00Z")) // Friday 17:00 PST
                .resume(Instant.parse("2026-03-09T14:00:00Z"), pacific);   // Monday 07:00 PDT
        assertEquals(Instant.parse("2026-03-09T17:00:00Z"), resumed.dueAt()); // Monday 10:00 PDT
        assertEquals(Instant.parse("2026-03-09T16:00:00Z"), resumed.atRiskAt()); // Monday 09:00 PDT
        assertEquals(Duration.ofHours(61), resumed.pausedTotal()); // the weekend was one hour short
    }

    @Test
    void pauseAcrossFallBackInLosAngeles() {
        // Friday 2026-10-30 16:00 PDT + 4 h: due Monday 08:00 PST, after clocks went back on Sunday.
        SlaClock clock = businessHours("2026-10-30T16:00", Duration.ofHours(4));
        assertEquals(Instant.parse("2026-11-02T16:00:00Z"), clock.dueAt());
        SlaClock resumed = clock.pause(Instant.parse("2026-10-31T00:00:00Z")) // Friday 17:00 PDT
                .resume(Instant.parse("2026-11-02T15:00:00Z"), pacific);   // Monday 07:00 PST
        assertEquals(Instant.parse("2026-11-02T18:00:00Z"), resumed.dueAt()); // Monday 10:00 PST
        assertEquals(Instant.parse("2026-11-02T17:00:00Z"), resumed.atRiskAt()); // Monday 09:00 PST
        assertEquals(Duration.ofHours(63), resumed.pausedTotal()); // the weekend was one hour long
    }

    // Around the clock

    @Test
    void aroundTheClockPauseOfDMovesDueByExactlyD() {
        Instant start = Instant.parse("2026-11-21T10:00:00Z"); // a Saturday: the product's hours are ignored
        SlaClock clock = wall(start, Duration.ofHours(4));
        assertEquals(Instant.parse("2026-11-21T14:00:00Z"), clock.dueAt());
        Duration d = Duration.ofHours(3).plusMinutes(17).plusMillis(123);
        Instant pausedAt = Instant.parse("2026-11-21T11:00:00Z");
        SlaClock resumed = clock.pause(pausedAt).resume(pausedAt.plus(d), pacific);
        assertEquals(clock.dueAt().plus(d), resumed.dueAt());
        assertEquals(clock.atRiskAt().plus(d), resumed.atRiskAt());
        assertEquals(d, resumed.pausedTotal());
        // Across the fall-back night too: wall time, not local time.
        Instant night = Instant.parse("2026-11-01T07:00:00Z"); // 00:00 PDT
        SlaClock overNight = wall(night, Duration.ofHours(12));
        SlaClock resumedOverNight = overNight.pause(night.plusSeconds(60)).resume(night.plusSeconds(60).plus(d), null);
        assertEquals(overNight.dueAt().plus(d), resumedOverNight.dueAt());
    }

    @Test
    void twoPausesAccumulate() {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        SlaClock clock = wall(start, Duration.ofHours(4))
                .pause(Instant.parse("2026-11-25T10:30:00Z")).resume(Instant.parse("2026-11-25T11:30:00Z"), pacific)
                .pause(Instant.parse("2026-11-25T12:00:00Z")).resume(Instant.parse("2026-11-25T12:30:00Z"), pacific);
        assertEquals(Instant.parse("2026-11-25T15:30:00Z"), clock.dueAt());
        assertEquals(Duration.ofMinutes(90), clock.pausedTotal());

        // On support hours: Wednesday 10-11 and 12-12:30 paused, both staffed: due 14:00 moves to 15:30.
        SlaClock business = businessHours("2026-11-25T10:00", Duration.ofHours(4))
                .pause(la("2026-11-25T10:00")).resume(la("2026-11-25T11:00"), pacific)
                .pause(la("2026-11-25T12:00")).resume(la("2026-11-25T12:30"), pacific);
        assertEquals(la("2026-11-25T15:30"), business.dueAt());
        assertEquals(Duration.ofMinutes(90), business.pausedTotal());
    }

    // At risk

    @Test
    void atRiskAtThreeQuartersOnBothCountings() {
        SlaClock wall = wall(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofHours(4));
        assertEquals(Instant.parse("2026-11-25T13:00:00Z"), wall.atRiskAt());
        assertFalse(wall.atRiskAt(Instant.parse("2026-11-25T13:00:00Z")));
        assertTrue(wall.atRiskAt(Instant.parse("2026-11-25T13:00:00.001Z")));
        // Support hours: 6 of the 8 staffed hours from Friday 14:00 to Monday 10:00 are used at Monday 08:00.
        SlaClock business = SlaClock.start(Kind.FIRST_RESPONSE, Counting.SUPPORT_HOURS, la("2026-11-20T14:00"),
                la("2026-11-23T10:00"), 0.75, pacific);
        assertEquals(la("2026-11-23T08:00"), business.atRiskAt());
        assertFalse(business.atRiskAt(la("2026-11-22T12:00"))); // the weekend is long, the clock is not
    }

    @Test
    void aPauseBeforeAtRiskMovesItAndAPauseAfterItLeavesIt() {
        SlaClock clock = wall(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofHours(4));
        SlaClock early = clock.pause(Instant.parse("2026-11-25T12:00:00Z")).resume(Instant.parse("2026-11-25T13:00:00Z"), null);
        assertEquals(Instant.parse("2026-11-25T14:00:00Z"), early.atRiskAt());
        assertEquals(Instant.parse("2026-11-25T15:00:00Z"), early.dueAt());
        SlaClock late = clock.pause(Instant.parse("2026-11-25T13:30:00Z")).resume(Instant.parse("2026-11-25T14:30:00Z"), null);
        assertEquals(Instant.parse("2026-11-25T13:00:00Z"), late.atRiskAt()); // already passed: stays
        assertEquals(Instant.parse("2026-11-25T15:00:00Z"), late.dueAt());
    }

    @Test
    void atRiskWhilePausedOrStopped() {
        SlaClock clock = wall(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofHours(4));
        // Paused before at risk: not at risk however late it gets.
        assertFalse(clock.pause(Instant.parse("2026-11-25T12:00:00Z")).atRiskAt(Instant.parse("2026-11-26T00:00:00Z")));
        // Paused after: at risk.
        assertTrue(clock.pause(Instant.parse("2026-11-25T13:30:00Z")).atRiskAt(Instant.parse("2026-11-25T13:30:00Z")));
        // Stopped: never.
        assertFalse(clock.stop(Instant.parse("2026-11-25T13:30:00Z"), null).atRiskAt(Instant.parse("2026-11-26T00:00:00Z")));
    }

    @Test
    void atRiskShareIsRoundedToMillisecondsAndValidated() {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        SlaClock third = SlaClock.startFor(Kind.FIRST_RESPONSE, Counting.AROUND_THE_CLOCK, start, Duration.ofSeconds(1),
                1.0 / 3, null);
        assertEquals(start.plusMillis(333), third.atRiskAt());
        SlaClock twoThirds = SlaClock.startFor(Kind.FIRST_RESPONSE, Counting.AROUND_THE_CLOCK, start,
                Duration.ofSeconds(1), 2.0 / 3, null);
        assertEquals(start.plusMillis(667), twoThirds.atRiskAt());
        assertEquals(start.plusSeconds(1), SlaClock.startFor(Kind.FIRST_RESPONSE, Counting.AROUND_THE_CLOCK, start,
                Duration.ofSeconds(1), 1, null).atRiskAt());
        for (double share : new double[] {0, -0.25, 1.0001, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> SlaClock.startFor(Kind.FIRST_RESPONSE,
                    Counting.AROUND_THE_CLOCK, start, Duration.ofHours(1), share, null));
        }
    }

    @Test
    void atRiskNeverFallsAfterADueWithoutStaffedTime() {
        // Saturday 10:00 to a Saturday noon cap: no staffed time; the next opening would be Monday.
        SlaClock capped = SlaClock.start(Kind.FIRST_RESPONSE, Counting.SUPPORT_HOURS, la("2026-11-21T10:00"),
                la("2026-11-21T12:00"), 0.75, pacific);
        assertEquals(la("2026-11-21T12:00"), capped.atRiskAt());
    }

    // Met and breached

    @Test
    void metAtTheDueInstantMissedOneMillisecondLater() {
        SlaClock clock = wall(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofHours(4));
        Instant due = Instant.parse("2026-11-25T14:00:00Z");
        assertEquals(Optional.empty(), clock.met());
        assertEquals(Optional.of(true), clock.stop(due, null).met());
        assertEquals(Optional.of(false), clock.stop(due.plusMillis(1), null).met());
        assertEquals(Optional.of(false), clock.stop(due.plusSeconds(1), null).met());
        assertFalse(clock.breachedAt(due));
        assertTrue(clock.breachedAt(due.plusMillis(1)));
        assertFalse(clock.stop(due, null).breachedAt(due.plusSeconds(3600)));
        assertTrue(clock.stop(due.plusMillis(1), null).breachedAt(due.plusMillis(1)));
    }

    @Test
    void aPausedClockIsBreachedWhenDuePassedBeforeThePause() {
        SlaClock clock = wall(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofHours(4));
        SlaClock pausedLate = clock.pause(Instant.parse("2026-11-25T14:00:00.001Z"));
        assertTrue(pausedLate.breachedAt(Instant.parse("2026-11-25T14:00:00.001Z")));
        assertEquals(Duration.ZERO, pausedLate.remaining(Instant.parse("2026-11-26T00:00:00Z"), null));
        // A pause at the due instant itself is not breached, and neither is the clock when it resumes.
        SlaClock pausedAtDue = clock.pause(Instant.parse("2026-11-25T14:00:00Z"));
        assertFalse(pausedAtDue.breachedAt(Instant.parse("2026-11-26T00:00:00Z")));
        SlaClock resumed = pausedAtDue.resume(Instant.parse("2026-11-25T15:00:00Z"), null);
        assertEquals(Instant.parse("2026-11-25T15:00:00Z"), resumed.dueAt());
        // A pause before due: not breached however late it gets.
        assertFalse(clock.pause(Instant.parse("2026-11-25T13:00:00Z")).breachedAt(Instant.parse("2026-11-27T00:00:00Z")));
    }

    @Test
    void remainingCountsOnTheClocksTime() {
        SlaClock clock = businessHours("2026-11-20T16:00", Duration.ofHours(4));
        assertEquals(Duration.ofHours(2), clock.remaining(la("2026-11-21T12:00"), pacific)); // weekend: Monday 06-08
        assertEquals(Duration.ofMinutes(30), clock.remaining(la("2026-11-23T07:30"), pacific));
        assertEquals(Duration.ZERO, clock.remaining(la("2026-11-23T08:00"), pacific));
        assertEquals(Duration.ZERO, clock.remaining(la("2026-11-23T09:00"), pacific)); // breached
        SlaClock stopped = clock.stop(la("2026-11-23T07:00"), pacific);
        assertEquals(Duration.ofHours(1), stopped.remaining(la("2026-11-30T07:00"), pacific));
    }

    // Pause, resume and stop

    @Test
    void resumeBeforeThePauseIsRejected() {
        SlaClock paused = wall(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofHours(4))
                .pause(Instant.parse("2026-11-25T11:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> paused.resume(Instant.parse("2026-11-25T10:59:59.999Z"), null));
        assertThrows(IllegalArgumentException.class, () -> paused.stop(Instant.parse("2026-11-25T10:59:59.999Z"), null));
    }

    @Test
    void stopWhilePausedResumesFirst() {
        SlaClock paused = businessHours("2026-11-20T16:00", Duration.ofHours(4)).pause(la("2026-11-20T17:00"));
        SlaClock stopped = paused.stop(la("2026-11-23T07:00"), pacific);
        assertTrue(stopped.stopped());
        assertFalse(stopped.paused());
        assertFalse(stopped.running());
        assertEquals(Optional.of(la("2026-11-23T07:00")), stopped.stoppedAt());
        assertEquals(Optional.empty(), stopped.pausedSince());
        assertEquals(la("2026-11-23T10:00"), stopped.dueAt());
        assertEquals(Duration.ofHours(62), stopped.pausedTotal());
        assertEquals(Optional.of(true), stopped.met());
        // Due passed during a pause that began in time: met, the clock was not running.
        SlaClock wallPaused = wall(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofHours(4))
                .pause(Instant.parse("2026-11-25T13:00:00Z"));
        assertEquals(Optional.of(true), wallPaused.stop(Instant.parse("2026-11-25T20:00:00Z"), null).met());
        // Paused after due: missed.
        SlaClock pausedLate = wall(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofHours(4))
                .pause(Instant.parse("2026-11-25T14:00:01Z"));
        assertEquals(Optional.of(false), pausedLate.stop(Instant.parse("2026-11-25T14:30:00Z"), null).met());
    }

    @Test
    void noOpsReturnTheSameClock() {
        SlaClock running = wall(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofHours(4));
        assertSame(running, running.resume(Instant.parse("2026-11-25T11:00:00Z"), null));
        SlaClock paused = running.pause(Instant.parse("2026-11-25T11:00:00Z"));
        assertTrue(paused.paused());
        assertFalse(paused.running());
        assertSame(paused, paused.pause(Instant.parse("2026-11-25T12:00:00Z")));
        SlaClock stopped = running.stop(Instant.parse("2026-11-25T12:00:00Z"), null);
        assertSame(stopped, stopped.pause(Instant.parse("2026-11-25T12:30:00Z")));
        assertSame(stopped, stopped.resume(Instant.parse("2026-11-25T12:30:00Z"), null));
        // Stopping again keeps the first stop.
        assertSame(stopped, stopped.stop(Instant.parse("2026-11-25T13:00:00Z"), null));
        assertEquals(Optional.of(Instant.parse("2026-11-25T12:00:00Z")), stopped.stoppedAt());
    }

    @Test
    void invalidClocksAreRejected() {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> SlaClock.start(Kind.FIRST_RESPONSE,
                Counting.AROUND_THE_CLOCK, start, start.minusMillis(1), 0.75, null));
        assertThrows(IllegalArgumentException.class, () -> SlaClock.startFor(Kind.FIRST_RESPONSE,
                Counting.AROUND_THE_CLOCK, start, Duration.ofMillis(-1), 0.75, null));
        assertThrows(IllegalArgumentException.class, () -> new SlaClock(Kind.FIRST_RESPONSE, Counting.AROUND_THE_CLOCK,
                start, start.plusSeconds(10), start.plusSeconds(11), Optional.empty(), Duration.ZERO, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new SlaClock(Kind.FIRST_RESPONSE, Counting.AROUND_THE_CLOCK,
                start, start.plusSeconds(10), start.plusSeconds(5), Optional.of(start), Duration.ZERO, Optional.of(start)));
        assertThrows(IllegalArgumentException.class, () -> wall(start, Duration.ofHours(1)).pause(start.minusMillis(1)));
        // Support hours need the hours.
        assertThrows(NullPointerException.class, () -> SlaClock.startFor(Kind.FIRST_RESPONSE, Counting.SUPPORT_HOURS,
                start, Duration.ofHours(1), 0.75, null));
    }
}
