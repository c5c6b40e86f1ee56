package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;

/**
 * The web UI on the real platform: the shell at {@code /} with its security headers, the API beside it unchanged,
 * and the UI modules of the active bundles listed for the shell, a stopped bundle's gone from the list.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UiIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private HttpServiceRuntime runtime;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port")
                + path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> await(String path, int status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> r = get(path);
        while (r.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = get(path);
        }
        assertEquals(path + " " + r.body() + "\n" + registrations(), status, r.statusCode());
        return r;
    }

    /** What the servlet whiteboard holds, to say why a path is not served. */
    private String registrations() {
        RuntimeDTO dto = runtime.getRuntimeDTO();
        List<String> out = new ArrayList<>();
        for (ServletContextDTO c : dto.servletContextDTOs) {
            out.add("context " + c.name + " " + c.contextPath + ": servlets " + java.util.Arrays.stream(c.servletDTOs)
                    .map(s -> s.name + java.util.Arrays.toString(s.patterns)).toList() + " resources "
                    + java.util.Arrays.stream(c.resourceDTOs).map(r -> java.util.Arrays.toString(r.patterns)).toList());
        }
        java.util.Arrays.stream(dto.failedServletDTOs).forEach(f -> out.add("failed servlet " + f.name + " "
                + java.util.Arrays.toString(f.patterns) + " reason " + f.failureReason));
        java.util.Arrays.stream(dto.failedServletContextDTOs).forEach(f -> out.add("failed context " + f.name + " reason "
                + f.failureReason));
        return String.join("\n", out);
    }

    @Test
    public void theShellIsServedAtTheRootWithItsSecurityHeaders() throws Exception {
        HttpResponse<String> shell = await("/", 200);
        assertTrue(shell.body(), shell.body().contains("/ui/shell/app.js"));
        assertTrue(shell.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String csp = shell.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp, csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
        assertEquals("DENY", shell.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", shell.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(shell.headers().firstValue("Referrer-Policy").isPresent());

        HttpResponse<String> script = await("/ui/shell/app.js", 200);
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertEquals("DENY", script.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals(200, await("/ui/portal/messages.zh-CN.json", 200).statusCode());

        // The API beside it is the API's: JSON problems, not the UI's pages.
        // (The UI may be served before the API: until then /api/ answers 503 problems, so wait for the API.)
        HttpResponse<String> api = await("/api/v1/requests", 401);
        assertEquals(401, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
        assertEquals(404, get("/no-such-page").statusCode());
    }

    @Test
    public void aSuggestionThatSolvedTheProblemIsCountedForStaff() throws Exception {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("me", "customer1", 200, WAIT).status());
        Http.Answer suggested = http.await("suggestions?product=datacenter&category=performance", "customer1", 200, WAIT);
        String article = suggested.json().get("items").get(0).get("id").asText();
        String body = "{\"product\":\"datacenter\",\"category\":\"performance\"}";
        assertEquals(204, http.post("suggestions/" + article + "/solved", "customer1", body).status());
        assertEquals(204, http.post("suggestions/" + article + "/solved", "customer2", body).status());
        Http.Answer wrong = http.post("suggestions/" + article + "/solved", "customer1", "{\"product\":\"nope\"}");
        assertEquals(wrong.body(), 400, wrong.status());
        assertEquals(403, http.get("suggestions/solved", "customer1").status());
        Http.Answer counts = http.get("suggestions/solved", "duty1");
        assertEquals(counts.body(), 200, counts.status());
        com.fasterxml.jackson.databind.JsonNode first = counts.json().get("items").get(0);
        assertEquals(article, first.get("article").asText());
        assertEquals("datacenter", first.get("product").asText());
        assertEquals(2, first.get("solved").asInt());
    }

    @Test
    public void theModulesOfActiveBundlesAreListedAndAStoppedBundlesAreNot() throws Exception {
        String modules = await("/ui/modules", 200).body();
        assertTrue(modules, modules.contains("\"name\":\"portal\"") && modules.contains("\"name\":\"operator\""));
        assertTrue(modules, modules.contains("\"entry\":\"/ui/portal/module.js\""));
        Bundle ui = java.util.Arrays.stream(context.getBundles()).filter(b -> "org.srplatform.ui".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        ui.stop();
        try {
            assertEquals(404, get("/").statusCode());
        } finally {
            ui.start();
        }
        await("/", 200);
        assertTrue(await("/ui/modules", 200).body().contains("portal"));
    }
}
