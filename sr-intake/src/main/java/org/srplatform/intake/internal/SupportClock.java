package org.srplatform.intake.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.catalog.WeeklyWindow;

/**
 * Business-hours arithmetic on a product's support hours: windows are local times in the product's
 * time zone (so daylight-saving changes move them in UTC), holidays are closed all day.
 */
final class SupportClock {
    /** Web submissions and messages outside support hours are answered within a day (the seed, section 2). */
    static final Duration OUTSIDE_HOURS_REPLY = Duration.ofHours(24);
    private static final int MAX_DAYS_SEARCHED = 400;

    private final SupportHours hours;

    SupportClock(SupportHours hours) {
        this.hours = hours;
    }

    /**
     * When a first response is due for an SR opened at {@code opened}: the target counted on its
     * clock, and never later than a day when the SR came in outside support hours.
     */
    Instant firstResponseDue(Instant opened, FirstResponseTarget target) {
        Instant due = switch (target.clock()) {
            case AROUND_THE_CLOCK -> opened.plus(target.within());
            case SUPPORT_HOURS -> addSupportTime(opened, target.within());
            case NEXT_BUSINESS_DAY -> endOfNextBusinessDay(opened);
        };
        if (!hours.isStaffedAt(opened)) {
            Instant dayLater = opened.plus(OUTSIDE_HOURS_REPLY);
            return due.isAfter(dayLater) ? dayLater : due;
        }
        return due;
    }

    /** {@code start} plus {@code amount} of staffed time. */
    Instant addSupportTime(Instant start, Duration amount) {
        if (hours.aroundTheClock()) {
            return start.plus(amount);
        }
        Duration left = amount;
        ZonedDateTime cursor = start.atZone(hours.zone());
        for (int day = 0; day < MAX_DAYS_SEARCHED; day++) {
            LocalDate date = cursor.toLocalDate().plusDays(day);
            for (WeeklyWindow w : windowsOn(date)) {
                Instant open = date.atTime(w.from()).atZone(hours.zone()).toInstant();
                Instant close = date.atTime(w.to()).atZone(hours.zone()).toInstant();
                Instant from = open.isBefore(start) ? start : open;
                if (!from.isBefore(close)) {
                    continue;
                }
                Duration available = Duration.between(from, close);
                if (available.compareTo(left) >= 0) {
                    return from.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("support hours have no staffed time within " + MAX_DAYS_SEARCHED + " days");
    }

    /** The close of the first business day after the day of {@code start}. */
    Instant endOfNextBusinessDay(Instant start) {
        LocalDate today = start.atZone(hours.zone()).toLocalDate();
        if (hours.aroundTheClock()) {
            return today.plusDays(2).atStartOfDay(hours.zone()).toInstant();
        }
        for (int day = 1; day < MAX_DAYS_SEARCHED; day++) {
            LocalDate date = today.plusDays(day);
            Optional<WeeklyWindow> last = windowsOn(date).stream().max(Comparator.comparing(WeeklyWindow::to));
            if (last.isPresent()) {
                return date.atTime(last.get().to()).atZone(hours.zone()).toInstant();
            }
        }
        throw new IllegalStateException("support hours have no business day within " + MAX_DAYS_SEARCHED + " days");
    }

    private List<WeeklyWindow> windowsOn(LocalDate date) {
        if (hours.holidays().contains(date)) {
            return List.of();
        }
        return hours.windows().stream().filter(w -> w.day() == date.getDayOfWeek())
                .sorted(Comparator.comparing(WeeklyWindow::from)).toList();
    }
}
