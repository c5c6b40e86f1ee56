package org.srplatform.api.account;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Entitles an account to support for a product.
 *
 * @param product            product id
 * @param offering           support offering id
 * @param type               subscription or per incident
 * @param validFrom          first day, inclusive
 * @param validUntil         last day, inclusive
 * @param incidentsRemaining for {@link ContractType#PER_INCIDENT}: unused incidents; 0 otherwise
 */
public record SupportContract(String product, String offering, ContractType type, LocalDate validFrom,
        LocalDate validUntil, int incidentsRemaining) {
    public SupportContract {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(offering, "offering");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("a contract ends after it starts");
        }
        if (incidentsRemaining < 0) {
            throw new IllegalArgumentException("incidentsRemaining is not negative");
        }
    }

    /** Whether this contract entitles to open an SR for the product on that day. */
    public boolean entitles(String productId, LocalDate day) {
        return product.equals(productId) && !day.isBefore(validFrom) && !day.isAfter(validUntil)
                && (type == ContractType.SUBSCRIPTION || incidentsRemaining > 0);
    }
}
