package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.inject.Inject;
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
import org.srplatform.api.notify.Delivery;
import org.srplatform.api.notify.DeliveryException;
import org.srplatform.api.notify.Notification;
import org.srplatform.api.notify.NotificationChannel;
import org.srplatform.api.notify.Recipient;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.SrNumber;

/**
 * The e-mail channel (sr-notify-email) in the platform's own bundle set: configured through Config Admin, it
 * sends through a real SMTP server (GreenMail, installed as a bundle beside the platform's), which proves that
 * Jakarta Mail finds Angus Mail's providers inside OSGi; with the server stopped it fails as transient and the
 * health answer's check "email" turns DEGRADED.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EmailChannelIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PID = "org.srplatform.notify.email";
    private static final String COMPONENT = "org.srplatform.notify.email.internal.EmailChannel";
    private static final String SUBJECT = "[SR 26000000077] 我们已收到您的服务请求";
    private static final String BODY = "王芳您好，\r\n\r\n您的服务请求编号为 26000000077。\r\nYour SR number is 26000000077.";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        // GreenMail's core jar is a bundle: it runs in the framework, on the platform's Jakarta Mail and Angus Mail.
        return OptionUtils.combine(TestPlatform.create().paxExamOptions(),
                CoreOptions.mavenBundle("com.icegreen", "greenmail", "2.1.13"));
    }

    @Test
    public void aConfiguredChannelSendsThroughTheServerAndAStoppedServerIsTransientAndDegraded() throws Exception {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("health", null, 200, WAIT).status());
        // The shipped etc/ file (every key commented out) gives an empty configuration: the channel sends nothing.
        awaitChannel("");
        assertEquals("UP", check(http.get("health", null).json(), "email").get("status").asText());

        int port = TestPlatform.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        // GreenMail parses what it receives with Jakarta Mail, on threads that inherit the starter's context
        // class loader: the same pitfall as the channel's, the same cure.
        withAngusMail(() -> {
            smtp.start();
            return null;
        });
        smtp.setUser("platform@itest.example", "platform", "never-a-service-property"); // the platform signs in
        Configuration config = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> before = config.getProperties();
        try {
            Dictionary<String, Object> settings = new Hashtable<>();
            settings.put("smtp.host", "127.0.0.1");
            settings.put("smtp.port", Integer.toString(port));
            settings.put("smtp.starttls", "false");
            settings.put("from", "SR Support <support@itest.example>");
            settings.put("smtp.timeout.seconds", "5");
            settings.put("smtp.user", "platform");
            settings.put("smtp.password", "never-a-service-property");
            config.update(settings);
            NotificationChannel channel = awaitChannel("(smtp.host=127.0.0.1)");
            assertEquals("email", channel.id());
            // The password reaches the channel, never the service registry (every bundle, scr:info, web console).
            for (ServiceReference<?> ref : context.getServiceReferences((String) null, null)) {
                for (String key : ref.getPropertyKeys()) {
                    assertFalse("service " + ref + " shows the SMTP password as " + key,
                            String.valueOf(ref.getProperty(key)).contains("never-a-service-property"));
                }
            }

            Notification n = new Notification("it-77", "CONFIRMATION", Optional.of(new SrNumber(26_000_000_077L)),
                    new Recipient("王芳", Optional.of("wang.fang@customer.example"), Optional.empty(),
                            ContactMethod.EMAIL), SUBJECT, BODY);
            Delivery delivery = channel.deliver(n);
            assertEquals("<sr-notification-it-77@itest.example>", delivery.reference());

            // Reading needs Angus Mail's providers too: the same context class loader the channel sets.
            withAngusMail(() -> {
                MimeMessage m = received(smtp, delivery.reference());
                assertEquals(SUBJECT, m.getSubject());
                assertEquals(BODY, new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8).stripTrailing());
                assertEquals("support@itest.example", ((InternetAddress) m.getFrom()[0]).getAddress());
                InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
                assertEquals("wang.fang@customer.example", to.getAddress());
                assertEquals("王芳", to.getPersonal());
                assertEquals("26000000077", m.getHeader("X-SR-Number")[0]);
                assertEquals("CONFIRMATION", m.getHeader("X-SR-Kind")[0]);
                return null;
            });
            assertEquals("UP", check(http.get("health", null).json(), "email").get("status").asText());

            smtp.stop();
            try {
                channel.deliver(n);
                fail("delivered with the server stopped");
            } catch (DeliveryException e) {
                assertTrue(e.getMessage(), e.isTransient());
                assertTrue(e.getMessage(), e.getMessage().contains("127.0.0.1:" + port));
            }
            Http.Answer health = http.get("health", null);
            assertEquals(health.body(), 200, health.status()); // DEGRADED keeps the platform ready
            JsonNode email = check(health.json(), "email");
            assertEquals(health.body(), "DEGRADED", email.get("status").asText());
            assertEquals(health.body(), "the mail server 127.0.0.1:" + port + " cannot be reached",
                    email.get("detail").asText());
        } finally {
            smtp.stop();
            if (before == null) {
                config.delete();
            } else {
                config.update(before);
            }
        }
    }

    /** The e-mail channel service once its configuration matches the filter (a new configuration makes a new one). */
    private NotificationChannel awaitChannel(String filter) throws Exception {
        String f = "(&(component.name=" + COMPONENT + ")" + filter + ")";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ServiceReference<NotificationChannel> ref : context.getServiceReferences(NotificationChannel.class, f)) {
                NotificationChannel channel = context.getService(ref);
                if (channel != null) {
                    return channel;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no e-mail channel with " + filter);
    }

    private static MimeMessage received(GreenMail smtp, String messageId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            // The platform's dispatcher sends the demo data's messages through the channel too: pick ours.
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (messageId.equals(m.getMessageID())) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message " + messageId + " arrived");
    }

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

    private static JsonNode check(JsonNode health, String name) {
        assertNotNull(health);
        for (JsonNode c : health.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}
