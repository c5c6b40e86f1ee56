package org.srplatform.casework.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.srplatform.api.request.SrNumber;
import org.srplatform.casework.internal.clock.SlaClock;
import org.srplatform.spi.store.Sql;

/** The SQL of {@code casework_clocks}: an SR's clocks with whether their alerts were told. */
final class ClockTable {

    /** A stored clock: the arithmetic's state and what the target watch already told. */
    record StoredClock(SrNumber number, SlaClock clock, boolean atRiskTold, boolean breachTold) {

        /** The next instant the watch must look at this clock, if any. */
        Optional<Instant> watchAt() {
            if (!clock.running()) {
                return Optional.empty(); // paused or stopped: resume or nothing
            }
            if (!atRiskTold) {
                return Optional.of(clock.atRiskAt());
            }
            return breachTold ? Optional.empty() : Optional.of(clock.dueAt().plusMillis(1)); // due is still met
        }

        StoredClock with(SlaClock next) {
            return new StoredClock(number, next, atRiskTold, breachTold);
        }
    }

    private static final String COLUMNS = "SELECT sr_number, clock, counting, started_at, due_at, at_risk_at,"
            + " paused_since, paused_ms, stopped_at, at_risk_told, breach_told FROM casework_clocks";

    private ClockTable() {
    }

    static List<StoredClock> of(Connection c, SrNumber number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE sr_number = ? ORDER BY clock")) {
            return read(Sql.bindAll(s, number.value()));
        }
    }

    static Optional<StoredClock> of(Connection c, SrNumber number, SlaClock.Kind kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE sr_number = ? AND clock = ?")) {
            return read(Sql.bindAll(s, number.value(), kind.name())).stream().findFirst();
        }
    }

    /** The clocks whose watch time has come, soonest first. */
    static List<SrNumber> due(Connection c, Instant now, int limit, String limitSql) throws SQLException {
        List<SrNumber> numbers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(limitSql)) {
            try (ResultSet rs = Sql.bindAll(s, now, limit).executeQuery()) {
                while (rs.next()) {
                    SrNumber n = new SrNumber(rs.getLong(1));
                    if (!numbers.contains(n)) {
                        numbers.add(n);
                    }
                }
            }
        }
        return numbers;
    }

    static final String DUE_SQL = "SELECT sr_number FROM casework_clocks WHERE watch_at <= ? ORDER BY watch_at";

    /** Writes the clock (a new target replaces the kind's previous one). */
    static void save(Connection c, StoredClock stored) throws SQLException {
        SlaClock k = stored.clock();
        try (PreparedStatement s = c.prepareStatement("UPDATE casework_clocks SET counting = ?, started_at = ?,"
                + " due_at = ?, at_risk_at = ?, paused_since = ?, paused_ms = ?, stopped_at = ?, at_risk_told = ?,"
                + " breach_told = ?, watch_at = ? WHERE sr_number = ? AND clock = ?")) {
            if (Sql.bindAll(s, k.counting().name(), k.startedAt(), k.dueAt(), k.atRiskAt(), k.pausedSince(),
                    k.pausedTotal().toMillis(), k.stoppedAt(), stored.atRiskTold(), stored.breachTold(),
                    stored.watchAt(), stored.number().value(), k.kind().name()).executeUpdate() == 1) {
                return;
            }
        }
        insert(c, stored);
    }

    /** A new SR's first clock: an insert only (it cannot exist yet). */
    static void insert(Connection c, StoredClock stored) throws SQLException {
        SlaClock k = stored.clock();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO casework_clocks (sr_number, clock, counting,"
                + " started_at, due_at, at_risk_at, paused_since, paused_ms, stopped_at, at_risk_told, breach_told,"
                + " watch_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bindAll(s, stored.number().value(), k.kind().name(), k.counting().name(), k.startedAt(), k.dueAt(),
                    k.atRiskAt(), k.pausedSince(), k.pausedTotal().toMillis(), k.stoppedAt(), stored.atRiskTold(),
                    stored.breachTold(), stored.watchAt()).executeUpdate();
        }
    }

    private static List<StoredClock> read(PreparedStatement s) throws SQLException {
        List<StoredClock> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                SlaClock clock = new SlaClock(SlaClock.Kind.valueOf(rs.getString("clock")),
                        SlaClock.Counting.valueOf(rs.getString("counting")), Sql.instant(rs, "started_at"),
                        Sql.instant(rs, "due_at"), Sql.instant(rs, "at_risk_at"),
                        Sql.optionalInstant(rs, "paused_since"), Duration.ofMillis(rs.getLong("paused_ms")),
                        Sql.optionalInstant(rs, "stopped_at"));
                out.add(new StoredClock(new SrNumber(rs.getLong("sr_number")), clock, rs.getBoolean("at_risk_told"),
                        rs.getBoolean("breach_told")));
            }
        }
        return out;
    }
}
