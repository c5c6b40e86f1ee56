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
    private static final int MAX_DAYS_SEARCHED = 400;

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

    /**
     * {@code start} plus {@code amount} of staffed time: time outside the windows, on holidays and at
     * weekends does not count; windows are local times, so daylight-saving changes are followed.
     *
     * @since 1.1
     */
    public Instant addStaffedTime(Instant start, java.time.Duration amount) {
        if (aroundTheClock) {
            return start.plus(amount);
        }
        java.time.Duration left = amount;
        LocalDate first = start.atZone(zone).toLocalDate();
        for (int day = 0; day < MAX_DAYS_SEARCHED; day++) {
            LocalDate date = first.plusDays(day);
            for (WeeklyWindow w : windowsOn(date)) {
                Instant open = date.atTime(w.from()).atZone(zone).toInstant();
                Instant close = date.atTime(w.to()).atZone(zone).toInstant();
                Instant from = open.isBefore(start) ? start : open;
                if (!from.isBefore(close)) {
                    continue;
                }
                java.time.Duration available = java.time.Duration.between(from, close);
                if (available.compareTo(left) >= 0) {
                    return from.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("support hours have no staffed time within " + MAX_DAYS_SEARCHED + " days");
    }

    /**
     * The staffed time in {@code [from, to)}: time outside the windows, on holidays and on days without
     * windows counts nothing; windows are local times in {@link #zone()}, so daylight-saving changes are
     * followed (24x7: the wall-clock time between the two). Zero when {@code to} is not after {@code from}.
     * The inverse of {@link #addStaffedTime}: {@code staffedTimeBetween(s, addStaffedTime(s, a))} is {@code a}.
     *
     * @throws IllegalArgumentException when {@code to} is more than 400 days after {@code from}
     * @since 1.2
     */
    public java.time.Duration staffedTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return java.time.Duration.ZERO;
        }
        if (aroundTheClock) {
            return java.time.Duration.between(from, to);
        }
        LocalDate first = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        // addStaffedTime never reaches further than this, so a longer span is a caller's mistake.
        if (last.isAfter(first.plusDays(MAX_DAYS_SEARCHED))) {
            throw new IllegalArgumentException("staffed time is counted over at most " + MAX_DAYS_SEARCHED
                    + " days: " + from + " to " + to);
        }
        java.time.Duration staffed = java.time.Duration.ZERO;
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            // Window by window as addStaffedTime consumes them, so that the two stay exact inverses.
            for (WeeklyWindow w : windowsOn(date)) {
                Instant open = date.atTime(w.from()).atZone(zone).toInstant();
                Instant close = date.atTime(w.to()).atZone(zone).toInstant();
                Instant start = open.isBefore(from) ? from : open;
                Instant end = close.isAfter(to) ? to : close;
                if (start.isBefore(end)) {
                    staffed = staffed.plus(java.time.Duration.between(start, end));
                }
            }
        }
        return staffed;
    }

    /**
     * The close of the first business day after the day of {@code start} (24x7: the end of the next day).
     *
     * @since 1.1
     */
    public Instant endOfNextBusinessDay(Instant start) {
        LocalDate today = start.atZone(zone).toLocalDate();
        if (aroundTheClock) {
            return today.plusDays(2).atStartOfDay(zone).toInstant();
        }
        for (int day = 1; day < MAX_DAYS_SEARCHED; day++) {
            LocalDate date = today.plusDays(day);
            java.util.Optional<WeeklyWindow> last = windowsOn(date).stream()
                    .max(java.util.Comparator.comparing(WeeklyWindow::to));
            if (last.isPresent()) {
                return date.atTime(last.get().to()).atZone(zone).toInstant();
            }
        }
        throw new IllegalStateException("support hours have no business day within " + MAX_DAYS_SEARCHED + " days");
    }

    private List<WeeklyWindow> windowsOn(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        return windows.stream().filter(w -> w.day() == date.getDayOfWeek())
                .sorted(java.util.Comparator.comparing(WeeklyWindow::from)).toList();
    }
}
