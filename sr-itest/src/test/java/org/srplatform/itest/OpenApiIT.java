package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceMethodInfoDTO;

/**
 * {@code GET /api/v1/openapi.json} against what the platform serves: every resource method the Jakarta REST
 * whiteboard runs below {@code /api/v1} is in the document and every operation of the document is running,
 * also while a capability's bundle is stopped and after it starts again; what the document says is open
 * answers without sign-in and the rest asks for it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OpenApiIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BASE = "api/v1";
    private static final String CUSTOMER = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("customer1:customer1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @Inject
    private BundleContext context;

    @Inject
    private JakartarsServiceRuntime runtime;

    @Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    private Http http() throws InterruptedException {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("health", null, 200, WAIT).status());
        return http;
    }

    @Test
    public void everyRunningEndpointIsDocumentedAndEveryDocumentedOneIsRunning() throws Exception {
        Http http = http();
        long started = System.nanoTime();
        Http.Answer answer = http.get("openapi.json", "customer1");
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("served without sign-in: " + answer.body(), 200, answer.status());
        assertTrue(answer.contentType(), answer.contentType().startsWith("application/json"));
        JsonNode doc = answer.json();
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        assertEquals("/api/v1", doc.at("/servers/0/url").asText());

        Set<String> running = running();
        assertTrue("the whiteboard's endpoints were read: " + running, running.size() >= 70);
        assertEquals("running endpoints against the document", running, documented(doc));
        started = System.nanoTime();
        http.get("openapi.json", "customer1");
        System.out.println("OpenApiIT: " + running.size() + " operations; first GET openapi.json " + firstMillis
                + " ms (merge included), again " + (System.nanoTime() - started) / 1_000_000 + " ms (kept)");
    }

    @Test
    public void aStoppedBundlesEndpointsLeaveTheDocumentAndComeBackWhenItStarts() throws Exception {
        Http http = http();
        Bundle suggest = bundle("org.srplatform.suggest");
        assertTrue(documented(http.get("openapi.json", "customer1").json()).contains("GET suggestions"));
        suggest.stop();
        try {
            assertTrue("the whiteboard dropped the stopped bundle's resources", awaitRunning(s -> !s.contains("GET suggestions")));
            JsonNode doc = http.get("openapi.json", "customer1").json();
            Set<String> documented = documented(doc);
            assertFalse(documented.contains("GET suggestions"));
            assertFalse(documented.contains("PUT articles/{}"));
            assertEquals(running(), documented);
            assertFalse("its tag went with it", doc.get("tags").findValuesAsText("name").contains("suggest"));
        } finally {
            suggest.start();
        }
        assertTrue(awaitRunning(s -> s.contains("GET suggestions")));
        assertEquals(running(), documented(http.get("openapi.json", "customer1").json()));
    }

    @Test
    public void whatTheDocumentSaysIsOpenAnswersWithoutSignInAndTheRestAsksForIt() throws Exception {
        Http http = http();
        JsonNode doc = http.get("openapi.json", "customer1").json();
        JsonNode global = doc.get("security");
        assertTrue("HTTP Basic everywhere else", global.findValuesAsText("basic") != null && global.get(0).has("basic"));
        List<String> wrong = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            JsonNode get = path.getValue().get("get");
            if (get == null || path.getKey().contains("{")) {
                continue; // a GET with a made-up id says as much about sign-in, but needs no sample
            }
            boolean isOpen = get.has("security") && get.get("security").isEmpty();
            if (isOpen) {
                open.add(path.getKey());
            }
            int status = http.get(path.getKey().substring(1), null).status();
            if (isOpen == (status == 401)) {
                wrong.add("GET " + path.getKey() + (isOpen ? " is documented open" : " is documented signed-in")
                        + " and answered " + status + " without credentials");
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(open.toString(), new TreeSet<>(open).equals(new TreeSet<>(List.of("/health", "/health/live", "/health/ready"))));
    }

    @Test
    public void theDocumentIsKeptAndAClientThatHasItGets304() throws Exception {
        http();
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port") + "/" + BASE + "/openapi.json");
        HttpResponse<String> first = client.send(HttpRequest.newBuilder(uri).header("Authorization", CUSTOMER).build(), HttpResponse.BodyHandlers.ofString());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = client.send(HttpRequest.newBuilder(uri).header("Authorization", CUSTOMER)
                .header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        HttpResponse<String> other = client.send(HttpRequest.newBuilder(uri).header("Authorization", CUSTOMER)
                .header("If-None-Match", "\"other\"").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, other.statusCode());
        assertEquals(first.body(), other.body());
        assertNotEquals("", first.body());
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst()
                .orElseThrow();
    }

    /** Waits until the running endpoints satisfy {@code until}: whether they did in time. */
    private boolean awaitRunning(java.util.function.Predicate<Set<String>> until) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!until.test(running())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /**
     * "METHOD path" of every resource method of the applications below {@code /api/v1} ({@code sr-api-v1} and
     * the partners' {@code /api/v1/partner-events}), the path below {@code /api/v1} with its parameters as
     * {@code {}} (the whiteboard reports {@code {id: [0-9]+}} as written).
     */
    private Set<String> running() {
        Set<String> out = new TreeSet<>();
        for (ApplicationDTO app : runtime.getRuntimeDTO().applicationDTOs) {
            String base = trim(app.base);
            if (!base.equals(BASE) && !base.startsWith(BASE + "/")) {
                continue;
            }
            String prefix = base.substring(BASE.length());
            List<ResourceMethodInfoDTO> methods = new ArrayList<>();
            if (app.resourceMethods != null) {
                methods.addAll(Arrays.asList(app.resourceMethods));
            }
            for (ResourceDTO resource : app.resourceDTOs) {
                methods.addAll(Arrays.asList(resource.resourceMethods));
            }
            for (ResourceMethodInfoDTO m : methods) {
                if (m.method != null) {
                    out.add(m.method.toUpperCase() + " " + normalise(prefix + "/" + trim(m.path)));
                }
            }
        }
        return out;
    }

    /** The same of the document's operations. */
    private static Set<String> documented(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    out.add(method.toUpperCase() + " " + normalise(path.getKey()));
                }
            }
        }
        return out;
    }

    private static String normalise(String path) {
        return trim(path.replaceAll("\\{[^}]*}", "{}").replaceAll("/+", "/"));
    }

    private static String trim(String path) {
        return path == null ? "" : path.replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
