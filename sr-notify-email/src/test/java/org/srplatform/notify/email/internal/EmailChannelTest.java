package org.srplatform.notify.email.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.srplatform.api.notify.Delivery;
import org.srplatform.api.notify.DeliveryException;
import org.srplatform.api.notify.Notification;
import org.srplatform.api.notify.Recipient;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.health.HealthCheck;

/** The e-mail channel against a real SMTP server (GreenMail) and, for refusals, a fake one. */
class EmailChannelTest {
    private static final String PASSWORD = "Pa55-wörd-7f3c1e";
    private static final String SUBJECT = "您的服务请求 26000000042 已收到";
    private static final String BODY = "张伟您好，\n\n我们已收到您的服务请求 26000000042。\nWe received your SR.\n";
    private static final Instant NOW = Instant.parse("2026-11-25T08:15:00Z");

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static Notification notification(String id, String email) {
        return new Notification(id, "CONFIRMATION", Optional.of(new SrNumber(26_000_000_042L)),
                new Recipient("张伟", Optional.ofNullable(email), Optional.empty(), ContactMethod.EMAIL), SUBJECT, BODY);
    }

    private static Map<String, Object> settings(int port) {
        Map<String, Object> p = new HashMap<>();
        p.put("smtp.host", "localhost");
        p.put("smtp.port", Integer.toString(port));
        p.put("smtp.starttls", "false");
        p.put("from", "SR Support <support@sr.example.com>");
        p.put("smtp.timeout.seconds", "5");
        p.put("felix.fileinstall.filename", "file:/opt/sr/etc/org.srplatform.notify.email.cfg");
        return p;
    }

