package org.srplatform.casework.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.casework.internal.clock.SlaClock;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.catalog.CatalogRepository;

/**
 * What an SR's contract promises: the product's support hours, the offering, how its clocks count (around
 * the clock where the offering's target for the severity does, else in support hours) and how often the
 * customer is updated (the offering's update cadence, through the catalog SPI; for a severity it does not name,
 * this bundle's configuration). Reference data comes from the store's caches, so this costs no query when warm.
 */
final class ServiceTerms {

    record Terms(SupportHours hours, String offering, SlaClock.Counting counting, Duration updateEvery) {
    }

    private final AccountRepository accounts;
    private final CatalogRepository catalog;
    private final CaseworkConfig config;

    ServiceTerms(AccountRepository accounts, CatalogRepository catalog, CaseworkConfig config) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.config = config;
    }

    Terms of(SupportRequest sr) {
        return of(sr, sr.severity());
    }

    Terms of(SupportRequest sr, Severity severity) {
        SupportHours hours = catalog.product(sr.product()).map(Product::supportHours)
                .orElseGet(SupportHours::twentyFourSeven);
        Optional<SupportContract> contract = accounts.account(sr.account())
                .flatMap(a -> a.entitlement(sr.product(), sr.createdAt().atZone(ZoneOffset.UTC).toLocalDate())
                        .or(() -> a.contracts().stream().filter(c -> c.product().equals(sr.product())).findFirst()));
        String offering = contract.map(SupportContract::offering).orElse("none");
        SlaClock.Counting counting = contract.flatMap(c -> accounts.offering(c.offering()))
                .flatMap(o -> o.target(severity)).map(FirstResponseTarget::clock)
                .map(c -> c == ResponseClock.AROUND_THE_CLOCK ? SlaClock.Counting.AROUND_THE_CLOCK
                        : SlaClock.Counting.SUPPORT_HOURS)
                .orElse(SlaClock.Counting.SUPPORT_HOURS);
        if (hours.aroundTheClock()) {
            counting = SlaClock.Counting.AROUND_THE_CLOCK; // the same instants either way; say what it is
        }
        return new Terms(hours, offering, counting, updateEvery(offering, severity));
    }

    /** The offering's own cadence for the severity, else the configured default. */
    Duration updateEvery(String offering, Severity severity) {
        return catalog.updateCadence(offering).every(severity).orElseGet(() -> configured(severity));
    }

    private Duration configured(Severity severity) {
        double hours = switch (severity.level()) {
            case 1 -> config.update_hours_severity1();
            case 2 -> config.update_hours_severity2();
            case 3 -> config.update_hours_severity3();
            default -> config.update_hours_severity4();
        };
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }
}
