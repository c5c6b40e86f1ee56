package org.srplatform.api.account;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer account.
 *
 * @param number         account number ({@code 1001})
 * @param name           company name
 * @param customerNumber what callers give on the phone ({@code C1001}); shown on their profile
 * @param region         the escalation region ({@code APJ}, {@code EMEA}, {@code AMER})
 * @param contracts      its support contracts
 */
public record Account(String number, String name, String customerNumber, String region, List<SupportContract> contracts) {
    public Account {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(customerNumber, "customerNumber");
        Objects.requireNonNull(region, "region");
        contracts = List.copyOf(contracts);
    }

    /** The contract that entitles this account to support for a product on a day, if any. */
    public Optional<SupportContract> entitlement(String product, LocalDate day) {
        return contracts.stream().filter(c -> c.entitles(product, day)).findFirst();
    }
}
