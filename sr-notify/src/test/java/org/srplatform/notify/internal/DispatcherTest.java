package org.srplatform.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.common.Actor;
import org.srplatform.api.notify.Delivery;
import org.srplatform.api.notify.DeliveryException;
import org.srplatform.api.notify.Notification;
import org.srplatform.api.notify.NotificationChannel;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.outbox.Backoff;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.outbox.OutboxState;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.security.NewUser;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.StoreSettings;
import org.srplatform.store.internal.outbox.JdbcOutbox;
import org.srplatform.store.internal.request.JdbcSupportRequestRepository;
import org.srplatform.store.internal.request.StoreTransactions;

/** The dispatcher on the real store (Derby): delivery, its timeline record, retries and dead letters. */
class DispatcherTest {
    @TempDir
    Path dir;
    private DerbyDatabase db;
    private JdbcOutbox outbox;
    private JdbcSupportRequestRepository requests;
    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<Notification> delivered = new ArrayList<>();
    private volatile DeliveryException failure;
    private Dispatcher dispatcher;

    private final NotificationChannel channel = new NotificationChannel() {
        @Override
        public String id() {
            return "test-mail";
        }

        @Override
        public boolean accepts(Notification n) {
            return n.recipient().email().isPresent();
        }

        @Override
        public Delivery deliver(Notification n) throws DeliveryException {
            if (failure != null) {
                throw failure;
            }
            delivered.add(n);
            return new Delivery("test-mail", "<" + n.id() + "@test>", Instant.now());
        }
    };

    @BeforeEach
    void open() throws IOException {
        db = new DerbyDatabase(StoreSettings.in(dir));
        JdbcCatalogRepository catalog = new JdbcCatalogRepository(db);
        catalog.saveProduct(new Product("datacenter", "Datacenter", SupportHours.twentyFourSeven(),
                List.of(new ProblemCategory("performance", "Performance", "Slow"))));
        JdbcAccountRepository accounts = new JdbcAccountRepository(db);
        accounts.saveOffering(new SupportOffering("production", "Production",
                Map.of(Severity.S2, new FirstResponseTarget(Duration.ofHours(2), ResponseClock.AROUND_THE_CLOCK))));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        accounts.saveAccount(new Account("1001", "Acme", "C1001", "APJ", List.of(new SupportContract("c1", "datacenter",
                "production", ContractType.SUBSCRIPTION, today.minusDays(1), today.plusYears(1), 0))));
        accounts.saveContact(new Contact("customer1", "1001", "陈伟", "chen@acme.example", Optional.empty(),
                ContactMethod.EMAIL, "zh-CN"));
        outbox = new JdbcOutbox(db, clock);
        requests = new JdbcSupportRequestRepository(db, clock);
        TemplateService templates = new TemplateService(TemplateLibraryTest.builtIn(), dir.resolve("no-overrides"));
        MessageComposer composer = new MessageComposer(requests, accounts, new Users(), templates::library);
        dispatcher = new Dispatcher(outbox, new StoreTransactions(db, clock, () -> null), composer,
                new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(5)), clock, config());
        dispatcher.setChannels(List.of(channel));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aConfirmationIsSentInTheContactsLanguageAndRecordedInTheTimeline() {
        SupportRequestDetails sr = open("CONFIRMATION", "{\"kind\":\"CONFIRMATION\",\"contact\":\"customer1\"}");
        assertEquals(1, dispatcher.dispatchOnce());
        assertEquals(1, delivered.size());
        Notification n = delivered.get(0);
        assertTrue(n.subject().contains(sr.request().number().toString()), n.subject());
        assertTrue(n.subject().contains("我们已收到您的支持请求"), n.subject());
        assertTrue(n.body().contains("陈伟"), n.body());
        assertEquals(Optional.of("chen@acme.example"), n.recipient().email());
        assertEquals(List.of(), outbox.list(OutboxState.PENDING, 10));
        assertEquals(1, outbox.list(OutboxState.SENT, 10).size());
        TimelineEntry sent = last(sr);
        assertEquals("NOTIFICATION_SENT", sent.kind());
        assertEquals("CONFIRMATION", sent.details().get("kind"));
        assertEquals("test-mail", sent.details().get("channel"));
        assertEquals("chen@acme.example", sent.details().get("recipient"));
        assertFalse(sent.internal(), "the customer sees that the confirmation went out");
        assertEquals(0, dispatcher.dispatchOnce(), "sent once");
    }

    @Test
    void aTransientFailureIsRetriedLaterAndThenDelivered() {
        open("CONFIRMATION", "{\"kind\":\"CONFIRMATION\",\"contact\":\"customer1\"}");
        failure = new DeliveryException("mail.example:25 unreachable", true, null);
        assertEquals(1, dispatcher.dispatchOnce());
        OutboxEntry waiting = outbox.list(OutboxState.PENDING, 10).get(0);
        assertEquals(1, waiting.attempts());
        assertTrue(waiting.nextAttemptAt().isAfter(clock.instant().plusSeconds(23)), waiting.toString());
        assertEquals(Optional.of("test-mail: mail.example:25 unreachable"), waiting.lastError());
        assertEquals(0, dispatcher.dispatchOnce(), "not before its time");
        failure = null;
        clock.advance(Duration.ofSeconds(37));
        assertEquals(1, dispatcher.dispatchOnce());
        assertEquals(1, delivered.size());
        assertEquals(1, outbox.list(OutboxState.SENT, 10).size());
    }

