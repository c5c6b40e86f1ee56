package org.srplatform.api.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.srplatform.api.catalog.SupportHours;

class FirstResponseTargetTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private final SupportHours desktop = SupportHours.weekly(LA, LocalTime.of(6, 0), LocalTime.of(18, 0),
            Set.of(LocalDate.of(2026, 11, 26)), DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    private final SupportHours datacenter = SupportHours.twentyFourSeven();

    private static Instant la(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(LA).toInstant();
    }

    @Test
    void severityOneOnProductionIsThirtyMinutesAroundTheClock() {
        Instant saturdayNight = Instant.parse("2026-11-29T03:00:00Z");
        assertEquals(saturdayNight.plus(Duration.ofMinutes(30)), new FirstResponseTarget(Duration.ofMinutes(30),
                ResponseClock.AROUND_THE_CLOCK).dueFor(saturdayNight, datacenter));
    }

    @Test
    void supportHoursStopOverTheWeekend() {
        // Friday 16:00 + 4 staffed hours = 2 on Friday, 2 on Monday from 06:00.
        assertEquals(la("2026-11-30T08:00"), desktop.addStaffedTime(la("2026-11-27T16:00"), Duration.ofHours(4)));
    }

    @Test
    void aHolidayIsSkipped() {
        // Wednesday 17:00 + 2 h: 1 h on Wednesday, Thursday is Thanksgiving, 1 h on Friday.
        assertEquals(la("2026-11-27T07:00"), desktop.addStaffedTime(la("2026-11-25T17:00"), Duration.ofHours(2)));
    }

    @Test
    void timeBeforeOpeningStartsCountingAtOpening() {
        assertEquals(la("2026-11-24T07:30"), desktop.addStaffedTime(la("2026-11-24T03:00"), Duration.ofMinutes(90)));
    }

    @Test
    void windowsFollowDaylightSavingTime() {
        // US DST ended on Sunday 2026-11-01: Friday 06:00 PDT is 13:00 UTC, Monday 06:00 PST is 14:00 UTC.
        assertEquals(Instant.parse("2026-11-02T15:00:00Z"),
                desktop.addStaffedTime(Instant.parse("2026-10-30T23:00:00Z"), Duration.ofHours(3)));
    }

    @Test
    void nextBusinessDayEndsAtTheCloseOfTheNextStaffedDay() {
        // Opened Tuesday 10:00: due Wednesday 18:00.
        assertEquals(la("2026-11-25T18:00"), desktop.endOfNextBusinessDay(la("2026-11-24T10:00")));
        // Opened Wednesday: Thursday is a holiday, so Friday 18:00.
        assertEquals(la("2026-11-27T18:00"), desktop.endOfNextBusinessDay(la("2026-11-25T10:00")));
    }

    @Test
    void outsideSupportHoursTheReplyIsDueWithinADay() {
        Instant fridayEvening = la("2026-11-27T20:00");
        FirstResponseTarget basic = new FirstResponseTarget(Duration.ZERO, ResponseClock.NEXT_BUSINESS_DAY);
        assertEquals(fridayEvening.plus(Duration.ofHours(24)), basic.dueFor(fridayEvening, desktop));
        // Inside hours the next business day stands.
        assertEquals(la("2026-11-30T18:00"), basic.dueFor(la("2026-11-27T10:00"), desktop));
    }
}
