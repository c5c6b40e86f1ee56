package org.srplatform.api.request;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Filters of an SR list; every present filter must match.
 *
 * @param status   only SRs in this state
 * @param product  only SRs of this product
 * @param severity only SRs of this severity
 * @param accounts only SRs of these accounts; empty means no account filter (staff)
 * @param text     words to find in subject, description or tags
 * @param assignee  only SRs assigned to this login
 * @param queue     only SRs in this queue
 * @param overdueAt only SRs still open that owe the customer a response at this instant: the first response,
 *                  or the next update once responded, due before it (SRs waiting on the customer or a vendor
 *                  owe nothing while they wait)
 */
public record SupportRequestQuery(Optional<SrStatus> status, Optional<String> product, Optional<Severity> severity,
        Set<String> accounts, Optional<String> text, Optional<String> assignee, Optional<String> queue,
        Optional<Instant> overdueAt) {
    public SupportRequestQuery {
        status = status == null ? Optional.empty() : status;
        product = product == null ? Optional.empty() : product;
        severity = severity == null ? Optional.empty() : severity;
        accounts = Set.copyOf(accounts);
        text = text == null ? Optional.empty() : text.filter(t -> !t.isBlank());
        assignee = assignee == null ? Optional.empty() : assignee;
        queue = queue == null ? Optional.empty() : queue;
        overdueAt = overdueAt == null ? Optional.empty() : overdueAt;
    }

    public SupportRequestQuery(Optional<SrStatus> status, Optional<String> product, Optional<Severity> severity,
            Set<String> accounts, Optional<String> text) {
        this(status, product, severity, accounts, text, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same filters, for these accounts only. @since 1.3 */
    public SupportRequestQuery withAccounts(Set<String> only) {
        return new SupportRequestQuery(status, product, severity, only, text, assignee, queue, overdueAt);
    }

    public static SupportRequestQuery all() {
        return new SupportRequestQuery(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.empty());
    }
}