    @Test
    void retriesEndInTheDeadLettersOnceTheConfiguredTimeIsUsedAndAnOperatorRetries() {
        open("CONFIRMATION", "{\"kind\":\"CONFIRMATION\",\"contact\":\"customer1\"}");
        failure = new DeliveryException("mail.example:25 unreachable", true, null);
        int rounds = 0;
        while (outbox.list(OutboxState.FAILED, 10).isEmpty() && rounds++ < 20) {
            dispatcher.dispatchOnce();
            clock.advance(Duration.ofMinutes(10));
        }
        OutboxEntry dead = outbox.list(OutboxState.FAILED, 10).get(0);
        assertTrue(dead.lastError().orElseThrow().startsWith("gave up after "), dead.toString());
        assertTrue(dead.attempts() >= 3 && dead.attempts() <= 5, "30+60+120 s < 5 min < 30+...+480 s: " + dead.attempts());
        failure = null;
        outbox.retry(dead.id());
        assertEquals(1, dispatcher.dispatchOnce());
        assertEquals(1, delivered.size());
    }

    @Test
    void aPermanentFailureOrAKindWithoutTemplateIsDeadAtOnce() {
        open("CONFIRMATION", "{\"kind\":\"CONFIRMATION\",\"contact\":\"customer1\"}");
        open("NO_SUCH_KIND", "{}");
        failure = new DeliveryException("550 5.1.1 mailbox unknown", false, null);
        assertEquals(2, dispatcher.dispatchOnce());
        List<OutboxEntry> dead = outbox.list(OutboxState.FAILED, 10);
        assertEquals(2, dead.size());
        assertTrue(dead.stream().anyMatch(e -> e.lastError().orElseThrow().contains("550 5.1.1")));
        assertTrue(dead.stream().anyMatch(e -> e.lastError().orElseThrow().contains("no template for kind NO_SUCH_KIND")));
        assertTrue(dead.stream().allMatch(e -> e.attempts() == 1), "no retry: " + dead);
    }

    @Test
    void withoutAnyChannelMessagesWaitWithAReason() {
        dispatcher.setChannels(List.of());
        open("CONFIRMATION", "{\"kind\":\"CONFIRMATION\",\"contact\":\"customer1\"}");
        dispatcher.dispatchOnce();
        OutboxEntry waiting = outbox.list(OutboxState.PENDING, 10).get(0);
        assertTrue(waiting.lastError().orElseThrow().contains("etc/org.srplatform.notify.email.cfg"), waiting.toString());
    }

    @Test
    void staffAlertsGoToTheStaffAndTheirTimelineEntryIsInternal() {
        SupportRequestDetails sr = open("TARGET_BREACHED", "{\"kind\":\"TARGET_BREACHED\",\"staff\":\"duty1\","
                + "\"clock\":\"FIRST_RESPONSE\",\"dueAt\":\"2026-11-29T10:00:00Z\"}");
        dispatcher.dispatchOnce();
        Notification n = delivered.get(0);
        assertEquals("Duty Manager", n.recipient().name());
        assertTrue(n.subject().contains("(was due 2026-11-29 10:00 UTC)"), n.subject());
        assertTrue(last(sr).internal());
    }

    private SupportRequestDetails open(String kind, String payload) {
        Instant now = clock.instant();
        SupportRequestDraft draft = new SupportRequestDraft("1001", "datacenter", "performance", Severity.S2,
                "数据库延迟", "slow", List.of(), ContactMethod.EMAIL, Optional.empty(), "customer1", IntakeChannel.WEB,
                now, now.plus(Duration.ofHours(1)), Optional.of(now.plus(Duration.ofHours(2))), false);
        String to = kind.startsWith("TARGET") ? "duty1" : "chen@acme.example";
        return requests.create(draft, TimelineEntry.of(now, new Actor("customer1", "陈伟"), "CREATED", "opened", Map.of()),
                List.of(new OutboundMessage("notification", Optional.empty(), to, kind, payload, now.plus(Duration.ofHours(1)))));
    }

    private TimelineEntry last(SupportRequestDetails sr) {
        List<TimelineEntry> timeline = requests.find(sr.request().number()).orElseThrow().timeline();
        return timeline.get(timeline.size() - 1);
    }

    private static NotifyConfig config() {
        return (NotifyConfig) Proxy.newProxyInstance(NotifyConfig.class.getClassLoader(), new Class<?>[] {NotifyConfig.class},
                (proxy, method, args) -> method.getDefaultValue());
    }

    private static final class Users implements UserDirectory {
        private final User duty = new User("duty1", "Duty Manager", Set.of(Role.DUTY_MANAGER),
                Optional.of("duty1@vendor.example"), Optional.empty(), Set.of(), false);

        @Override
        public Optional<User> authenticate(String login, char[] password) {
            return Optional.empty();
        }

        @Override
        public Optional<User> find(String login) {
            return login.equals("duty1") ? Optional.of(duty) : Optional.empty();
        }

        @Override
        public List<User> withRole(Role role) {
            return role == Role.DUTY_MANAGER ? List.of(duty) : List.of();
        }

        @Override
        public User create(NewUser user, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changePassword(String login, char[] newPassword) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            return 1;
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
