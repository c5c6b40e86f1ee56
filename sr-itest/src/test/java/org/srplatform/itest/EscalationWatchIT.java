package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.outbox.OutboxState;

/**
 * Escalation between steps, in the running platform: with acceptance due within seconds, the watch flags a
 * requested escalation overdue and tells the region's managers once (however many passes follow), and each
 * region's daily review goes out once. Its own class: the short clocks would change what EscalationIT sees.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EscalationWatchIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PID = "org.srplatform.escalation";
    private static final double ACCEPTANCE_HOURS = 0.0005; // 1.8 s
    private static final String ESCALATION = "{\"reason\":\"PRODUCTION_DOWN_DURING_UPGRADE\","
            + "\"problemStatementConfirmed\":true,\"businessImpactConfirmed\":true,\"workaroundUnacceptable\":true,"
            + "\"milestones\":[{\"name\":\"Go-live\",\"date\":\"2026-12-01\"}],\"detail\":\"watch\"}";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private Outbox outbox;

    private Http http;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Before
    public void escalationWithShortClocks() throws Exception {
        http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("escalations", "duty1", 200, WAIT).status());
        Configuration config = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> props = config.getProperties();
        if (props == null || !Double.valueOf(ACCEPTANCE_HOURS).equals(props.get("acceptance.hours"))) {
            Dictionary<String, Object> fast = new Hashtable<>();
            fast.put("acceptance.hours", ACCEPTANCE_HOURS);
            fast.put("watch.interval.seconds", 1);
            fast.put("digest.hour", 0); // every hour of the day is past it: the digest is due at once
            config.update(fast);
        }
        assertEquals(200, http.await("escalations", "duty1", 200, WAIT).status()); // back after the reconfiguration
    }

    @Test
    public void anOverdueAcceptanceIsFlaggedAndToldOnceAndTheRegionsDigestGoesOutOnce() throws Exception {
        Http.Answer sr = http.post("requests", "customer1", "{\"account\":\"1001\",\"product\":\"datacenter\","
                + "\"category\":\"performance\",\"severity\":2,\"subject\":\"Watch\",\"description\":\"x\","
                + "\"contactMethod\":\"EMAIL\"}");
        assertEquals(sr.body(), 201, sr.status());
        String number = sr.json().get("number").asText();
        Http.Answer asked = http.post("requests/" + number + "/escalations", "customer1", ESCALATION);
        assertEquals(asked.body(), 201, asked.status());
        String id = asked.json().get("id").asText();

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count("ESCALATION_OVERDUE", number) == 0) {
            assertTrue("the watch told the APJ managers that acceptance is overdue", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        JsonNode seen = http.get("escalations/" + id, "rem1").json();
        assertEquals("ACCEPTANCE", seen.get("overdue").get(0).asText());
        assertTrue(seen.get("history").toString(), seen.get("history").toString().contains("OVERDUE_ACCEPTANCE"));
        Thread.sleep(3_000); // three more passes of the watch
        assertEquals("once per due", 1, count("ESCALATION_OVERDUE", number));
        assertEquals("rem1 only: the region's manager, no engineer yet", List.of("rem1@vendor.example"),
                destinations("ESCALATION_OVERDUE", number));
        JsonNode timeline = http.get("requests/" + number, "engineer1").json().get("timeline");
        assertTrue(timeline.toString(), timeline.toString().contains("ESCALATION_OVERDUE"));
        JsonNode customers = http.get("requests/" + number, "customer1").json().get("timeline");
        assertTrue("the overdue alert is for staff", !customers.toString().contains("ESCALATION_OVERDUE"));

        deadline = System.nanoTime() + WAIT.toNanos();
        while (digests().isEmpty()) {
            assertTrue("the APJ digest went out", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
        List<OutboxEntry> digests = digests();
        assertEquals("one digest a day for APJ's one manager", 1, digests.size());
        assertTrue(digests.get(0).message().payload(), digests.get(0).message().payload().contains("\"region\":\"APJ\""));
        assertTrue(digests.get(0).message().payload(), digests.get(0).message().payload().contains("SR " + number));
    }

    private List<OutboxEntry> all() {
        List<OutboxEntry> all = new ArrayList<>();
        for (OutboxState state : OutboxState.values()) {
            all.addAll(outbox.list(state, 100_000));
        }
        return all;
    }

    private long count(String kind, String number) {
        return all().stream().filter(e -> e.message().subject().equals(kind))
                .filter(e -> e.message().request().map(Object::toString).filter(number::equals).isPresent()).count();
    }

    private List<String> destinations(String kind, String number) {
        return all().stream().filter(e -> e.message().subject().equals(kind))
                .filter(e -> e.message().request().map(Object::toString).filter(number::equals).isPresent())
                .map(e -> e.message().destination()).sorted().toList();
    }

    private List<OutboxEntry> digests() {
        return all().stream().filter(e -> e.message().subject().equals("ESCALATION_DIGEST")).toList();
    }
}
