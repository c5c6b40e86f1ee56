package org.srplatform.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.OpenedRequest;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SupportRequestForm;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;
import org.srplatform.store.internal.request.JdbcSupportRequestRepository;

/** Idempotency-Key of intake, on the real store: its table is written in the SR's own transaction. */
class IdempotentIntakeTest {
    private static final Instant NOW = Instant.parse("2026-11-25T17:00:00Z");

    @TempDir
    Path dir;
    private IntakeDatabase db;
    private JdbcCatalogRepository catalog;
    private JdbcAccountRepository accounts;
    private JdbcSupportRequestRepository requests;
    private final User customer = new User("customer2", "Chris", Set.of(Role.CUSTOMER), Optional.empty(),
            Optional.empty(), Set.of("2002"), false);
    private final User engineer = new User("engineer1", "Erin", Set.of(Role.SUPPORT_ENGINEER), Optional.empty(),
            Optional.empty(), Set.of(), false);

    @BeforeEach
    void open() {
        db = IntakeDatabase.open(dir);
        catalog = new JdbcCatalogRepository(db.database());
        catalog.saveProduct(new Product("workstation", "Workstation", SupportHours.twentyFourSeven(),
                List.of(new ProblemCategory("graphics", "Graphics", "3D"))));
        accounts = new JdbcAccountRepository(db.database());
        accounts.saveOffering(new SupportOffering("basic", "basic", Map.of(Severity.S2,
                new FirstResponseTarget(Duration.ofHours(4), ResponseClock.AROUND_THE_CLOCK))));
        accounts.saveAccount(new Account("2002", "Globex Ltd", "C2002", "EMEA", List.of(new SupportContract("workstation",
                "basic", ContractType.SUBSCRIPTION, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), 0))));
        requests = new JdbcSupportRequestRepository(db.database(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private EntitledIntakeService intakeAt(Instant now) {
        return new EntitledIntakeService(catalog, accounts, db.transactions(), requests, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SupportRequestForm form(String subject) {
        return new SupportRequestForm("2002", "workstation", "graphics", Optional.of(2), subject, "Since the upgrade",
                List.of("upgrade"), "EMAIL", Optional.empty(), Optional.empty(), true);
    }

    @Test
    void aRepeatWithTheSameKeyReturnsTheFirstSrAndStoresNoSecond() throws Exception {
        EntitledIntakeService intake = intakeAt(NOW);
        OpenedRequest first = intake.open(form("3D is off"), customer, IntakeChannel.WEB, "retry-7f3a");
        OpenedRequest again = intake.open(form("3D is off"), customer, IntakeChannel.WEB, "retry-7f3a");
        assertFalse(first.repeated());
        assertTrue(again.repeated());
        assertEquals(first.request().number(), again.request().number());
        assertEquals(first.request().request(), again.request().request());
        assertEquals(first.request().timeline(), again.request().timeline(), "the first answer's timeline: its CREATED entry");
        assertEquals(1, count("support_requests"));
        assertEquals(1, count("outbox"), "one confirmation");
    }

    @Test
    void theSameKeyWithAnotherRequestIsAConflictNamingTheFirstSr() throws Exception {
        EntitledIntakeService intake = intakeAt(NOW);
        OpenedRequest first = intake.open(form("3D is off"), customer, IntakeChannel.WEB, "k1");
        ConflictException e = assertThrows(ConflictException.class,
                () -> intake.open(form("Something else"), customer, IntakeChannel.WEB, "k1"));
        assertTrue(e.getMessage().contains(first.request().number().toString()), e.getMessage());
        assertEquals(1, count("support_requests"));
    }

    @Test
    void aKeyIsTheCallersOwn() throws Exception {
        EntitledIntakeService intake = intakeAt(NOW);
        OpenedRequest mine = intake.open(form("3D is off"), customer, IntakeChannel.WEB, "k1");
        OpenedRequest theirs = intake.open(form("3D is off"), engineer, IntakeChannel.WEB, "k1");
        assertFalse(theirs.repeated());
        assertNotEquals(mine.request().number(), theirs.request().number());
    }

    @Test
    void aKeyReturnsItsSrForADayThenOpensANewOneAndIsPurged() throws Exception {
        OpenedRequest first = intakeAt(NOW).open(form("3D is off"), customer, IntakeChannel.WEB, "k1");
        assertTrue(intakeAt(NOW.plus(Duration.ofHours(23))).open(form("3D is off"), customer, IntakeChannel.WEB, "k1").repeated());
        OpenedRequest dayLater = intakeAt(NOW.plus(Duration.ofHours(25))).open(form("3D is off"), customer,
                IntakeChannel.WEB, "k1");
        assertFalse(dayLater.repeated());
        assertNotEquals(first.request().number(), dayLater.request().number());

        IdempotencyKeyPurge purge = new IdempotencyKeyPurge(db.transactions(), Clock.fixed(NOW.plus(Duration.ofHours(30)),
                ZoneOffset.UTC));
        try {
            assertEquals(0, purge.purge(), "the key of 25 hours ago is younger than a day at 30 hours");
            assertEquals(1, count("idempotency_keys"));
        } finally {
            purge.stop();
        }
        IdempotencyKeyPurge later = new IdempotencyKeyPurge(db.transactions(), Clock.fixed(NOW.plus(Duration.ofHours(50)),
                ZoneOffset.UTC));
        try {
            assertEquals(1, later.purge());
            assertEquals(0, count("idempotency_keys"));
        } finally {
            later.stop();
        }
    }

    @Test
    void aKeyMustBe1To200PrintableAsciiCharacters() throws Exception {
        EntitledIntakeService intake = intakeAt(NOW);
        for (String bad : List.of("", " ", "x".repeat(201), "clé", "a\nb", "tab\there")) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> intake.open(form("3D is off"), customer, IntakeChannel.WEB, bad), bad);
            assertEquals("Idempotency-Key", e.errors().get(0).field());
        }
        assertFalse(intake.open(form("3D is off"), customer, IntakeChannel.WEB, "x".repeat(200)).repeated());
        assertEquals(1, count("support_requests"));
    }

    @Test
    void twoCallsWithTheSameKeyAtOnceOpenOneSr() throws Exception {
        EntitledIntakeService intake = intakeAt(NOW);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<OpenedRequest>> answers = two.invokeAll(List.of(
                    () -> {
                        together.await();
                        return intake.open(form("3D is off"), customer, IntakeChannel.WEB, "same");
                    },
                    () -> {
                        together.await();
                        return intake.open(form("3D is off"), customer, IntakeChannel.WEB, "same");
                    }));
            assertEquals(answers.get(0).get().request().number(), answers.get(1).get().request().number());
        } finally {
            two.shutdown();
            two.awaitTermination(1, TimeUnit.MINUTES);
        }
        assertEquals(1, count("support_requests"));
        assertEquals(1, count("outbox"));
    }

    @Test
    void theRequestHashCoversEveryFieldAndTheChannel() {
        SupportRequestForm a = form("3D is off");
        assertEquals(IdempotencyKeys.hash(a, IntakeChannel.WEB), IdempotencyKeys.hash(form("3D is off"), IntakeChannel.WEB));
        assertNotEquals(IdempotencyKeys.hash(a, IntakeChannel.WEB), IdempotencyKeys.hash(a, IntakeChannel.PHONE));
        SupportRequestForm tags = new SupportRequestForm("2002", "workstation", "graphics", Optional.of(2), "3D is off",
                "Since the upgrade", List.of("up", "grade"), "EMAIL", Optional.empty(), Optional.empty(), true);
        assertNotEquals(IdempotencyKeys.hash(a, IntakeChannel.WEB), IdempotencyKeys.hash(tags, IntakeChannel.WEB));
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
