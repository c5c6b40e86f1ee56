package org.srplatform.store.internal;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.srplatform.api.account.Account;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.common.Actor;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.StoreSettings;

/** A real Derby database in a temporary folder, and the catalog and accounts an SR needs. */
public final class Fixtures {

    public static final Actor CUSTOMER = new Actor("customer1", "Customer One");

    private Fixtures() {
    }

    public static DerbyDatabase openDatabase(Path dir) {
        return new DerbyDatabase(StoreSettings.in(dir));
    }

    /**
     * The database the store's tests run on: embedded Derby in {@code dir}, or with
     * {@code -Dsr.test.database=postgres} a fresh schema of the PostgreSQL at {@code sr.test.postgres.url} (user
     * {@code sr.test.postgres.user}, password {@code sr.test.postgres.password}), dropped when it is closed. The test
     * is skipped, saying why, when that PostgreSQL cannot be reached.
     */
    public static Database openStore(Path dir) {
        return "postgres".equals(System.getProperty("sr.test.database")) ? TestPostgres.open(dir) : openDatabase(dir);
    }

    public static Product datacenter() {
        return new Product("datacenter", "Datacenter", SupportHours.twentyFourSeven(), List.of(
                new ProblemCategory("performance", "Performance", "Slow responses, latency"),
                new ProblemCategory("installation", "Installation", "Installing and upgrading")));
    }

    public static Product workstation() {
        return new Product("workstation", "Workstation",
                SupportHours.weekly(ZoneId.of("America/Los_Angeles"), LocalTime.of(6, 0), LocalTime.of(18, 0),
                        Set.of(LocalDate.of(2026, 12, 25)), DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                List.of(new ProblemCategory("display", "Display", "Screens and drivers")));
    }

    public static SupportOffering production() {
        return new SupportOffering("production", "Production", Map.of(
                Severity.S1, new FirstResponseTarget(Duration.ofHours(1), ResponseClock.AROUND_THE_CLOCK),
                Severity.S2, new FirstResponseTarget(Duration.ofHours(4), ResponseClock.SUPPORT_HOURS),
                Severity.S4, new FirstResponseTarget(Duration.ZERO, ResponseClock.NEXT_BUSINESS_DAY)));
    }

    public static Account acme() {
        return new Account("1001", "Acme Corp", "C1001", "AMER", List.of(
                new SupportContract("datacenter", "production", ContractType.SUBSCRIPTION, LocalDate.of(2026, 1, 1),
                        LocalDate.of(2027, 12, 31), 0),
                new SupportContract("workstation", "production", ContractType.PER_INCIDENT, LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 12, 31), 5)));
    }

    public static Account globex() {
        return new Account("2002", "Globex Ltd", "C2002", "APJ", List.of());
    }

    /** Products, the offering and two accounts, as SRs reference them. */
    public static void loadCatalog(Database db) {
        JdbcCatalogRepository catalog = new JdbcCatalogRepository(db);
        catalog.saveProduct(datacenter());
        catalog.saveProduct(workstation());
        JdbcAccountRepository accounts = new JdbcAccountRepository(db);
        accounts.saveOffering(production());
        accounts.saveAccount(acme());
        accounts.saveAccount(globex());
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static SupportRequestDraft draft(String account, String product, Severity severity, String subject) {
        Instant at = now();
        return new SupportRequestDraft(account, product, "performance", severity, subject, "Since the upgrade",
                List.of("upgrade"), ContactMethod.EMAIL, Optional.empty(), "customer1", IntakeChannel.WEB, at,
                at.plus(Duration.ofHours(1)), Optional.of(at.plus(Duration.ofHours(4))), true);
    }

    public static TimelineEntry created(Instant at) {
        return TimelineEntry.of(at, CUSTOMER, "CREATED", "SR opened", Map.of());
    }

    public static OutboundMessage confirmation() {
        return new OutboundMessage("notification", Optional.empty(), "customer1@acme.example", "SR received",
                "{\"template\":\"confirmation\"}", Instant.now().plus(Duration.ofHours(1)));
    }
}
