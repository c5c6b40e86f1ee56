package org.srplatform.api.request;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.srplatform.api.common.Actor;

/**
 * One change of an SR: who, what, when. The timeline is append-only.
 *
 * @param at       when it happened
 * @param actor    who did it
 * @param kind     what kind of change ({@code CREATED}, {@code SEVERITY_CHANGED}, {@code COMMENT}...);
 *                 an open set so that later capabilities add their own
 * @param summary  one line for people
 * @param details  the changed values ({@code from}, {@code to}, {@code reason}...)
 * @param internal true for staff-only entries, never shown to a customer
 */
public record TimelineEntry(Instant at, Actor actor, String kind, String summary, Map<String, String> details,
        boolean internal) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        details = Map.copyOf(details);
    }

    public static TimelineEntry of(Instant at, Actor actor, String kind, String summary, Map<String, String> details) {
        return new TimelineEntry(at, actor, kind, summary, details, false);
    }
}
