package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxState;

/**
 * The connector kit as a vendor uses it: {@code examples/partner-connector} is built by its own Maven build
 * (a copy of the folder, against the released sr-api 1.0.0 only), the jar is dropped into the running
 * platform's {@code deploy/} folder, a collaboration goes through it to OPEN and ACCEPTED, and after the jar
 * is removed the platform lists it no more, stays healthy, keeps the collaboration and refuses new ones for it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PartnerConnectorKitIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PID = "org.srplatform.collaboration";
    private static final String BSN = "com.example.sr.connector";
    private static final String JAR = "example-partner-connector-1.0.0.jar";
    private static final String OPEN_SR = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\","
            + "\"severity\":2,\"subject\":\"Datastore latency after upgrade\",\"description\":\"Since the upgrade the"
            + " datastore is slow\",\"contactMethod\":\"EMAIL\"}";
    private static final String COLLABORATION = "{\"connector\":\"example\",\"partner\":\"Example Corp\","
            + "\"summary\":\"Datastore latency after upgrade\",\"detail\":\"Latency rose from 2 ms to 40 ms\","
            + "\"priority\":\"HIGH\",\"consent\":true,\"fields\":{}}";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private Outbox outbox;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Test
    public void aVendorsConnectorBuiltAgainstTheReleasedApiIsHotDeployedUsedAndRemovedWithoutHarm() throws Exception {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("connectors", "escalation1", 200, WAIT).status());
        followEverySecond();

        Path jar = buildTheKit();
        try (JarFile built = new JarFile(jar.toFile())) {
            String imports = built.getManifest().getMainAttributes().getValue("Import-Package");
            assertTrue("built against the released 1.0 API, so every 1.x platform takes it: " + imports,
                    imports.contains("org.srplatform.api.partner;version=\"[1.0,2)\""));
            assertFalse("the kit carries no copy of the platform's classes",
                    built.stream().anyMatch(e -> e.getName().startsWith("org/srplatform/")));
        }

        // Dropped into the watched folder as a vendor would: it appears whole, under its final name.
        Path deploy = Path.of(Optional.ofNullable(context.getProperty("sr.deploy"))
                .orElseThrow(() -> new AssertionError("the platform names no deploy/ folder (sr.deploy)")));
        Path deployed = deploy.resolve(JAR);
        Path partial = deploy.resolve(".example.part");
        Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, deployed, StandardCopyOption.ATOMIC_MOVE);

        JsonNode listed = awaitConnectors(http, ids -> ids.contains("example"));
        JsonNode example = connector(listed, "example").orElseThrow(() -> new AssertionError(listed.toString()));
        assertEquals("Example vendor (in memory)", example.get("name").asText());
        assertEquals("READY", example.get("state").asText());
        Bundle bundle = bundle().orElseThrow(() -> new AssertionError("no bundle " + BSN));
        assertEquals("FileInstall started it", Bundle.ACTIVE, bundle.getState());
        assertTrue(bundle.getLocation(), bundle.getLocation().contains(JAR));

        // A 1.0 connector on a 1.1 platform: what 1.1 added answers by its default.
        Http.Answer partners = http.get("connectors/example/partners?q=", "escalation1");
        assertEquals(partners.body(), 200, partners.status());
        assertEquals(0, partners.json().size());

        Http.Answer sr = http.post("requests", "customer1", OPEN_SR);
        assertEquals(sr.body(), 201, sr.status());
        String number = sr.json().get("number").asText();
        Http.Answer requested = http.post("requests/" + number + "/collaborations", "escalation1", COLLABORATION);
        assertEquals(requested.body(), 202, requested.status());
        assertEquals("the partner is called later, by the dispatcher", "REQUESTED",
                requested.json().get("state").asText());
        String id = requested.json().get("id").asText();

        JsonNode accepted = awaitCollaboration(http, number, id, "ACCEPTED");
        String externalId = accepted.get("externalId").asText();
        assertTrue(accepted.toString(), externalId.startsWith("EX-"));
        assertEquals("Alex Example", accepted.get("engineer").asText());
        assertTrue("the partner's note came in with the acceptance: " + accepted,
                stream(accepted.get("notes")).anyMatch(n -> n.get("direction").asText().equals("IN")
                        && n.get("author").asText().equals("Alex Example")));
        List<String> kinds = timelineKinds(http, number);
        int opened = kinds.indexOf("COLLABORATION_OPEN");
        assertTrue("the dispatcher's open made it OPEN at the partner: " + kinds,
                kinds.indexOf("COLLABORATION_REQUESTED") >= 0 && opened > kinds.indexOf("COLLABORATION_REQUESTED"));
        assertTrue("a follow then found it accepted: " + kinds, kinds.indexOf("COLLABORATION_ACCEPTED") > opened);
        assertTrue("the open was a partner call through the outbox", outbox.list(OutboxState.SENT, 10_000).stream()
                .anyMatch(e -> e.message().type().equals("partner:example")
                        && e.message().request().map(Object::toString).orElse("").equals(number)));

        // Removed from the watched folder: uninstalled, unlisted, and nothing else changes.
        Files.delete(deployed);
        JsonNode after = awaitConnectors(http, ids -> !ids.contains("example"));
        awaitNoBundle();
        Http.Answer health = http.await("health", null, 200, WAIT);
        assertEquals(health.body(), 200, health.status());
        assertEquals("UP", health.json().get("status").asText());

        Http.Answer kept = http.get("requests/" + number + "/collaborations", "escalation1");
        assertEquals(kept.body(), 200, kept.status());
        JsonNode still = find(kept.json(), id);
        assertEquals("ACCEPTED", still.get("state").asText());
        assertEquals(externalId, still.get("externalId").asText());

        Http.Answer refused = http.post("requests/" + number + "/collaborations", "escalation1", COLLABORATION);
        assertEquals(refused.body(), 400, refused.status());
        String installed = ids(after).toString();
        assertTrue("the refusal names the connectors installed now, " + installed + ": " + refused.body(),
                stream(refused.json().get("errors")).anyMatch(e -> e.get("field").asText().equals("connector")
                        && e.get("message").asText().equals("'example' is not installed; installed: " + installed)));
        assertEquals("the refused request left no second collaboration", 1,
                http.get("requests/" + number + "/collaborations", "escalation1").json().size());
    }

    /**
     * Runs the kit's own build, as its README says, on a copy of the folder (so that nothing of the checkout
     * but the released API in cnf/releases is within its reach), with the Maven on the PATH (or MAVEN_HOME's).
     */
    private static Path buildTheKit() throws IOException, InterruptedException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path kit = root.resolve("examples/partner-connector");
        assertTrue("no connector kit at " + kit, Files.isRegularFile(kit.resolve("pom.xml")));
        Path work = Files.createTempDirectory("partner-connector-kit");
        try (Stream<Path> files = Files.walk(kit)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = kit.relativize(f);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path to = work.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path log = work.resolve("build.log");
        // Offline: the plugins the kit pins are the ones this build already used; its .mvn/maven.config lets
        // Maven read the file: repository of the released API while offline.
        Process build = new ProcessBuilder(maven(), "-B", "-o", "package",
                "-Dsr.api.releases=" + root.resolve("cnf/releases").toUri())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError("the kit's build did not finish; see " + log);
        }
        String output = Files.readString(log);
        assertEquals("the kit's build failed:\n" + tail(output), 0, build.exitValue());
        assertTrue("the kit's unit tests ran and passed:\n" + tail(output),
                Pattern.compile("Tests run: [1-9]\\d*, Failures: 0, Errors: 0").matcher(output).find());
        Path jar = work.resolve("target").resolve(JAR);
        assertTrue("the kit's build made no " + jar, Files.isRegularFile(jar));
        return jar;
    }

    /** The Maven of this build when known, else the one on the PATH. */
    private static String maven() {
        for (String home : new String[] {System.getProperty("maven.home"), System.getenv("MAVEN_HOME")}) {
            if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
                return Path.of(home, "bin", "mvn").toString();
            }
        }
        return "mvn";
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    /** follow.seconds 1, so that the dispatcher's follow-up comes within a second of the open. */
    private void followEverySecond() throws Exception {
        Configuration config = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> props = config.getProperties();
        Dictionary<String, Object> fast = new Hashtable<>();
        if (props != null) {
            for (String key : Collections.list(props.keys())) {
                fast.put(key, props.get(key));
            }
        }
        fast.put("follow.seconds", 1);
        fast.put("dispatch.poll.millis", 200);
        config.update(fast);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!configured("Collaborations") || !configured("PartnerDispatcher")) {
            assertTrue("collaboration components took follow.seconds = 1", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    private boolean configured(String component) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.name.equals("org.srplatform.collaboration.internal." + component)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                // Satisfied is enough: whether the dispatcher really runs shows in the collaboration's state.
                if (c.state >= ComponentConfigurationDTO.SATISFIED && c.state != ComponentConfigurationDTO.FAILED_ACTIVATION
                        && "1".equals(String.valueOf(c.properties.get("follow.seconds")))) {
                    return true;
                }
            }
        }
        return false;
    }

    private JsonNode awaitConnectors(Http http, Predicate<List<String>> until) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Http.Answer last = http.get("connectors", "escalation1");
        while ((last.status() != 200 || !until.test(ids(last.json()))) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = http.get("connectors", "escalation1");
        }
        assertEquals(last.body(), 200, last.status());
        assertTrue("GET /connectors never came to what was awaited: " + last.body(), until.test(ids(last.json())));
        return last.json();
    }

    private static JsonNode awaitCollaboration(Http http, String number, String id, String state)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Http.Answer a = http.get("requests/" + number + "/collaborations", "escalation1");
            assertEquals(a.body(), 200, a.status());
            last = find(a.json(), id);
            assertFalse("no call of it failed: " + last, last.hasNonNull("lastError"));
            if (state.equals(last.get("state").asText())) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("collaboration " + id + " never became " + state + ": " + last);
    }

    private static JsonNode find(JsonNode collaborations, String id) {
        return stream(collaborations).filter(c -> c.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no collaboration " + id + " in " + collaborations));
    }

    private static List<String> timelineKinds(Http http, String number) {
        List<String> kinds = new ArrayList<>();
        http.get("requests/" + number, "escalation1").json().get("timeline")
                .forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }

    private static List<String> ids(JsonNode connectors) {
        return stream(connectors).map(c -> c.get("id").asText()).toList();
    }

    private static Optional<JsonNode> connector(JsonNode connectors, String id) {
        return stream(connectors).filter(c -> c.get("id").asText().equals(id)).findFirst();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private Optional<Bundle> bundle() {
        return Stream.of(context.getBundles()).filter(b -> BSN.equals(b.getSymbolicName())).findFirst();
    }

    private void awaitNoBundle() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bundle().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse("FileInstall uninstalled the bundle", bundle().isPresent());
    }
}
