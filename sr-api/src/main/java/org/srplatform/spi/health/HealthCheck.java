package org.srplatform.spi.health;

import java.util.Objects;

/**
 * A check's answer.
 *
 * @param status UP; DEGRADED (works in part: shown, but the platform stays ready, so that load balancers
 *               keep it); DOWN (the platform cannot serve: health answers 503)
 * @param detail for operators, null when UP; public (the health answer is open): no secrets, paths or
 *               exception texts
 */
public record HealthCheck(Status status, String detail) {

    public enum Status {
        UP, DEGRADED, DOWN
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

    public static HealthCheck down(String detail) {
        return new HealthCheck(Status.DOWN, Objects.requireNonNull(detail, "detail"));
    }
}
