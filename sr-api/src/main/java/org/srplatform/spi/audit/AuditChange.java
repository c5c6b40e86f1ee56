package org.srplatform.spi.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * One change to record.
 *
 * @param actor  who made it: a login, or {@code operator} (the shell), {@code demo}, {@code anonymous}
 * @param action what was done, dotted ({@code account.changed}, {@code user.deactivated}, {@code signin.failed},
 *               {@code feature.disabled})
 * @param target what it was done to ({@code account:1001}, {@code user:jdoe}, {@code feature:intake})
 * @param before the target before, as JSON, if it existed; never a password
 * @param after  the target after, as JSON, or what happened (a reason); never a password
 */
public record AuditChange(String actor, String action, String target, Optional<String> before, Optional<String> after) {
    public AuditChange {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        before = before == null ? Optional.empty() : before;
        after = after == null ? Optional.empty() : after;
    }

    /** A change with before and after as JSON, either may be null. */
    public static AuditChange of(String actor, String action, String target, String before, String after) {
        return new AuditChange(actor, action, target, Optional.ofNullable(before), Optional.ofNullable(after));
    }
}
