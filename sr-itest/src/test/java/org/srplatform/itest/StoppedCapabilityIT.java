package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A capability whose bundle is stopped (installed, not active): its endpoints are gone from the
 * application, yet they answer the 503 problem of a disabled feature, naming the feature and the bundle,
 * as its {@code SR-Endpoints} header declares; the other bundles' endpoints keep working. A class of its
 * own, so that stopping bundles does not disturb the framework the other tests share.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoppedCapabilityIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SUGGESTIONS = "suggestions?product=datacenter&category=performance&q=latency";
    private static final String OPEN = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\","
            + "\"severity\":3,\"subject\":\"Slow\",\"description\":\"slow\",\"contactMethod\":\"EMAIL\"}";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Test
    public void aStoppedCapabilitysEndpointsAnswer503NamingItsFeature() throws Exception {
        Http http = awaitHealthy();
        assertEquals(200, http.await(SUGGESTIONS, "customer1", 200, WAIT).status());
        Bundle suggest = bundle("org.srplatform.suggest");
        suggest.stop();
        try {
            // Until the whiteboard has rebuilt the application, the resource being removed may still answer.
            assertStopped(await(() -> http.get(SUGGESTIONS, "customer1"), "suggestions"), "suggestions",
                    "org.srplatform.suggest");
            // /articles ships in the same bundle under the name its own 503 uses.
            assertStopped(await(() -> http.get("articles?product=datacenter", "customer1"), "catalog"), "catalog",
                    "org.srplatform.suggest");
            // A path nobody declares is still 404; the rest of the platform still answers.
            Http.Answer unknown = http.get("no-such-endpoint", "customer1");
            assertEquals(unknown.body(), 404, unknown.status());
            assertEquals(200, http.get("products", "customer1").status());
        } finally {
            suggest.start();
        }
        assertEquals(200, http.await(SUGGESTIONS, "customer1", 200, WAIT).status());
    }

    @Test
    public void withIntakeStoppedOpeningAnSrAnswers503WhileReadingSrsWorks() throws Exception {
        Http http = awaitHealthy();
        assertEquals(200, http.await("requests/fields", "customer1", 200, WAIT).status());
        Bundle intake = bundle("org.srplatform.intake");
        intake.stop();
        try {
            // Without the header this was 405: sr-requests still serves GET /requests.
            assertStopped(await(() -> http.post("requests", "customer1", OPEN), "intake"), "intake",
                    "org.srplatform.intake");
            // Taken by sr-requests' GET /requests/{number} now, which would answer "no SR 'fields'".
            // Each resource leaves the application on its own (the whiteboard follows services one by one).
            assertStopped(await(() -> http.get("requests/fields", "customer1"), "intake"), "intake",
                    "org.srplatform.intake");
            assertStopped(await(() -> http.get("phone/callbacks", "engineer1"), "intake"), "intake",
                    "org.srplatform.intake");
            Http.Answer list = http.get("requests", "customer1");
            assertEquals(list.body(), 200, list.status());
            // An SR that does not exist is still the platform's 404 of sr-requests.
            Http.Answer missing = http.get("requests/99999999999", "customer1");
            assertEquals(missing.body(), 404, missing.status());
        } finally {
            intake.start();
        }
        assertEquals(200, http.await("requests/fields", "customer1", 200, WAIT).status());
        Http.Answer created = awaitPost(http, "requests", "customer1", OPEN, 201);
        assertEquals(created.body(), 201, created.status());
    }

    /** Waits until the answer is the stopped bundle's 503 naming the feature; returns the last answer either way. */
    private static Http.Answer await(Supplier<Http.Answer> call, String feature) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Http.Answer last = call.get();
        while (!isStopped(last, feature) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = call.get();
        }
        return last;
    }

    private static boolean isStopped(Http.Answer answer, String feature) {
        return answer.status() == 503 && answer.json() != null && feature.equals(answer.json().path("feature").asText())
                && answer.json().path("detail").asText().contains("its bundle");
    }

    private static void assertStopped(Http.Answer answer, String feature, String bundle) {
        assertEquals(answer.body(), 503, answer.status());
        assertTrue(answer.contentType(), answer.contentType().startsWith("application/problem+json"));
        assertEquals(answer.body(), feature, answer.json().get("feature").asText());
        assertEquals(answer.body(), "Feature unavailable", answer.json().get("title").asText());
        String detail = answer.json().get("detail").asText();
        assertTrue(detail, detail.contains("'" + feature + "'") && detail.contains(bundle) && detail.contains("start"));
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    private Http awaitHealthy() throws InterruptedException {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        Http.Answer health = http.await("health", null, 200, WAIT);
        assertEquals("health answers: " + health.body(), 200, health.status());
        assertEquals(200, http.await("accounts", "customer1", 200, WAIT).status());
        assertEquals(200, http.await("me", "engineer1", 200, WAIT).status());
        return http;
    }

    private static Http.Answer awaitPost(Http http, String path, String user, String body, int status)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Http.Answer last = http.post(path, user, body);
        while (last.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = http.post(path, user, body);
        }
        return last;
    }
}
