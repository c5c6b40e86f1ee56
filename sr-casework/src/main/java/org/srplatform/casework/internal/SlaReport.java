package org.srplatform.casework.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.Transactions;

/**
 * Did we meet our targets? For SRs opened in a period: how many, first responses met and missed (a
 * response after its target, or none while the target has passed), still pending, and the median time to
 * the first response; in total and per support offering, product and severity.
 */
@Component(service = SlaReport.class, property = {
        "sr.feature=casework",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=casework)))" })
public final class SlaReport {
    /** A report reads at most this many SRs: a longer period is asked for in parts. */
    static final int MAX_ROWS = 1_000_000;
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    /** Figures of a group; the median in ISO-8601 ({@code PT42M}) and in seconds, null without responses. */
    public record Figures(String key, int opened, int met, int missed, int pending, String medianTimeToFirstResponse,
            Long medianSecondsToFirstResponse, Double metShare) {
    }

    /**
     * One calendar day (UTC) of the period: the SRs opened that day, in all and per product, for the charts of SRs
     * opened per day and of targets met per day.
     */
    public record Day(String day, Figures total, List<Figures> byProduct) {
    }

    public record Report(Instant from, Instant to, Figures total, List<Figures> byOffering, List<Figures> byProduct,
            List<Figures> bySeverity, List<Day> byDay) {
        /** The report as it was before {@code byDay}. */
        public Report(Instant from, Instant to, Figures total, List<Figures> byOffering, List<Figures> byProduct,
                List<Figures> bySeverity) {
            this(from, to, total, byOffering, byProduct, bySeverity, List.of());
        }
    }

    record Row(String offering, String product, int severity, Instant opened, Instant due, Instant responded,
            Boolean met) {
    }

    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public SlaReport(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    SlaReport(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    public Report report(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new ValidationException(FieldError.of("to", "must be after from"));
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new ValidationException(FieldError.of("to", "a report covers at most 366 days; ask for several"));
        }
        Instant now = clock.instant();
        List<Row> rows = transactions.read(tx -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement s = tx.connection().prepareStatement("SELECT offering_id, product_id, severity,"
                    + " opened_at, due_at, responded_at, met FROM casework_first_responses"
                    + " WHERE opened_at >= ? AND opened_at < ?")) {
                try (ResultSet rs = Sql.bindAll(s, from, to).executeQuery()) {
                    while (rs.next() && out.size() < MAX_ROWS) {
                        boolean met = rs.getBoolean(7);
                        out.add(new Row(rs.getString(1), rs.getString(2), rs.getInt(3), Sql.instant(rs, "opened_at"),
                                Sql.optionalInstant(rs, "due_at").orElse(null),
                                Sql.optionalInstant(rs, "responded_at").orElse(null), rs.wasNull() ? null : met));
                    }
                }
            }
            return out;
        });
        return new Report(from, to, figures("all", rows, now), group(rows, Row::offering, now),
                group(rows, Row::product, now), group(rows, r -> Integer.toString(r.severity()), now), days(rows, now));
    }

    /** The rows per UTC day of opening, oldest first; days without SRs are left out (a chart shows them as gaps). */
    static List<Day> days(List<Row> rows, Instant now) {
        Map<String, List<Row>> byDay = new TreeMap<>();
        rows.forEach(r -> byDay.computeIfAbsent(r.opened().atZone(ZoneOffset.UTC).toLocalDate().toString(),
                k -> new ArrayList<>()).add(r));
        return byDay.entrySet().stream().map(e -> new Day(e.getKey(), figures(e.getKey(), e.getValue(), now),
                group(e.getValue(), Row::product, now))).toList();
    }

    private static List<Figures> group(List<Row> rows, Function<Row, String> key, Instant now) {
        Map<String, List<Row>> groups = new TreeMap<>();
        rows.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return groups.entrySet().stream().map(e -> figures(e.getKey(), e.getValue(), now)).toList();
    }

    private static Figures figures(String key, List<Row> rows, Instant now) {
        int met = 0;
        int missed = 0;
        int pending = 0;
        List<Duration> times = new ArrayList<>();
        for (Row r : rows) {
            if (r.responded() != null) {
                times.add(Duration.between(r.opened(), r.responded()));
                if (Boolean.FALSE.equals(r.met())) {
                    missed++;
                } else {
                    met++;
                }
            } else if (r.due() != null && now.isAfter(r.due())) {
                missed++; // no response and the target has passed: missed already
            } else {
                pending++;
            }
        }
        times.sort(null);
        Duration median = times.isEmpty() ? null : times.size() % 2 == 1 ? times.get(times.size() / 2)
                : times.get(times.size() / 2 - 1).plus(times.get(times.size() / 2)).dividedBy(2);
        Double share = met + missed == 0 ? null : (double) met / (met + missed);
        return new Figures(key, rows.size(), met, missed, pending, median == null ? null : median.toString(),
                median == null ? null : median.toSeconds(), share);
    }
}
