package org.srplatform.api.catalog;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/** Staffed hours on one day of the week, {@code from} inclusive to {@code to} exclusive, local time. */
public record WeeklyWindow(DayOfWeek day, LocalTime from, LocalTime to) {
    public WeeklyWindow {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a window ends after it starts: " + from + "-" + to);
        }
    }
}
