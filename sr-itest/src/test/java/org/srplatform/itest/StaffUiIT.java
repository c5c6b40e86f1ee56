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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Before;
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
 * The staff side of the web UI on the real platform: the capability bundles' own UI modules (the support console of
 * sr-casework, the escalation board of sr-escalation, the operator pages of sr-admin) listed for the shell and their
 * files served with the UI's security headers, Chart.js served once, a stopped capability's module gone from the
 * list, and the endpoint the Bundles page reads ({@code GET /admin/bundles}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StaffUiIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Module name, the bundle that brings it, and its files. */
    private static final Map<String, String> MODULES = Map.of("console", "org.srplatform.casework",
            "escalations", "org.srplatform.escalation", "operations", "org.srplatform.admin");

    @Inject
    private BundleContext context;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Http http;

    @Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Before
    public void ready() throws Exception {
        http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("me", "admin1", 200, WAIT).status());
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
        assertEquals(path + " " + r.body(), status, r.statusCode());
        return r;
    }

    private JsonNode module(JsonNode list, String name) {
        for (JsonNode m : list.get("items")) {
            if (m.get("name").asText().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private JsonNode awaitModules(String name, boolean present) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode list = JSON.readTree(await("/ui/modules", 200).body());
        while ((module(list, name) != null) != present && System.nanoTime() < deadline) {
            Thread.sleep(100);
            list = JSON.readTree(await("/ui/modules", 200).body());
        }
        assertEquals(list.toString(), present, module(list, name) != null);
        return list;
    }

    @Test
    public void theStaffModulesOfTheCapabilityBundlesAreListedAndServed() throws Exception {
        for (Map.Entry<String, String> e : MODULES.entrySet()) {
            JsonNode m = module(awaitModules(e.getKey(), true), e.getKey());
            assertEquals(m.toString(), "staff", m.get("audience").asText());
            assertEquals(m.toString(), e.getValue(), m.get("bundle").asText());
            assertEquals("/ui/" + e.getKey() + "/module.js", m.get("entry").asText());
            HttpResponse<String> script = await(m.get("entry").asText(), 200);
            assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"));
            assertTrue(script.body(), script.body().contains("export default function register(ui)"));
            assertEquals("DENY", script.headers().firstValue("X-Frame-Options").orElse(""));
            assertTrue(script.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
            JsonNode en = JSON.readTree(await("/ui/" + e.getKey() + "/messages.en.json", 200).body());
            JsonNode zh = JSON.readTree(await("/ui/" + e.getKey() + "/messages.zh-CN.json", 200).body());
            assertEquals(e.getKey(), en.size(), zh.size());
            assertTrue(en.has(e.getKey() + ".title"));
            assertTrue(await("/ui/" + e.getKey() + "/" + e.getKey() + ".css", 200).headers().firstValue("Content-Type")
                    .orElse("").startsWith("text/css"));
        }
        // The console's other files, each imported by its module.
        for (String file : List.of("queue.js", "request.js", "phone.js", "charts.js", "clocks.js")) {
            await("/ui/console/" + file, 200);
        }
        for (String file : List.of("board.js", "escalation.js", "collaborations.js", "time.js")) {
            await("/ui/escalations/" + file, 200);
        }
        assertEquals(404, get("/ui/console/no-such-file.js").statusCode());
    }

    @Test
    public void chartJsIsServedOnceFromThePlatformsOwnFiles() throws Exception {
        HttpResponse<String> chart = await("/ui/lib/chart.umd.min.js", 200);
        assertTrue(chart.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertTrue("the UMD build of Chart.js 4", chart.body().contains("Chart.js v4.5.1"));
    }

    @Test
    public void aStoppedCapabilityTakesItsPagesAway() throws Exception {
        Bundle escalation = Arrays.stream(context.getBundles())
                .filter(b -> "org.srplatform.escalation".equals(b.getSymbolicName())).findFirst().orElseThrow();
        escalation.stop();
        try {
            awaitModules("escalations", false);
            await("/ui/escalations/module.js", 404);
            assertTrue(module(awaitModules("console", true), "console") != null);
        } finally {
            escalation.start();
        }
        awaitModules("escalations", true);
        await("/ui/escalations/module.js", 200);
    }

    @Test
    public void administratorsSeeTheInstalledBundlesAndTheirState() {
        Http.Answer all = http.get("admin/bundles", "admin1");
        assertEquals(all.body(), 200, all.status());
        boolean admin = false;
        for (JsonNode b : all.json().get("items")) {
            if (b.get("symbolicName").asText().equals("org.srplatform.admin")) {
                admin = true;
                assertEquals("ACTIVE", b.get("state").asText());
                assertEquals("operations;audience=staff", b.get("uiModules").asText());
                assertFalse(b.get("fragment").asBoolean());
            }
        }
        assertTrue(all.body(), admin);
        assertEquals(0L, all.json().get("items").get(0).get("id").asLong()); // the framework itself, first
        Http.Answer active = http.get("admin/bundles?state=active", "admin1");
        assertEquals(200, active.status());
        for (JsonNode b : active.json().get("items")) {
            assertEquals("ACTIVE", b.get("state").asText());
        }
        Http.Answer wrong = http.get("admin/bundles?state=RUNNING", "admin1");
        assertEquals(wrong.body(), 400, wrong.status());
        assertTrue(wrong.body(), wrong.body().contains("\"state\"") && wrong.body().contains("ACTIVE"));
        assertEquals(403, http.get("admin/bundles", "engineer1").status());
        assertEquals(403, http.get("admin/bundles", "customer1").status());
        assertEquals(401, http.get("admin/bundles", null).status());
    }
}
