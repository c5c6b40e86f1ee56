package org.srplatform.api.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
}
