package org.srplatform.casework.internal.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.catalog.SupportHours;

/**
 * One target clock of an SR, immutable: every operation returns the clock as it is afterwards.
 * Time counts on the clock's {@link Counting}: wall time, or the staffed time of the product's
 * {@link SupportHours} (passed to the operations that count; ignored around the clock). While paused the
 * clock does not run, so resuming moves {@code dueAt} and {@code atRiskAt} later by the counted time of
 * the pause.
 *
 * @param kind        which target
 * @param counting    what time counts
 * @param startedAt   when the clock started
 * @param dueAt       when the target is due; met at this instant, missed one millisecond later
 * @param atRiskAt    when the clock becomes at risk (after this instant), between start and due
 * @param pausedSince when the running pause began
 * @param pausedTotal the wall-clock time of all ended pauses, for people
 * @param stoppedAt   when the target was met or given up
 */
public record SlaClock(Kind kind, Counting counting, Instant startedAt, Instant dueAt, Instant atRiskAt,
                       Optional<Instant> pausedSince, Duration pausedTotal, Optional<Instant> stoppedAt) {

    /** The targets an SR is measured against. */
    public enum Kind { FIRST_RESPONSE, NEXT_UPDATE }

    /** What time the clock counts. */
    public enum Counting { AROUND_THE_CLOCK, SUPPORT_HOURS }

    public SlaClock {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(counting, "counting");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(atRiskAt, "atRiskAt");
        Objects.requireNonNull(pausedSince, "pausedSince");
        Objects.requireNonNull(pausedTotal, "pausedTotal");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        if (dueAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("due " + dueAt + " before the start " + startedAt);
        }
        if (atRiskAt.isBefore(startedAt) || atRiskAt.isAfter(dueAt)) {
            throw new IllegalArgumentException("at risk " + atRiskAt + " outside " + startedAt + " to " + dueAt);
        }
        if (pausedTotal.isNegative()) {
            throw new IllegalArgumentException("negative paused total " + pausedTotal);
        }
        if (pausedSince.isPresent() && stoppedAt.isPresent()) {
            throw new IllegalArgumentException("a stopped clock is not paused"); // stop() resumes first
        }
    }

    /**
     * A running clock due at {@code dueAt} (computed by the caller: it may include caps).
     *
     * @param atRiskShare the share of the counted time from start to due after which the clock is at risk,
     *                    above 0 and at most 1
     * @param hours       the product's support hours; ignored around the clock
     */
    public static SlaClock start(Kind kind, Counting counting, Instant startedAt, Instant dueAt, double atRiskShare,
                                 SupportHours hours) {
        if (!(atRiskShare > 0 && atRiskShare <= 1)) { // also refuses NaN
            throw new IllegalArgumentException("the at-risk share is above 0 and at most 1: " + atRiskShare);
        }
        if (dueAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("due " + dueAt + " before the start " + startedAt);
        }
        // API times are milliseconds: round the share there.
        long shareMillis = Math.round(atRiskShare * counted(counting, hours, startedAt, dueAt).toMillis());
        Instant atRisk = add(counting, hours, startedAt, Duration.ofMillis(shareMillis));
        // With no counted time before due (a cap outside the hours) the next opening may lie after it.
        if (atRisk.isAfter(dueAt)) {
            atRisk = dueAt;
        }
        return new SlaClock(kind, counting, startedAt, dueAt, atRisk, Optional.empty(), Duration.ZERO, Optional.empty());
    }

    /** A running clock due {@code target} of counted time after {@code startedAt}; see {@link #start}. */
    public static SlaClock startFor(Kind kind, Counting counting, Instant startedAt, Duration target, double atRiskShare,
                                    SupportHours hours) {
        if (target.isNegative()) {
            throw new IllegalArgumentException("negative target " + target);
        }
        return start(kind, counting, startedAt, add(counting, hours, startedAt, target), atRiskShare, hours);
    }

    /** Pauses the clock at {@code at}; nothing changes when it is paused or stopped already. */
    public SlaClock pause(Instant at) {
        if (!running()) {
            return this;
        }
        requireNotBeforeStart(at);
        return new SlaClock(kind, counting, startedAt, dueAt, atRiskAt, Optional.of(at), pausedTotal, stoppedAt);
    }

    /**
     * Runs the clock again from {@code at}; nothing changes when it is not paused. Due and at-risk move later
     * by the time the pause counted; an instant already passed when the pause began stays.
     *
     * @throws IllegalArgumentException when {@code at} is before the pause began
     */
    public SlaClock resume(Instant at, SupportHours hours) {
        if (pausedSince.isEmpty()) {
            return this;
        }
        Instant since = pausedSince.get();
        if (at.isBefore(since)) {
            throw new IllegalArgumentException("resumed at " + at + " before the pause began at " + since);
        }
        return new SlaClock(kind, counting, startedAt, shifted(dueAt, since, at, hours),
                shifted(atRiskAt, since, at, hours), Optional.empty(),
                pausedTotal.plus(Duration.between(since, at)), stoppedAt);
    }

    /**
     * Where instant {@code x} lies after a pause from {@code since} to {@code at}: as much counted time after
     * {@code at} as it lay after {@code since}. It never moves earlier: an instant outside the hours, such as
     * a cap, would otherwise be snapped back to where the staffed time before it runs out, even by a pause
     * that counted nothing.
     */
    private Instant shifted(Instant x, Instant since, Instant at, SupportHours hours) {
        if (x.isBefore(since)) {
            return x; // already passed when the clock paused
        }
        Duration left = counted(counting, hours, since, x);
        if (left.isZero()) {
            // Nothing was left, or x fell on the pause's first instant: due (or at risk) again on resuming.
            return x.isAfter(at) ? x : at;
        }
        Instant moved = add(counting, hours, at, left);
        return moved.isAfter(x) ? moved : x;
    }

    /**
     * Stops the clock at {@code at}, resuming it there first when paused (so a due that passed during the
     * pause is not missed); nothing changes when it is stopped already.
     *
     * @param hours the product's support hours, to resume a paused clock; ignored around the clock
     */
    public SlaClock stop(Instant at, SupportHours hours) {
        if (stopped()) {
            return this;
        }
        requireNotBeforeStart(at);
        SlaClock resumed = resume(at, hours);
        return new SlaClock(kind, counting, startedAt, resumed.dueAt, resumed.atRiskAt, Optional.empty(),
                resumed.pausedTotal, Optional.of(at));
    }

    public boolean running() {
        return pausedSince.isEmpty() && stoppedAt.isEmpty();
    }

    public boolean paused() {
        return pausedSince.isPresent();
    }

    public boolean stopped() {
        return stoppedAt.isPresent();
    }

    /** Empty until stopped; then whether it stopped no later than due. */
    public Optional<Boolean> met() {
        return stoppedAt.map(stop -> !stop.isAfter(dueAt));
    }

    /**
     * Whether due has passed on the clock's own time: at the stop when stopped, at the start of the pause
     * when paused (a pause does not rescue a clock already breached), else at {@code now}.
     */
    public boolean breachedAt(Instant now) {
        return clockTime(now).isAfter(dueAt);
    }

    /**
     * Whether {@link #atRiskAt()} has passed on the clock's own time (see {@link #breachedAt}); a breached
     * clock is at risk too, a stopped one never.
     */
    public boolean atRiskAt(Instant now) {
        return !stopped() && clockTime(now).isAfter(atRiskAt);
    }

    /**
     * The counted time left until due on the clock's own time (see {@link #breachedAt}); zero once breached.
     *
     * @param hours the product's support hours; ignored around the clock
     */
    public Duration remaining(Instant now, SupportHours hours) {
        return counted(counting, hours, clockTime(now), dueAt);
    }

    /** The instant the clock reads: it stands still while paused and after the stop. */
    private Instant clockTime(Instant now) {
        return stoppedAt.or(() -> pausedSince).orElse(now);
    }

    private void requireNotBeforeStart(Instant at) {
        if (at.isBefore(startedAt)) {
            throw new IllegalArgumentException(at + " is before the clock started at " + startedAt);
        }
    }

    private static Duration counted(Counting counting, SupportHours hours, Instant from, Instant to) {
        if (counting == Counting.AROUND_THE_CLOCK) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }
        return Objects.requireNonNull(hours, "hours").staffedTimeBetween(from, to);
    }

    private static Instant add(Counting counting, SupportHours hours, Instant start, Duration amount) {
        if (counting == Counting.AROUND_THE_CLOCK) {
            return start.plus(amount);
        }
        return Objects.requireNonNull(hours, "hours").addStaffedTime(start, amount);
    }
}
