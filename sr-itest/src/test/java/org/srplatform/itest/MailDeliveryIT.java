package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.srplatform.api.notify.NotificationChannel;

/**
 * Mail delivery end to end, as the issue asks for it with a real SMTP server: SRs opened over HTTP in the
 * running platform (demo mode), their confirmations sent by the dispatcher through the e-mail channel to
 * GreenMail (installed as a bundle beside the platform's) or, for a refused address, to a small SMTP server of
 * this test that answers 550. Each test points {@code org.srplatform.notify.email} (and, where it needs quick
 * retries, {@code org.srplatform.notify}) at its server through Config Admin and puts both back afterwards.
 * The demo mailbox keeps the messages as well: only what reached the SMTP server counts here.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MailDeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EMAIL_PID = "org.srplatform.notify.email";
    private static final String NOTIFY_PID = "org.srplatform.notify";
    private static final String EMAIL_COMPONENT = "org.srplatform.notify.email.internal.EmailChannel";
    private static final String DOMAIN = "itest.example";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    private Http http;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return OptionUtils.combine(TestPlatform.create().paxExamOptions(),
                CoreOptions.mavenBundle("com.icegreen", "greenmail", "2.1.13"));
    }

    @Before
    public void http() throws Exception {
        http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("mailbox", "engineer1", 200, WAIT).status());
    }

    @Test
    public void aNewSrsConfirmationArrivesAtTheMailServerInTheContactsLanguageWithItsNumberAndOutboxId()
            throws Exception {
        int port = TestPlatform.freePort();
        GreenMail smtp = startSmtp(port);
        Configuration email = configurations.getConfiguration(EMAIL_PID, "?");
        Dictionary<String, Object> emailBefore = email.getProperties();
        try {
            pointEmailAt(email, port);
            String number = open("customer2", "2002", "workstation");

            MimeMessage m = awaitConfirmations(smtp, number).get(0);
            withAngusMail(() -> {
                assertTrue(m.getSubject(), m.getSubject().startsWith("[SR " + number + "] 我们已收到您的支持请求"));
                String body = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(body, body.contains("您的支持请求编号为 " + number));
                InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
                assertEquals("customer2@globex.example", to.getAddress());
                assertEquals(number, m.getHeader("X-SR-Number")[0]);
                assertEquals("CONFIRMATION", m.getHeader("X-SR-Kind")[0]);
                return null;
            });
            // The outbox entry the dispatcher sent, as the SR's timeline names it: the Message-ID is made from it.
            JsonNode sent = awaitSentEntry(number, "customer2");
            assertEquals(sent.toString(), "<sr-notification-" + sent.get("outboxId").asText() + "@" + DOMAIN + ">",
                    m.getMessageID());
            assertTrue(sent.toString(), sent.get("channel").asText().contains("email"));
        } finally {
            smtp.stop();
            restore(email, emailBefore);
        }
    }

    @Test
    public void srsAreAcceptedWhileTheMailServerIsDownAndEachConfirmationArrivesOnceItIsBack() throws Exception {
        int port = TestPlatform.freePort();
        GreenMail smtp = startSmtp(port);
        Configuration email = configurations.getConfiguration(EMAIL_PID, "?");
        Dictionary<String, Object> emailBefore = email.getProperties();
        Configuration notify = configurations.getConfiguration(NOTIFY_PID, "?");
        Dictionary<String, Object> notifyBefore = notify.getProperties();
        try {
            // Quick retries, so the test waits seconds rather than the default half minute and more.
            Dictionary<String, Object> quick = copy(notifyBefore);
            quick.put("retry.first.seconds", "1");
            quick.put("retry.max.seconds", "2");
            notify.update(quick);
            pointEmailAt(email, port);
            String beforeOutage = open("customer1", "1001", "datacenter");
            awaitConfirmations(smtp, beforeOutage);

            smtp.stop();
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                numbers.add(i % 2 == 0 ? open("customer1", "1001", "datacenter") : open("customer2", "2002", "workstation"));
            }
            // Each confirmation was tried while the server was down, failed as transient and waits for a retry.
            for (String number : numbers) {
                JsonNode waiting = awaitOutbox("PENDING", number, e -> e.get("attempts").asInt() >= 1
                        && e.hasNonNull("lastError"));
                assertTrue(waiting.toString(), waiting.get("lastError").asText().contains("127.0.0.1:" + port));
            }

            smtp = startSmtp(port); // the same server is back
            for (String number : numbers) {
                awaitConfirmations(smtp, number);
            }
            // Once the outbox has recorded each as sent, nothing sends it again: count what arrived.
            for (String number : numbers) {
                awaitSentEntry(number, null);
            }
            Map<String, Integer> arrived = new LinkedHashMap<>();
            for (String number : numbers) {
                arrived.put(number, confirmations(smtp, number).size());
            }
            for (String number : numbers) {
                assertEquals("confirmations of SR " + number + " that arrived: " + arrived, 1, (int) arrived.get(number));
                assertEquals("NOTIFICATION_SENT entries of SR " + number, 1, sentEntries(number).size());
            }
        } finally {
            smtp.stop();
            restore(email, emailBefore);
            restore(notify, notifyBefore);
        }
    }

    @Test
    public void aPermanentlyRefusedAddressEndsInTheDeadLettersWithTheServersReply() throws Exception {
        String refused = "customer2@globex.example";
        Configuration email = configurations.getConfiguration(EMAIL_PID, "?");
        Dictionary<String, Object> emailBefore = email.getProperties();
        RefusingSmtpServer smtp = new RefusingSmtpServer(refused);
        try {
            pointEmailAt(email, smtp.port());
            String dead = open("customer2", "2002", "workstation");
            String fine = open("customer1", "1001", "datacenter");

            JsonNode entry = awaitOutbox("DEAD", dead, e -> true);
            String error = entry.get("lastError").asText();
            assertTrue(error, error.contains("refused the recipient " + refused));
            assertTrue(error, error.contains("550 5.1.1"));
            assertEquals("a refused address is not retried: " + entry, 1, entry.get("attempts").asInt());
            assertEquals(refused, entry.get("destination").asText());

            // The same server takes the other customer's confirmation: only the address was refused.
            awaitSentEntry(fine, "customer1");
            assertTrue(smtp.messages.toString(), smtp.messages.stream()
                    .anyMatch(m -> m.contains("\nX-SR-Number: " + fine + "\n") && m.contains("\nX-SR-Kind: CONFIRMATION\n")));
            assertTrue(smtp.messages.toString(), smtp.messages.stream().noneMatch(m -> m.contains("X-SR-Number: " + dead)));
        } finally {
            smtp.close();
            restore(email, emailBefore);
        }
    }

    // ---------------------------------------------------------------- the platform

    private String open(String user, String account, String product) {
        JsonNode p = null;
        for (JsonNode x : http.get("products", user).json().get("items")) {
            if (x.get("id").asText().equals(product)) {
                p = x;
            }
        }
        assertNotNull(product, p);
        Http.Answer a = http.post("requests", user, "{\"account\":\"" + account + "\",\"product\":\"" + product
                + "\",\"category\":\"" + p.get("categories").get(0).get("id").asText() + "\",\"severity\":3,"
                + "\"subject\":\"Mail " + UUID.randomUUID() + "\",\"description\":\"x\",\"contactMethod\":\"EMAIL\"}");
        assertEquals(a.body(), 201, a.status());
        return a.json().get("number").asText();
    }

    /** The e-mail channel to 127.0.0.1:port, without TLS; returns once the channel with those settings is there. */
    private void pointEmailAt(Configuration email, int port) throws Exception {
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("smtp.host", "127.0.0.1");
        settings.put("smtp.port", Integer.toString(port));
        settings.put("smtp.starttls", "false");
        settings.put("from", "SR Support <support@" + DOMAIN + ">");
        settings.put("smtp.timeout.seconds", "5");
        email.update(settings);
        String filter = "(&(component.name=" + EMAIL_COMPONENT + ")(smtp.port=" + port + "))";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!context.getServiceReferences(NotificationChannel.class, filter).isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no e-mail channel to port " + port);
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> properties) {
        Dictionary<String, Object> copy = new Hashtable<>();
        if (properties != null) {
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                copy.put(key, properties.get(key));
            }
        }
        return copy;
    }

    private static void restore(Configuration config, Dictionary<String, Object> before) throws IOException {
        if (before == null) {
            config.delete();
        } else {
            config.update(before);
        }
    }

    /** The SR's NOTIFICATION_SENT entries of its confirmation (details: kind, channel, recipient, outboxId...). */
    private List<JsonNode> sentEntries(String number) {
        List<JsonNode> entries = new ArrayList<>();
        Http.Answer sr = http.get("requests/" + number, "engineer1");
        assertEquals(sr.body(), 200, sr.status());
        for (JsonNode e : sr.json().get("timeline")) {
            if (e.get("kind").asText().equals("NOTIFICATION_SENT")
                    && e.path("details").path("kind").asText().equals("CONFIRMATION")) {
                entries.add(e.get("details"));
            }
        }
        return entries;
    }

    /** Waits until the confirmation is recorded as sent; {@code customer}, when given, must see it too. */
    private JsonNode awaitSentEntry(String number, String customer) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> sent = sentEntries(number);
            if (!sent.isEmpty()) {
                if (customer != null) {
                    assertTrue(http.get("requests/" + number, customer).body().contains("NOTIFICATION_SENT"));
                }
                return sent.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the confirmation of SR " + number + " was not recorded as sent within " + WAIT);
    }

    /** Waits until the SR's confirmation is in the outbox in {@code state} and passes {@code check}. */
    private JsonNode awaitOutbox(String state, String number, Predicate<JsonNode> check) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Http.Answer a = http.get("admin/outbox?state=" + state + "&limit=500", "admin1");
            assertEquals(a.body(), 200, a.status());
            for (JsonNode e : a.json().get("items")) {
                if (number.equals(e.path("number").asText()) && e.path("kind").asText().equals("CONFIRMATION")) {
                    last = e;
                    if (check.test(e)) {
                        return e;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the confirmation of SR " + number + " was not " + state + " as expected within "
                + WAIT + "; last seen: " + last);
    }

    // ---------------------------------------------------------------- the SMTP servers

    private static GreenMail startSmtp(int port) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        // GreenMail parses what it receives with Jakarta Mail on threads that inherit this context class loader.
        withAngusMail(() -> {
            smtp.start();
            return null;
        });
        return smtp;
    }

    /** The confirmations of SR {@code number} the server received so far. */
    private static List<MimeMessage> confirmations(GreenMail smtp, String number) throws Exception {
        return withAngusMail(() -> {
            List<MimeMessage> found = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                String[] sr = m.getHeader("X-SR-Number");
                String[] kind = m.getHeader("X-SR-Kind");
                if (sr != null && kind != null && number.equals(sr[0]) && "CONFIRMATION".equals(kind[0])) {
                    found.add(m);
                }
            }
            return found;
        });
    }

    private static List<MimeMessage> awaitConfirmations(GreenMail smtp, String number) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> found = confirmations(smtp, number);
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no confirmation of SR " + number + " reached the mail server within " + WAIT);
    }

    /** Jakarta Mail finds Angus Mail's providers through the context class loader: the same cure as the channel's. */
    private static <T> T withAngusMail(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(org.eclipse.angus.mail.smtp.SMTPTransport.class.getClassLoader());
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * An SMTP server of a few lines for what GreenMail does not do: it refuses one recipient for good
     * ({@code 550 5.1.1} to its {@code RCPT TO}) and takes every other message, keeping its text (headers
     * and body, lines joined with {@code \n}).
     */
    private static final class RefusingSmtpServer implements AutoCloseable {
        private final ServerSocket server;
        private final String refused;
        final List<String> messages = new CopyOnWriteArrayList<>();

        RefusingSmtpServer(String refused) throws IOException {
            this.refused = refused.toLowerCase(Locale.ROOT);
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread thread = new Thread(this::serve, "refusing-smtp-" + server.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout((int) WAIT.toMillis());
                    talk(s);
                } catch (IOException e) {
                    // closed, or the client went away
                }
            }
        }

        private void talk(Socket s) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            say(out, "220 refusing.example ESMTP");
            StringBuilder data = null;
            for (String line; (line = in.readLine()) != null;) {
                if (data != null) {
                    if (line.equals(".")) {
                        messages.add(data.toString());
                        data = null;
                        say(out, "250 2.0.0 queued");
                    } else {
                        data.append(line.startsWith(".") ? line.substring(1) : line).append('\n');
                    }
                    continue;
                }
                String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> say(out, "250 refusing.example");
                    case "RCPT" -> say(out, line.toLowerCase(Locale.ROOT).contains("<" + refused + ">")
                            ? "550 5.1.1 <" + refused + ">: Recipient address rejected: User unknown"
                            : "250 2.1.5 ok");
                    case "DATA" -> {
                        data = new StringBuilder("\n");
                        say(out, "354 end with <CRLF>.<CRLF>");
                    }
                    case "QUIT" -> {
                        say(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> say(out, "250 2.0.0 ok");
                }
            }
        }

        private static void say(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
