package org.srplatform.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupportHoursTest {
    private final SupportHours pacific = SupportHours.weekly(ZoneId.of("America/Los_Angeles"), LocalTime.of(6, 0),
            LocalTime.of(18, 0), Set.of(LocalDate.of(2026, 11, 26)), DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    @Test
    void weekdayHoursAreCountedInTheProductsTimeZone() {
        // Wednesday 2026-11-25 08:00 in Los Angeles is 16:00 UTC.
        assertTrue(pacific.isStaffedAt(Instant.parse("2026-11-25T16:00:00Z")));
        // 05:59 Pacific: not yet.
        assertFalse(pacific.isStaffedAt(Instant.parse("2026-11-25T13:59:00Z")));
        // 18:00 Pacific: closed (the end is exclusive).
        assertFalse(pacific.isStaffedAt(Instant.parse("2026-11-26T02:00:00Z")));
    }

    @Test
    void weekendsAndHolidaysAreClosed() {
        assertFalse(pacific.isStaffedAt(Instant.parse("2026-11-28T18:00:00Z"))); // Saturday
        assertFalse(pacific.isStaffedAt(Instant.parse("2026-11-26T18:00:00Z"))); // Thanksgiving
    }

    @Test
    void aroundTheClockIsAlwaysStaffed() {
        assertTrue(SupportHours.twentyFourSeven().isStaffedAt(Instant.parse("2026-11-28T03:00:00Z")));
    }

    @Test
    void weeklyHoursNeedAWindow() {
        assertThrows(IllegalArgumentException.class, () -> new SupportHours(false, ZoneId.of("UTC"), List.of(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new WeeklyWindow(DayOfWeek.MONDAY, LocalTime.NOON, LocalTime.NOON));
    }

    // staffedTimeBetween (since 1.2)

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private static Instant la(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(LA).toInstant();
    }

    @Test
    void staffedTimeBetweenIsTheInverseOfAddStaffedTime() {
        // A split shift too, so that several windows a day are counted one by one.
        SupportHours split = new SupportHours(false, LA, List.of(
                new WeeklyWindow(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
                new WeeklyWindow(DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.of(17, 0)),
                new WeeklyWindow(DayOfWeek.THURSDAY, LocalTime.of(13, 0), LocalTime.of(17, 30)),
                new WeeklyWindow(DayOfWeek.THURSDAY, LocalTime.of(7, 0), LocalTime.of(9, 0))), Set.of());
        List<Instant> starts = List.of(
                la("2026-11-25T08:00"),          // inside a window
                la("2026-11-25T05:00"),          // before the opening
                la("2026-11-25T17:59:59.999"),   // the last millisecond of a window
                la("2026-11-25T18:00"),          // the close
                la("2026-11-26T10:00"),          // a holiday
                la("2026-11-28T12:00"),          // a Saturday
                la("2026-03-06T17:00"),          // the Friday before spring-forward
                la("2026-10-30T17:00"),          // the Friday before fall-back
                la("2026-03-08T01:59:59"));      // just before the gap, on a Sunday
        List<Duration> amounts = List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofHours(12).minusMillis(1), Duration.ofHours(12), Duration.ofHours(12).plusMillis(1),
                Duration.ofHours(37).plusMinutes(13), Duration.ofHours(100), Duration.ofHours(500)); // 500 h: 35 weeks of the split shift
        for (SupportHours hours : List.of(pacific, split, SupportHours.twentyFourSeven())) {
            for (Instant start : starts) {
                for (Duration amount : amounts) {
                    Instant end = hours.addStaffedTime(start, amount);
                    assertEquals(amount, hours.staffedTimeBetween(start, end), () -> start + " + " + amount + " = " + end);
                }
            }
        }
    }

    @Test
    void staffedTimeBetweenCountsOnlyInsideWindows() {
        // Wednesday 2026-11-25, Pacific standard time.
        assertEquals(Duration.ofHours(2), pacific.staffedTimeBetween(la("2026-11-25T10:00"), la("2026-11-25T12:00")));
        // From before the opening: only 06:00-07:00 counts.
        assertEquals(Duration.ofHours(1), pacific.staffedTimeBetween(la("2026-11-25T05:00"), la("2026-11-25T07:00")));
        // Across the close: 17:30-18:00.
        assertEquals(Duration.ofMinutes(30), pacific.staffedTimeBetween(la("2026-11-25T17:30"), la("2026-11-25T20:00")));
        // Evening to the next morning outside any window, then the whole of a working day.
        assertEquals(Duration.ZERO, pacific.staffedTimeBetween(la("2026-11-24T18:00"), la("2026-11-25T06:00")));
        assertEquals(Duration.ofHours(12), pacific.staffedTimeBetween(la("2026-11-24T00:00"), la("2026-11-25T00:00")));
        // [from, to): the opening instant itself adds nothing, one millisecond after it adds one.
        assertEquals(Duration.ZERO, pacific.staffedTimeBetween(la("2026-11-25T05:00"), la("2026-11-25T06:00")));
        assertEquals(Duration.ofMillis(1), pacific.staffedTimeBetween(la("2026-11-25T05:00"), la("2026-11-25T06:00:00.001")));
    }

    @Test
    void staffedTimeBetweenIsZeroWhenToIsNotAfterFrom() {
        Instant wednesdayTen = la("2026-11-25T10:00");
        assertEquals(Duration.ZERO, pacific.staffedTimeBetween(wednesdayTen, wednesdayTen));
        assertEquals(Duration.ZERO, pacific.staffedTimeBetween(wednesdayTen, wednesdayTen.minusSeconds(3600)));
        SupportHours always = SupportHours.twentyFourSeven();
        assertEquals(Duration.ZERO, always.staffedTimeBetween(wednesdayTen, wednesdayTen.minusSeconds(3600)));
    }

    @Test
    void staffedTimeBetweenSkipsWeekends() {
        // Friday 17:00 to Monday 07:00: Friday 17-18 and Monday 06-07.
        assertEquals(Duration.ofHours(2), pacific.staffedTimeBetween(la("2026-11-20T17:00"), la("2026-11-23T07:00")));
        // A whole week, Monday 00:00 to Monday 00:00: five days of 12 hours.
        assertEquals(Duration.ofHours(60), pacific.staffedTimeBetween(la("2026-11-16T00:00"), la("2026-11-23T00:00")));
        assertEquals(Duration.ZERO, pacific.staffedTimeBetween(la("2026-11-21T00:00"), la("2026-11-23T06:00")));
    }

    @Test
    void staffedTimeBetweenSkipsHolidays() {
        // Wednesday 17:00 to Friday 07:00 over Thanksgiving (Thursday 2026-11-26): Wednesday 17-18, Friday 06-07.
        assertEquals(Duration.ofHours(2), pacific.staffedTimeBetween(la("2026-11-25T17:00"), la("2026-11-27T07:00")));
        // The week of Thanksgiving has four working days.
        assertEquals(Duration.ofHours(48), pacific.staffedTimeBetween(la("2026-11-23T00:00"), la("2026-11-30T00:00")));
    }

    @Test
    void staffedTimeBetweenFollowsSpringForwardInLosAngeles() {
        // Clocks go from 02:00 PST to 03:00 PDT on Sunday 2026-03-08: 06:00 is 14:00Z before, 13:00Z after.
        Instant fridayFive = Instant.parse("2026-03-07T01:00:00Z"); // Friday 17:00 PST
        Instant mondaySeven = Instant.parse("2026-03-09T14:00:00Z"); // Monday 07:00 PDT
        assertEquals(Duration.ofHours(2), pacific.staffedTimeBetween(fridayFive, mondaySeven));
        // Monday 05:00-07:00 PDT in UTC: only 13:00Z-14:00Z is staffed.
        assertEquals(Duration.ofHours(1), pacific.staffedTimeBetween(Instant.parse("2026-03-09T12:00:00Z"), mondaySeven));
        // The week across the change still has 60 staffed hours, though it is one wall hour shorter.
        assertEquals(Duration.ofHours(60), pacific.staffedTimeBetween(la("2026-03-02T00:00"), la("2026-03-09T00:00")));
        // A window over the change itself is one hour shorter: Sunday 00:00-23:00 has 22 hours that day.
        SupportHours sundays = SupportHours.weekly(LA, LocalTime.MIDNIGHT, LocalTime.of(23, 0), Set.of(), DayOfWeek.SUNDAY);
        assertEquals(Duration.ofHours(22), sundays.staffedTimeBetween(la("2026-03-08T00:00"), la("2026-03-09T00:00")));
        assertEquals(Duration.ofHours(23), sundays.staffedTimeBetween(la("2026-03-01T00:00"), la("2026-03-02T00:00")));
    }

    @Test
    void staffedTimeBetweenFollowsFallBackInLosAngeles() {
        // Clocks go from 02:00 PDT back to 01:00 PST on Sunday 2026-11-01: 06:00 is 13:00Z before, 14:00Z after.
        Instant fridayFive = Instant.parse("2026-10-31T00:00:00Z"); // Friday 17:00 PDT
        Instant mondaySeven = Instant.parse("2026-11-02T15:00:00Z"); // Monday 07:00 PST
        assertEquals(Duration.ofHours(2), pacific.staffedTimeBetween(fridayFive, mondaySeven));
        // Monday 13:00Z-15:00Z is 05:00-07:00 PST: one staffed hour.
        assertEquals(Duration.ofHours(1), pacific.staffedTimeBetween(Instant.parse("2026-11-02T13:00:00Z"), mondaySeven));
        SupportHours sundays = SupportHours.weekly(LA, LocalTime.MIDNIGHT, LocalTime.of(23, 0), Set.of(), DayOfWeek.SUNDAY);
        assertEquals(Duration.ofHours(24), sundays.staffedTimeBetween(la("2026-11-01T00:00"), la("2026-11-02T00:00")));
        // The wall day of the change has 25 hours; a 24x7 product counts them all.
        assertEquals(Duration.ofHours(25), SupportHours.twentyFourSeven()
                .staffedTimeBetween(la("2026-11-01T00:00"), la("2026-11-02T00:00")));
    }

    @Test
    void staffedTimeBetweenIsBoundedLikeAddStaffedTime() {
        // Monday 2026-01-05 to Friday 2027-01-01 00:00: 51 weeks and a Monday-Thursday, less Thanksgiving: 258 days.
        Instant start = la("2026-01-05T00:00");
        assertEquals(Duration.ofHours(258 * 12), pacific.staffedTimeBetween(start, la("2027-01-01T00:00")));
        // Up to 400 days on is counted (the difference is Monday 12:00 to Tuesday 12:00); further is refused, as
        // addStaffedTime gives up after 400 days, rather than loop without end.
        assertEquals(Duration.ofHours(12), pacific.staffedTimeBetween(la("2026-01-05T12:00"), la("2027-02-09T12:00"))
                .minus(pacific.staffedTimeBetween(la("2026-01-06T12:00"), la("2027-02-09T12:00"))));
        assertThrows(IllegalArgumentException.class,
                () -> pacific.staffedTimeBetween(start, start.plus(Duration.ofDays(402))));
    }
}
