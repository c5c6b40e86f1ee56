package org.srplatform.api.request;

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
 */
public record SupportRequestQuery(Optional<SrStatus> status, Optional<String> product, Optional<Severity> severity,
        Set<String> accounts, Optional<String> text) {
    public SupportRequestQuery {
        status = status == null ? Optional.empty() : status;
        product = product == null ? Optional.empty() : product;
        severity = severity == null ? Optional.empty() : severity;
        accounts = Set.copyOf(accounts);
        text = text == null ? Optional.empty() : text.filter(t -> !t.isBlank());
    }

    public static SupportRequestQuery all() {
        return new SupportRequestQuery(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.empty());
    }
}