    private static EmailChannel channel(Map<String, Object> settings) {
        return new EmailChannel(FakeConfiguration.email(settings), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    @Test
    void aMessageArrivesWithItsChineseSubjectAndBodyHeadersAndAStableMessageId() throws Exception {
        EmailChannel channel = channel(settings(smtpPort()));
        ClassLoader context = Thread.currentThread().getContextClassLoader();

        Delivery delivery = channel.deliver(notification("42", "zhang.wei@customer.example"));

        assertSame(context, Thread.currentThread().getContextClassLoader(), "the context class loader is put back");
        assertEquals("email", delivery.channel());
        assertEquals("<sr-notification-42@sr.example.com>", delivery.reference());
        assertEquals(NOW, delivery.at());
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage m = received[0];
        assertEquals(SUBJECT, m.getSubject());
        // Lines end in CRLF on the wire; the last one merges into the end of the data (CRLF.CRLF).
        assertEquals(BODY.replace("\n", "\r\n").stripTrailing(), m.getContent().toString().stripTrailing());
        assertTrue(m.getContentType().toLowerCase().contains("charset=utf-8"), m.getContentType());
        assertEquals("<sr-notification-42@sr.example.com>", m.getMessageID());
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertEquals("support@sr.example.com", from.getAddress());
        assertEquals("SR Support", from.getPersonal());
        InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
        assertEquals("zhang.wei@customer.example", to.getAddress());
        assertEquals("张伟", to.getPersonal());
        assertEquals("26000000042", m.getHeader("X-SR-Number")[0]);
        assertEquals("CONFIRMATION", m.getHeader("X-SR-Kind")[0]);
        assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
        assertEquals(HealthCheck.up(), channel.check());
        assertEquals("email", channel.name());
    }

    @Test
    void everyAttemptOfANotificationCarriesTheSameMessageIdAndAnotherNotificationAnother() throws Exception {
        EmailChannel channel = channel(settings(smtpPort()));
        channel.deliver(notification("7", "a@customer.example"));
        channel.deliver(notification("7", "a@customer.example"));
        channel.deliver(notification("8", "a@customer.example"));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(3, received.length);
        assertEquals("<sr-notification-7@sr.example.com>", received[0].getMessageID());
        assertEquals(received[0].getMessageID(), received[1].getMessageID());
        assertEquals("<sr-notification-8@sr.example.com>", received[2].getMessageID());
    }

    @Test
    void aMessageWithoutAnSrHasNoSrNumberHeader() throws Exception {
        Notification n = new Notification("9", "PASSWORD_RESET", Optional.empty(),
                new Recipient("Ann", Optional.of("ann@customer.example"), Optional.empty(), ContactMethod.EMAIL),
                "Hello", "Plain ASCII body\n");
        channel(settings(smtpPort())).deliver(n);
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertNull(m.getHeader("X-SR-Number"));
        assertEquals("PASSWORD_RESET", m.getHeader("X-SR-Kind")[0]);
        assertEquals("Plain ASCII body", m.getContent().toString().stripTrailing());
    }

    @Test
    void messageIdsKeepSafeIdsAndEncodeTheRestWithoutTwoAlike() {
        assertEquals("123", EmailChannel.localPart("123"));
        assertEquals("a-b_c", EmailChannel.localPart("a-b_c"));
        assertEquals("a=40b", EmailChannel.localPart("a@b"));
        assertEquals("a=3D40b", EmailChannel.localPart("a=40b"));
        assertEquals("=3E=0D=0A", EmailChannel.localPart(">\r\n"));
    }

    @Test
    void loginWithUserAndPasswordWorksAndARefusedLoginIsTransientWithoutThePassword() throws Exception {
        greenMail.setUser("notify@sr.example.com", "notify", PASSWORD);
        Map<String, Object> good = settings(smtpPort());
        good.put("smtp.user", "notify");
        good.put("smtp.password", PASSWORD);
        String log = Logs.of(() -> channel(good).deliver(notification("1", "a@customer.example")));
        assertEquals(1, greenMail.getReceivedMessages().length);

        Map<String, Object> wrong = new HashMap<>(good);
        wrong.put("smtp.password", "not-" + PASSWORD);
        EmailChannel channel = channel(wrong);
        DeliveryException[] failure = new DeliveryException[1];
        log += Logs.of(() -> failure[0] = assertThrows(DeliveryException.class,
                () -> channel.deliver(notification("2", "a@customer.example"))));
        DeliveryException e = failure[0];
        assertTrue(e.isTransient(), "a misconfiguration waits for the operator");
        assertTrue(e.getMessage().contains("localhost:" + smtpPort()), e.getMessage());
        assertTrue(e.getMessage().contains("refused the login of user notify"), e.getMessage());
        HealthCheck health = channel.check();
        assertEquals(HealthCheck.Status.DEGRADED, health.status());
        assertTrue(health.detail().contains("refused the login"), health.detail());
        assertEquals(1, greenMail.getReceivedMessages().length);
        Secrets.assertAbsent(PASSWORD, e, health.detail(), log);
        assertTrue(log.contains("E-mail cannot be sent"), log);
    }

    @Test
    void starttlsRequiredAgainstAServerWithoutItIsTransientAndSaysSo() throws Exception {
        Map<String, Object> s = settings(smtpPort());
        s.put("smtp.starttls", "true");
        s.put("smtp.user", "notify");
        s.put("smtp.password", PASSWORD);
        EmailChannel channel = channel(s);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel.deliver(notification("3", "a@customer.example")));
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("does not offer STARTTLS"), e.getMessage());
        assertTrue(e.getMessage().contains("localhost:" + smtpPort()), e.getMessage());
        assertEquals(HealthCheck.degraded("the mail server localhost:" + smtpPort()
                + " does not offer STARTTLS (smtp.starttls=true)"), channel.check());
        assertEquals(0, greenMail.getReceivedMessages().length, "nothing is sent in clear text");
        Secrets.assertAbsent(PASSWORD, e, channel.check().detail());
    }

