package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Password guessing over HTTP, on the distribution's bundles in demo mode: after repeated wrong passwords
 * for one login its right password is refused (429, {@code Retry-After}, a problem saying when) until the
 * delay passes, while another user signs in at once from the same address; every failure is audited.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SignInThrottlingIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Longer than the default 2 s, so that a stalled machine cannot let the delay pass between two requests. */
    private static final int DELAY_SECONDS = 5;
    private static final String THROTTLE = "org.srplatform.web.internal.SignInThrottle";

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] configuration() throws IOException {
        TestPlatform platform = TestPlatform.create();
        // Every request of this test comes from 127.0.0.1, and waiting for the demo users to exist fails a few
        // times: the per-address limit (unit-tested) is raised so that only the per-login one acts here.
        Files.writeString(platform.layout.etc().resolve("org.srplatform.web.authentication.cfg"),
                "signin.first.delay.seconds = " + DELAY_SECONDS + "\nsignin.max.delay.seconds = " + DELAY_SECONDS
                        + "\nsignin.address.failures.before.delay = 1000\n");
        return platform.paxExamOptions();
    }

    @Test
    public void afterRepeatedWrongPasswordsTheRightOneIsRefusedUntilTheDelayPassesWhileOthersSignInAtOnce() throws Exception {
        Http http = awaitReady();
        for (int i = 1; i <= 5; i++) {
            Http.Answer wrong = http.get("me", "customer2:wrong-" + i);
            assertEquals(wrong.body(), 401, wrong.status());
        }

        HttpResponse<String> refused = get("me", "customer2", "customer2");
        assertEquals(refused.body(), 429, refused.statusCode());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("0"));
        assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= DELAY_SECONDS);
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = new ObjectMapper().readTree(refused.body());
        assertEquals(429, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText(), problem.get("detail").asText().contains("try again in"));

        // Another user, from the same address, is not held up.
        assertEquals(200, http.get("me", "customer1").status());

        // Once the delay has passed the right password signs in, and that clears customer2's failures.
        assertEquals(200, http.await("me", "customer2", 200, WAIT).status());
        assertEquals(401, http.get("me", "customer2:wrong-again").status());
        assertEquals(200, http.get("me", "customer2").status());

        // The audit logger names login, address and reason, never the password.
        String audit = awaitLog("Sign-in failed: login 'customer2' from 127.0.0.1");
        assertTrue(audit, audit.contains("further sign-ins refused for " + DELAY_SECONDS + " s"));
        assertFalse("no password in the log", audit.contains("wrong-1"));
    }

    /** Healthy, demo users signed in, and the throttle running with this test's configuration. */
    private Http awaitReady() throws Exception {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("health", null, 200, WAIT).status());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!throttleConfigured() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue("the throttle took this test's configuration", throttleConfigured());
        assertEquals(200, http.await("me", "customer1", 200, WAIT).status());
        // Demo users are created one after the other (each a slow hash); admin1 comes last.
        assertEquals(200, http.await("me", "admin1", 200, WAIT).status());
        return http;
    }

    private boolean throttleConfigured() {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.name.equals(THROTTLE)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.ACTIVE
                            && String.valueOf(DELAY_SECONDS).equals(String.valueOf(c.properties.get("signin.first.delay.seconds")))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private HttpResponse<String> get(String path, String login, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + context.getProperty("org.osgi.service.http.port") + "/api/v1/" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + credentials).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The platform's log once it holds the line (the audit logger writes there too). */
    private String awaitLog(String line) throws Exception {
        Path log = Path.of(context.getProperty("sr.log"), "sr-platform.log");
        long deadline = System.nanoTime() + WAIT.toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(line)) {
                return text;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + line + "' in " + log + ":\n" + text);
    }
}
