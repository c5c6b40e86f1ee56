package org.srplatform.casework.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.casework.internal.ClockTable.StoredClock;
import org.srplatform.casework.internal.clock.SlaClock;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.StoreException;

/**
 * The SLA clocks of SRs as they are worked: started, paused while the SR waits on the customer or a
 * vendor, moved on by the pause, stopped by the first response, started again by each update. The SR's
 * header carries the due instants people and lists see; {@code casework_clocks} keeps how they came about.
 * Every method runs inside the caller's transaction with the SR locked.
 */
final class Clocks {

    private final ServiceTerms terms;
    private final double atRiskShare;

    Clocks(ServiceTerms terms, double atRiskShare) {
        this.terms = terms;
        this.atRiskShare = atRiskShare;
    }

    /** Whether an SR in this state owes the customer progress (its clocks run). */
    static boolean runs(SrStatus status) {
        return status.slaClockRuns();
    }

    /** A new SR: its first-response clock, from its opening to the target intake computed. */
    void opened(Connection c, SupportRequest sr) {
        ServiceTerms.Terms t = terms.of(sr);
        sql(() -> {
            if (sr.targets().firstResponseDueAt().isPresent()) {
                Instant due = sr.targets().firstResponseDueAt().get();
                SlaClock clock = SlaClock.start(SlaClock.Kind.FIRST_RESPONSE, t.counting(), sr.createdAt(),
                        due.isBefore(sr.createdAt()) ? sr.createdAt() : due, atRiskShare, t.hours());
                ClockTable.insert(c, new StoredClock(sr.number(), clock, false, false));
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO casework_first_responses (sr_number, opened_at,"
                    + " product_id, severity, offering_id, due_at, responded_at, met) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                Sql.bindAll(s, sr.number().value(), sr.createdAt(), sr.product(), sr.severity().level(), t.offering(),
                        sr.targets().firstResponseDueAt(), null, null).executeUpdate();
            }
            return null;
        });
    }

