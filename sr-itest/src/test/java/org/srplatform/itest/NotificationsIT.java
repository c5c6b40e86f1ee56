package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxEntry;

/**
 * Notifications in the running platform in demo mode, without a mail server: the dispatcher drains the
 * outbox into the mailbox, in the contact's language, records each delivery in the SR's timeline, and an
 * administrator sees and retries dead messages.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NotificationsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private Outbox outbox;

    private Http http;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Before
    public void http() throws Exception {
        http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("mailbox", "engineer1", 200, WAIT).status());
    }

    @Test
    public void aNewSrsConfirmationArrivesInTheContactsLanguageAndTheTimelineSaysSo() throws Exception {
        String english = open("customer1", "1001", "datacenter");
        String chinese = open("customer2", "2002", "workstation");

        JsonNode en = awaitMail(english, "CONFIRMATION");
        assertEquals("customer1@acme.example", en.get("to").asText());
        assertTrue(en.get("subject").asText(), en.get("subject").asText().contains("[SR " + english + "] We received"));
        assertTrue(en.get("body").asText().contains("Casey Customer"));
        JsonNode zh = awaitMail(chinese, "CONFIRMATION");
        assertEquals("customer2@globex.example", zh.get("to").asText());
        assertTrue(zh.get("subject").asText(), zh.get("subject").asText().contains("我们已收到您的支持请求"));
        assertTrue(zh.get("body").asText(), zh.get("body").asText().contains("您的支持请求编号为 " + chinese));

        JsonNode timeline = http.get("requests/" + english, "customer1").json().get("timeline");
        boolean recorded = false;
        for (JsonNode e : timeline) {
            recorded |= e.get("kind").asText().equals("NOTIFICATION_SENT")
                    && e.get("details").get("kind").asText().equals("CONFIRMATION")
                    && e.get("details").get("recipient").asText().equals("customer1@acme.example");
        }
        assertTrue("the customer sees that the confirmation went out: " + timeline, recorded);
        assertEquals("a retry-safe mailbox keeps each message once", 1, count(english, "CONFIRMATION"));
    }

    @Test
    public void anEngineersResponseIsMailedAndAnInternalNoteIsNot() throws Exception {
        String n = open("customer1", "1001", "datacenter");
        assertEquals(200, http.post("requests/" + n + "/assignment", "engineer1", "{\"engineer\":\"engineer1\"}").status());
        String secret = "note-" + UUID.randomUUID();
        assertEquals(201, http.post("requests/" + n + "/comments", "engineer1",
                "{\"text\":\"" + secret + "\",\"internal\":true}").status());
        assertEquals(201, http.post("requests/" + n + "/responses", "engineer1",
                "{\"channel\":\"EMAIL\",\"text\":\"Please send the vmkernel log.\"}").status());
        JsonNode response = awaitMail(n, "RESPONSE");
        assertTrue(response.get("body").asText().contains("Please send the vmkernel log."));
        assertFalse(http.get("mailbox?sr=" + n, "engineer1").body().contains(secret));
    }

    @Test
    public void administratorsSeeDeadMessagesWithTheReasonAndRetryThem() throws Exception {
        OutboxEntry entry = outbox.enqueue(new OutboundMessage("notification", Optional.empty(), "ops@vendor.example",
                "NO_SUCH_KIND", "{}", Instant.now()));
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode dead = null;
        while (dead == null && System.nanoTime() < deadline) {
            for (JsonNode m : http.get("admin/outbox?state=DEAD&limit=500", "admin1").json().get("items")) {
                if (m.get("id").asLong() == entry.id()) {
                    dead = m;
                }
            }
            Thread.sleep(200);
        }
        assertTrue("the message without a template is DEAD", dead != null);
        assertTrue(dead.toString(), dead.get("lastError").asText().contains("no template for kind NO_SUCH_KIND"));
        assertEquals(1, dead.get("attempts").asInt());
        Http.Answer retried = http.post("admin/outbox/" + entry.id() + "/retry", "admin1", "{}");
        assertEquals(retried.body(), 200, retried.status());
        assertEquals(0, retried.json().get("attempts").asInt());

        assertEquals(403, http.get("admin/outbox?state=DEAD", "engineer1").status());
        assertEquals(400, http.get("admin/outbox?state=LOST", "admin1").status());
        assertEquals(404, http.post("admin/outbox/999999999/retry", "admin1", "{}").status());
        String n = open("customer1", "1001", "datacenter");
        awaitMail(n, "CONFIRMATION");
        long sent = 0;
        for (JsonNode m : http.get("admin/outbox?state=SENT&limit=500", "admin1").json().get("items")) {
            if (m.get("number").asText().equals(n)) {
                sent = m.get("id").asLong();
            }
        }
        assertTrue(sent > 0);
        Http.Answer notDead = http.post("admin/outbox/" + sent + "/retry", "admin1", "{}");
        assertEquals(notDead.body(), 409, notDead.status());
    }

    @Test
    public void healthCarriesTheNotificationsCheckAndCustomersCannotReadTheMailbox() {
        JsonNode health = http.get("health", null).json();
        boolean found = false;
        for (JsonNode c : health.get("checks")) {
            found |= c.get("name").asText().equals("outbox");
        }
        assertTrue(health.toString(), found);
        assertEquals(403, http.get("mailbox", "customer1").status());
        assertEquals(400, http.get("mailbox?sr=12", "engineer1").status());
    }

    private String open(String user, String account, String product) {
        JsonNode p = null;
        for (JsonNode x : http.get("products", user).json().get("items")) {
            if (x.get("id").asText().equals(product)) {
                p = x;
            }
        }
        Http.Answer a = http.post("requests", user, "{\"account\":\"" + account + "\",\"product\":\"" + product
                + "\",\"category\":\"" + p.get("categories").get(0).get("id").asText() + "\",\"severity\":3,"
                + "\"subject\":\"Mail " + UUID.randomUUID() + "\",\"description\":\"x\",\"contactMethod\":\"EMAIL\"}");
        assertEquals(a.body(), 201, a.status());
        return a.json().get("number").asText();
    }

    private JsonNode awaitMail(String number, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode m : http.get("mailbox?sr=" + number, "engineer1").json().get("items")) {
                if (m.get("kind").asText().equals(kind)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + kind + " for SR " + number + " in the mailbox within " + WAIT);
    }

    private int count(String number, String kind) {
        int n = 0;
        for (JsonNode m : http.get("mailbox?sr=" + number, "engineer1").json().get("items")) {
            n += m.get("kind").asText().equals(kind) ? 1 : 0;
        }
        return n;
    }
}
