package org.srplatform.api.account;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Entitles an account to support for a product.
 *
 * @param id                 names the contract within its account (the contract number of the sales system,
 *                           or {@code product:offering:validFrom} when none was given)
 * @param product            product id
 * @param offering           support offering id
 * @param type               subscription or per incident
 * @param validFrom          first day, inclusive
 * @param validUntil         last day, inclusive
 * @param incidentsRemaining for {@link ContractType#PER_INCIDENT}: unused incidents; 0 otherwise
 */
public record SupportContract(String id, String product, String offering, ContractType type, LocalDate validFrom,
        LocalDate validUntil, int incidentsRemaining) {

    /** A contract named by its product, offering and first day. */
    public SupportContract(String product, String offering, ContractType type, LocalDate validFrom,
            LocalDate validUntil, int incidentsRemaining) {
        this(defaultId(product, offering, validFrom), product, offering, type, validFrom, validUntil,
                incidentsRemaining);
    }

    /** The id of a contract that was given none: {@code product:offering:validFrom}. */
    public static String defaultId(String product, String offering, LocalDate validFrom) {
        return product + ":" + offering + ":" + validFrom;
    }

    public SupportContract {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("a contract id has 1 to 200 characters");
        }
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
