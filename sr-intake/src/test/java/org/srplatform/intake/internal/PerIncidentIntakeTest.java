package org.srplatform.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SupportRequestForm;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;

/** Intake's per-incident rule, in the SR's own transaction, on the real store. */
class PerIncidentIntakeTest {
    private static final Instant NOW = Instant.parse("2026-11-25T17:00:00Z");

    @TempDir
    Path dir;
    private IntakeDatabase db;
    private EntitledIntakeService intake;
    private JdbcAccountRepository accounts;
    private final User customer = new User("customer2", "Chris", Set.of(Role.CUSTOMER), Optional.empty(),
            Optional.empty(), Set.of("2002"), false);

    @BeforeEach
    void open() {
        db = IntakeDatabase.open(dir);
        JdbcCatalogRepository catalog = new JdbcCatalogRepository(db.database());
        catalog.saveProduct(new Product("datacenter", "Datacenter", SupportHours.twentyFourSeven(),
                List.of(new ProblemCategory("performance", "Performance", "Slow things"))));
        catalog.saveProduct(new Product("workstation", "Workstation", SupportHours.twentyFourSeven(),
                List.of(new ProblemCategory("graphics", "Graphics", "3D"))));
        accounts = new JdbcAccountRepository(db.database());
        for (String offering : List.of("basic", "production")) {
            accounts.saveOffering(new SupportOffering(offering, offering, Map.of(Severity.S2,
                    new FirstResponseTarget(Duration.ofHours(4), ResponseClock.AROUND_THE_CLOCK))));
        }
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate until = LocalDate.of(2027, 12, 31);
        accounts.saveAccount(new Account("2002", "Globex Ltd", "C2002", "EMEA", List.of(
                new SupportContract("workstation", "basic", ContractType.SUBSCRIPTION, from, until, 0),
                new SupportContract("datacenter", "production", ContractType.PER_INCIDENT, from, until, 2))));
        intake = new EntitledIntakeService(catalog, accounts, db.transactions(), null, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private SupportRequestForm form(String product, String category) {
        return new SupportRequestForm("2002", product, category, Optional.of(2), "Latency", "Since the upgrade",
                List.of(), "EMAIL", Optional.empty(), Optional.empty(), true);
    }

    @Test
    void aPerIncidentSrUsesOneIncidentAndIsRefusedWithNothingStoredWhenNoneIsLeft() throws Exception {
        intake.open(form("datacenter", "performance"), customer, IntakeChannel.WEB);
        intake.open(form("datacenter", "performance"), customer, IntakeChannel.WEB);
        assertEquals(0, incidentsLeft());
        assertEquals(0, accounts.account("2002").orElseThrow().contracts().get(1).incidentsRemaining(),
                "the account as the platform shows it (cached for intake) follows the used incidents");
        int requests = count("support_requests");
        int messages = count("outbox");
        int entries = count("timeline_entries");

        NotAllowedException refused = assertThrows(NotAllowedException.class,
                () -> intake.open(form("datacenter", "performance"), customer, IntakeChannel.WEB));
        assertEquals("account", refused.errors().get(0).field());
        assertEquals(List.of(requests, messages, entries),
                List.of(count("support_requests"), count("outbox"), count("timeline_entries")),
                "the refused SR left no row, no message, no timeline entry");
    }

    @Test
    void aSubscriptionUsesNoIncident() throws Exception {
        intake.open(form("workstation", "graphics"), customer, IntakeChannel.WEB);
        assertEquals(2, incidentsLeft());
        assertEquals(1, count("support_requests"));
        assertEquals(1, count("outbox"), "the confirmation is written with the SR");
    }

    private int incidentsLeft() {
        return db.database().read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT incidents_remaining FROM support_contracts"
                    + " WHERE account_number = '2002' AND contract_type = 'PER_INCIDENT'");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private int count(String table) {
        return db.database().read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