    /** The SR stopped owing progress (waits on the customer or a vendor): its running clocks pause. */
    void pause(Connection c, SupportRequest sr, String reason, Instant at) {
        sql(() -> {
            boolean paused = false;
            for (StoredClock stored : ClockTable.of(c, sr.number())) {
                if (stored.clock().running()) {
                    ClockTable.save(c, stored.with(stored.clock().pause(at)));
                    paused = true;
                }
            }
            if (paused) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO casework_pauses (sr_number, paused_at,"
                        + " resumed_at, status, reason) VALUES (?, ?, NULL, ?, ?)")) {
                    Sql.bindAll(s, sr.number().value(), at, sr.status().name(), clip(reason)).executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * The SR owes progress again: paused clocks run on, their targets later by the counted time of the
     * pause. Returns the SR with its header's due instants moved the same way.
     */
    SupportRequest resume(Connection c, SupportRequest sr, Instant at) {
        ServiceTerms.Terms t = terms.of(sr);
        return sql(() -> {
            SupportRequest next = sr;
            for (StoredClock stored : ClockTable.of(c, sr.number())) {
                if (!stored.clock().paused()) {
                    continue;
                }
                SlaClock resumed = stored.clock().resume(at, t.hours());
                ClockTable.save(c, stored.with(resumed));
                next = switch (resumed.kind()) {
                    case FIRST_RESPONSE -> next.withTargets(next.targets().withFirstResponseDueAt(
                            Optional.of(resumed.dueAt())), next.updatedAt());
                    case NEXT_UPDATE -> next.withTargets(next.targets().withNextUpdateDueAt(
                            Optional.of(resumed.dueAt())), next.updatedAt());
                };
            }
            endPauses(c, sr, at);
            return next;
        });
    }

    /**
     * A response reached the customer: the first stops the first-response clock (met or not, recorded on the
     * SR); every one starts the next-update clock again. Returns the SR with its targets set.
     */
    SupportRequest responded(Connection c, SupportRequest sr, Instant at) {
        ServiceTerms.Terms t = terms.of(sr);
        return sql(() -> {
            SupportRequest next = sr;
            if (sr.targets().firstRespondedAt().isEmpty()) {
                Optional<StoredClock> first = ClockTable.of(c, sr.number(), SlaClock.Kind.FIRST_RESPONSE);
                if (first.isPresent()) {
                    ClockTable.save(c, first.get().with(first.get().clock().stop(at, t.hours())));
                }
                Optional<Boolean> met = sr.targets().firstResponseDueAt().map(due -> !at.isAfter(due));
                try (PreparedStatement s = c.prepareStatement("UPDATE casework_first_responses SET responded_at = ?,"
                        + " due_at = ?, met = ? WHERE sr_number = ?")) {
                    Sql.bindAll(s, at, sr.targets().firstResponseDueAt(), met, sr.number().value()).executeUpdate();
                }
                next = next.withTargets(next.targets().withFirstResponse(at, Optional.empty()), next.updatedAt());
            }
            SlaClock update = SlaClock.startFor(SlaClock.Kind.NEXT_UPDATE, t.counting(), at, t.updateEvery(),
                    atRiskShare, t.hours());
            if (!runs(next.status())) {
                update = update.pause(at); // an update while it waits: the cadence starts when work does
            }
            ClockTable.save(c, new StoredClock(sr.number(), update, false, false));
            return next.withTargets(next.targets().withNextUpdateDueAt(Optional.of(update.dueAt())), next.updatedAt());
        });
    }

    /** The SR was resolved or closed: nothing more is owed; its clocks stop where they are. */
    void stopAll(Connection c, SupportRequest sr, Instant at) {
        ServiceTerms.Terms t = terms.of(sr);
        sql(() -> {
            for (StoredClock stored : ClockTable.of(c, sr.number())) {
                if (!stored.clock().stopped()) {
                    ClockTable.save(c, stored.with(stored.clock().stop(at, t.hours())));
                }
            }
            endPauses(c, sr, at);
            return null;
        });
    }

    /** A reopened SR owes the customer an update within the cadence, from now. */
    SupportRequest reopened(Connection c, SupportRequest sr, Instant at) {
        ServiceTerms.Terms t = terms.of(sr);
        return sql(() -> {
            if (sr.targets().firstRespondedAt().isEmpty()) {
                // Never answered: the first-response target stands as it was; its clock runs on.
                Optional<StoredClock> first = ClockTable.of(c, sr.number(), SlaClock.Kind.FIRST_RESPONSE);
                if (first.isPresent() && first.get().clock().stopped()) {
                    SlaClock again = SlaClock.start(SlaClock.Kind.FIRST_RESPONSE, t.counting(), at,
                            first.get().clock().dueAt().isBefore(at) ? at : first.get().clock().dueAt(), atRiskShare,
                            t.hours());
                    ClockTable.save(c, new StoredClock(sr.number(), again, false, false));
                    return sr.withTargets(sr.targets().withFirstResponseDueAt(Optional.of(again.dueAt())), sr.updatedAt());
                }
                return sr;
            }
            SlaClock update = SlaClock.startFor(SlaClock.Kind.NEXT_UPDATE, t.counting(), at, t.updateEvery(),
                    atRiskShare, t.hours());
            ClockTable.save(c, new StoredClock(sr.number(), update, false, false));
            return sr.withTargets(sr.targets().withNextUpdateDueAt(Optional.of(update.dueAt())), sr.updatedAt());
        });
    }

    /** The severity changed before the first response: the first-response clock follows the new target. */
    void retarget(Connection c, SupportRequest sr) {
        ServiceTerms.Terms t = terms.of(sr);
        sql(() -> {
            Optional<StoredClock> first = ClockTable.of(c, sr.number(), SlaClock.Kind.FIRST_RESPONSE);
            Optional<Instant> due = sr.targets().firstResponseDueAt();
            if (first.isPresent() && !first.get().clock().stopped() && due.isPresent()) {
                SlaClock old = first.get().clock();
                SlaClock again = SlaClock.start(old.kind(), t.counting(), old.startedAt(),
                        due.get().isBefore(old.startedAt()) ? old.startedAt() : due.get(), atRiskShare, t.hours());
                if (old.paused()) {
                    again = again.pause(old.pausedSince().orElseThrow());
                }
                ClockTable.save(c, new StoredClock(sr.number(), again, false, false));
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE casework_first_responses SET severity = ?, due_at = ?"
                    + " WHERE sr_number = ? AND responded_at IS NULL")) {
                Sql.bindAll(s, sr.severity().level(), due, sr.number().value()).executeUpdate();
            }
            return null;
        });
    }

    private static void endPauses(Connection c, SupportRequest sr, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE casework_pauses SET resumed_at = ? WHERE sr_number = ? AND resumed_at IS NULL")) {
            Sql.bindAll(s, at, sr.number().value()).executeUpdate();
        }
    }

    private static String clip(String reason) {
        String r = reason == null ? "" : reason;
        return r.length() > 2000 ? r.substring(0, 2000) : r;
    }

    interface SqlWork<T> {
        T run() throws SQLException;
    }

    static <T> T sql(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException("casework could not write its clocks: " + e.getMessage(), e);
        }
    }

    static Duration millis(long ms) {
        return Duration.ofMillis(ms);
    }
}
