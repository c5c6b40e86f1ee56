package org.srplatform.api.catalog;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When a product's phones are staffed live: around the clock, or weekly hours in a time zone with
 * public holidays off. Web submissions are taken at any time whatever the hours.
 *
 * @param aroundTheClock true for 24x7; then {@code windows} and {@code holidays} are empty
 * @param zone           the time zone of the windows and holidays
 * @param windows        staffed windows per day of the week
 * @param holidays       local dates on which nobody is staffed
 */
public record SupportHours(boolean aroundTheClock, ZoneId zone, List<WeeklyWindow> windows, Set<LocalDate> holidays) {

    public SupportHours {
        Objects.requireNonNull(zone, "zone");
        windows = List.copyOf(windows);
        holidays = Set.copyOf(holidays);
        if (aroundTheClock && !(windows.isEmpty() && holidays.isEmpty())) {
            throw new IllegalArgumentException("24x7 support hours have no windows or holidays");
        }
        if (!aroundTheClock && windows.isEmpty()) {
            throw new IllegalArgumentException("weekly support hours need at least one window");
        }
    }

    /** Staffed 24 hours a day, 7 days a week. */
    public static SupportHours twentyFourSeven() {
        return new SupportHours(true, ZoneId.of("UTC"), List.of(), Set.of());
    }

    /** The same window on each of the given days. */
    public static SupportHours weekly(ZoneId zone, LocalTime from, LocalTime to, Set<LocalDate> holidays, DayOfWeek... days) {
        return new SupportHours(false, zone,
                java.util.Arrays.stream(days).map(d -> new WeeklyWindow(d, from, to)).toList(), holidays);
    }

    /** Whether the phones are staffed at this instant. */
    public boolean isStaffedAt(Instant instant) {
        if (aroundTheClock) {
            return true;
        }
        ZonedDateTime local = instant.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return windows.stream().anyMatch(w -> w.day() == local.getDayOfWeek()
                && !time.isBefore(w.from()) && time.isBefore(w.to()));
    }
}