    @Test
    void aStoppedServerIsTransientAndHealthRecoversWhenItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmailChannel channel = channel(settings(port));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel.deliver(notification("4", "a@customer.example")));
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().startsWith("cannot connect to the mail server localhost:" + port), e.getMessage());
        assertEquals(HealthCheck.degraded("the mail server localhost:" + port + " cannot be reached"), channel.check());

        try (FakeSmtpServer back = FakeSmtpServer.answering(port, c -> null)) {
            channel.deliver(notification("4", "a@customer.example"));
            assertTrue(back.commands.contains("RCPT TO:<a@customer.example>"), back.commands.toString());
        }
        assertEquals(HealthCheck.up(), channel.check());
    }

    @Test
    void implicitTlsChecksTheServersCertificate() throws Exception {
        GreenMail smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort()); // a self-signed certificate
        smtps.start();
        try {
            Map<String, Object> s = settings(smtps.getSmtps().getPort());
            s.put("smtp.ssl", "true");
            EmailChannel channel = channel(s);
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.deliver(notification("5", "a@customer.example")));
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().startsWith("TLS with the mail server localhost:" + smtps.getSmtps().getPort()),
                    e.getMessage());
            assertEquals(HealthCheck.degraded("TLS with the mail server localhost:" + smtps.getSmtps().getPort()
                    + " failed (its certificate or protocol)"), channel.check());
            assertEquals(0, smtps.getReceivedMessages().length);
        } finally {
            smtps.stop();
        }
    }

    @Test
    void aServerThatStopsTalkingTimesOutAsTransient() throws Exception {
        try (FakeSmtpServer silent = FakeSmtpServer.silent()) {
            Map<String, Object> s = settings(silent.port());
            s.put("smtp.timeout.seconds", "1");
            EmailChannel channel = channel(s);
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.deliver(notification("5", "a@customer.example")));
            assertTrue(e.isTransient());
            assertEquals(HealthCheck.degraded("the mail server localhost:" + silent.port() + " does not answer in time"),
                    channel.check());
        }
    }

    @Test
    void aRecipientRefusedForGoodIsPermanentAndTheServerStaysHealthy() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.answering(
                c -> c.startsWith("RCPT") ? "550 5.1.1 <nobody@customer.example>: mailbox unknown" : null)) {
            EmailChannel channel = channel(settings(server.port()));
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.deliver(notification("6", "nobody@customer.example")));
            assertFalse(e.isTransient());
            assertTrue(e.getMessage().contains("refused the recipient nobody@customer.example"), e.getMessage());
            assertTrue(e.getMessage().contains("550 5.1.1"), e.getMessage());
            assertEquals(HealthCheck.up(), channel.check());
            assertFalse(server.commands.contains("DATA"));
        }
    }

    @Test
    void aRecipientRefusedForNowIsTransient() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.answering(
                c -> c.startsWith("RCPT") ? "450 4.2.0 greylisted, try again later" : null)) {
            EmailChannel channel = channel(settings(server.port()));
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.deliver(notification("6", "a@customer.example")));
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains("450 4.2.0"), e.getMessage());
            assertEquals(HealthCheck.up(), channel.check());
        }
    }

    @Test
    void aMessageRefusedForGoodAfterItsDataIsPermanent() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.answering(c -> c.equals(".") ? "554 5.6.0 message refused" : null)) {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel(settings(server.port())).deliver(notification("6", "a@customer.example")));
            assertFalse(e.isTransient());
            assertTrue(e.getMessage().contains("refused the message: 554 5.6.0 message refused"), e.getMessage());
        }
    }

    @Test
    void aConnectionLostAfterTheDataIsTransient() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.answering(c -> c.equals(".") ? FakeSmtpServer.HANG_UP : null)) {
            EmailChannel channel = channel(settings(server.port()));
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.deliver(notification("6", "a@customer.example")));
            assertTrue(e.isTransient(), "the server may have the message: the retry carries the same Message-ID");
            assertTrue(e.getMessage().startsWith("the connection to the mail server localhost:" + server.port()
                    + " broke off"), e.getMessage());
            assertEquals(HealthCheck.degraded("the connection to the mail server localhost:" + server.port()
                    + " failed"), channel.check());
        }
    }

    @Test
    void aServerThatWantsALoginOrRefusesTheSenderIsTransientAndDegraded() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.answering(
                c -> c.startsWith("MAIL") ? "530 5.7.0 Authentication required" : null)) {
            EmailChannel channel = channel(settings(server.port()));
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.deliver(notification("6", "a@customer.example")));
            assertTrue(e.isTransient());
            assertTrue(channel.check().detail().contains("wants a login"), channel.check().detail());
        }
        try (FakeSmtpServer server = FakeSmtpServer.answering(
                c -> c.startsWith("MAIL") ? "553 5.7.1 sender not allowed" : null)) {
            EmailChannel channel = channel(settings(server.port()));
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.deliver(notification("6", "a@customer.example")));
            assertTrue(e.isTransient(), "every message would fail alike: they wait for the operator");
            assertTrue(e.getMessage().contains("refused the sender support@sr.example.com"), e.getMessage());
            assertEquals(HealthCheck.Status.DEGRADED, channel.check().status());
            assertTrue(channel.check().detail().contains("(from)"), channel.check().detail());
        }
    }

    @Test
    void wrongSettingsAreLoggedAndShownByKeyAndMessagesWait() throws Exception {
        Map<String, Object> s = settings(smtpPort());
        s.put("smtp.port", "submission");
        s.put("smtp.starttls", "yes");
        s.put("from", "support");
        s.put("smtp.user", "notify");
        s.put("smtp.password", PASSWORD);
        EmailChannel[] made = new EmailChannel[1];
        String log = Logs.of(() -> made[0] = channel(s));
        EmailChannel channel = made[0];

        assertTrue(log.contains("WARN"), log);
        assertTrue(log.contains("etc/org.srplatform.notify.email.cfg"), log);
        HealthCheck health = channel.check();
        assertEquals(HealthCheck.Status.DEGRADED, health.status());
        for (String key : new String[] {"smtp.port", "smtp.starttls", "from"}) {
            assertTrue(log.contains(key), log);
            assertTrue(health.detail().contains(key), health.detail());
        }
        assertTrue(channel.accepts(notification("10", "a@customer.example")), "accepted, so that it waits");
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel.deliver(notification("10", "a@customer.example")));
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("smtp.port"), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
        Secrets.assertAbsent(PASSWORD, e, health.detail(), log);
    }

    @Test
    void aPasswordWithoutUserAndAnEmptyTimeoutAreReportedToo() {
        Map<String, Object> s = settings(smtpPort());
        s.put("smtp.password", PASSWORD);
        s.put("smtp.timeout.seconds", "0");
        HealthCheck health = channel(s).check();
        assertTrue(health.detail().contains("smtp.user is empty while smtp.password is set"), health.detail());
        assertTrue(health.detail().contains("smtp.timeout.seconds"), health.detail());
        Secrets.assertAbsent(PASSWORD, null, health.detail());
    }

    @Test
    void withoutAHostTheChannelAcceptsNothingAndHealthIsUp() {
        // What the shipped file (every key commented out) gives: a configuration with no keys of its own.
        EmailChannel[] made = new EmailChannel[1];
        String log = Logs.of(() -> made[0] = channel(Map.of("felix.fileinstall.filename", "file:/x.cfg")));
        EmailChannel channel = made[0];
        assertFalse(channel.accepts(notification("11", "a@customer.example")));
        assertEquals(HealthCheck.up(), channel.check());
        assertFalse(log.contains("WARN"), log);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel.deliver(notification("11", "a@customer.example")));
        assertTrue(e.isTransient());
    }

    @Test
    void aRecipientNeedsAnAddressAndABadOneIsPermanent() throws Exception {
        EmailChannel channel = channel(settings(smtpPort()));
        assertFalse(channel.accepts(notification("12", null)));
        assertFalse(channel.accepts(notification("12", " ")));
        assertTrue(channel.accepts(notification("12", "a@customer.example")));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel.deliver(notification("12", "not an address")));
        assertFalse(e.isTransient());
        assertEquals(HealthCheck.up(), channel.check());
    }

    @Test
    void aMailLibraryThatCannotFindItsImplementationIsReportedAndMessagesWait() throws Exception {
        // What a broken installation looks like to Jakarta Mail: a stream provider it cannot make.
        String key = "jakarta.mail.util.StreamProvider";
        EmailChannel working = channel(settings(smtpPort()));
        System.setProperty(key, "org.srplatform.NoSuchStreamProvider");
        try {
            EmailChannel broken = channel(settings(smtpPort()));
            assertEquals(HealthCheck.degraded("e-mail cannot start; the log says why"), broken.check());
            assertTrue(assertThrows(DeliveryException.class,
                    () -> broken.deliver(notification("13", "a@customer.example"))).isTransient());

            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> working.deliver(notification("13", "a@customer.example")));
            assertTrue(e.isTransient());
            assertEquals(HealthCheck.degraded("sending through the mail server localhost:" + smtpPort()
                    + " failed; the log says why"), working.check());
        } finally {
            System.clearProperty(key);
        }
        working.deliver(notification("13", "a@customer.example"));
        assertEquals(HealthCheck.up(), working.check());
        assertEquals(1, greenMail.getReceivedMessages().length);
    }

    /** Captures what the platform's loggers print (slf4j-simple writes to the current System.err). */
    static final class Logs {
        interface Action {
            void run() throws Exception;
        }

        static String of(Action action) {
            PrintStream before = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                action.run();
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                System.setErr(before);
            }
            String text = captured.toString(StandardCharsets.UTF_8);
            before.print(text);
            return text;
        }
    }

    static final class Secrets {
        /** The password is in no message of the exception's chain, nor in the texts. */
        static void assertAbsent(String password, Throwable e, String... texts) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t).contains(password), "password in " + t);
            }
            for (String text : texts) {
                assertFalse(text != null && text.contains(password), "password in " + text);
            }
        }
    }
}
