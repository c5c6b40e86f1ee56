package org.srplatform.spi.health;

import java.util.Objects;

/**
 * A check's answer.
 *
 * @param status UP; DEGRADED (works in part: shown, but the platform stays ready, so that load balancers
 *               keep it); DOWN (the platform cannot serve: health answers 503); STARTING (since 1.1: still coming
 *               up, a first load of its data for example: health answers 503 STARTING until it is UP)
 * @param detail for operators, null when UP; public (the health answer is open): no secrets, paths or
 *               exception texts
 */
public record HealthCheck(Status status, String detail) {

    public enum Status {
        UP, DEGRADED, DOWN,
        /** @since 1.1 */
        STARTING
    }

    public HealthCheck {
        Objects.requireNonNull(status, "status");
    }

    public static HealthCheck up() {
        return new HealthCheck(Status.UP, null);
    }

    public static HealthCheck degraded(String detail) {
        return new HealthCheck(Status.DEGRADED, Objects.requireNonNull(detail, "detail"));
    }

    /** @since 1.1 */
    public static HealthCheck starting(String detail) {
        return new HealthCheck(Status.STARTING, Objects.requireNonNull(detail, "detail"));
    }

    public static HealthCheck down(String detail) {
        return new HealthCheck(Status.DOWN, Objects.requireNonNull(detail, "detail"));
    }
}
