package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A feature broken from the shell with SCR's own command (issue 8, finding 17): health says so, and
 * {@code sr:enable} repairs it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BrokenFeatureIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SR = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\","
            + "\"severity\":3,\"subject\":\"Slow\",\"description\":\"slow\",\"contactMethod\":\"EMAIL\"}";

    @Inject
    private CommandProcessor shell;

    @Inject
    private org.osgi.framework.BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Test
    public void aFeatureWhoseComponentScrDisabledIsDownInHealthAndSrEnableRepairsIt() throws Exception {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("health", null, 200, WAIT).status());
        assertEquals(200, http.await("me", "customer1", 200, WAIT).status());

        // What 'disable ...' typed for 'sr:disable' runs: SCR's own command, on one component of intake.
        run("scr:disable org.srplatform.intake.internal.EntitledIntakeService");

        Http.Answer down = http.await("health", null, 503, WAIT);
        assertEquals(down.body(), 503, down.status());
        assertEquals(down.body(), "DOWN", down.json().get("status").asText());
        JsonNode intake = check(down.json(), "intake");
        assertEquals(down.body(), "DOWN", intake.get("status").asText());
        assertTrue(down.body(), intake.get("detail").asText().contains("'sr:enable intake'"));

        String enabled = run("sr:enable intake");
        assertTrue(enabled, enabled.contains("Components that SCR held disabled were enabled again"));
        assertEquals(201, awaitPost(http, "requests", "customer1", SR, 201).status());
        Http.Answer up = http.await("health", null, 200, WAIT);
        assertEquals(up.body(), 200, up.status());

        String usage = run("sr:enable");
        assertTrue(usage, usage.startsWith("Usage: sr:enable ID"));
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private static Http.Answer awaitPost(Http http, String path, String user, String body, int status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Http.Answer last = http.post(path, user, body);
        while (last.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = http.post(path, user, body);
        }
        return last;
    }

    private String run(String command) throws Exception {
        return Shell.run(shell, command);
    }
}
