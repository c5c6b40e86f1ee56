package org.srplatform.casework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaReportDaysTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static SlaReport.Row row(String product, String opened, String due, String responded, Boolean met) {
        return new SlaReport.Row("production", product, 2, Instant.parse(opened), due == null ? null : Instant.parse(due),
                responded == null ? null : Instant.parse(responded), met);
    }

    @Test
    void srsAreCountedOnTheirUtcDayOfOpeningPerProductOldestFirst() {
        List<SlaReport.Day> days = SlaReport.days(List.of(
                row("datacenter", "2026-11-28T23:59:59Z", "2026-11-29T01:00:00Z", "2026-11-29T00:30:00Z", true),
                row("workstation", "2026-11-27T10:00:00Z", "2026-11-27T12:00:00Z", "2026-11-27T13:00:00Z", false),
                row("datacenter", "2026-11-28T00:00:00Z", "2026-11-28T02:00:00Z", null, null),
                row("workstation", "2026-11-29T00:00:00Z", "2026-11-29T18:00:00Z", null, null)), NOW);

        assertEquals(List.of("2026-11-27", "2026-11-28", "2026-11-29"), days.stream().map(SlaReport.Day::day).toList());
        SlaReport.Day first = days.get(0);
        assertEquals(1, first.total().opened());
        assertEquals(1, first.total().missed());
        SlaReport.Day second = days.get(1);
        assertEquals(2, second.total().opened());
        // One answered in time, one past its target without an answer: one met, one missed.
        assertEquals(1, second.total().met());
        assertEquals(1, second.total().missed());
        assertEquals(List.of("datacenter"), second.byProduct().stream().map(SlaReport.Figures::key).toList());
        assertEquals(2, second.byProduct().get(0).opened());
        SlaReport.Day third = days.get(2);
        assertEquals(1, third.total().pending(), "not yet due, not answered: pending");
        assertEquals("workstation", third.byProduct().get(0).key());
    }

    @Test
    void aPeriodWithoutSrsHasNoDays() {
        assertTrue(SlaReport.days(List.of(), NOW).isEmpty());
    }
}
