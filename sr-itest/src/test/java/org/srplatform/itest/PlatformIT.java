package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.srplatform.spi.feature.FeatureService;
import org.srplatform.spi.feature.FeatureState;

/**
 * Boots the distribution's bundle set (sr-dist's resolved system/ folder, with its start levels and the
 * launcher's framework properties) in Felix, in demo mode, and checks the platform as a whole.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private FeatureService features;

    @Inject
    private CommandProcessor shell;

    @Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    /**
     * Every module of the reactor is a bundle of the run (but the launcher, the distribution and these
     * tests): a capability added to the reactor but missing from the distribution fails here.
     */
    @Test
    public void everyPlatformModuleIsActiveInTheRun() throws Exception {
        awaitHealthy();
        String pom = Files.readString(Path.of("../pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<module>(sr-[a-z-]+)</module>").matcher(pom);
        List<String> expected = new ArrayList<>();
        while (m.find()) {
            if (!List.of("sr-dist", "sr-itest", "sr-launcher", "sr-reliability", "sr-ui-test").contains(m.group(1))) {
                expected.add("org.srplatform." + m.group(1).substring(3).replace('-', '.'));
            }
        }
        assertTrue("the reactor's modules were read", expected.size() > 5);
        List<String> active = Arrays.stream(context.getBundles()).filter(b -> b.getState() == Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).toList();
        List<String> missing = expected.stream().filter(bsn -> !active.contains(bsn)).toList();
        assertEquals("platform modules missing from the run or not active", List.of(), missing);
    }

    @Test
    public void everyBundleOfTheDistributionIsActive() throws Exception {
        awaitHealthy();
        List<String> notActive = Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .map(b -> b.getSymbolicName() + " (" + b.getState() + ")").toList();
        assertEquals("bundles not active", List.of(), notActive);
        assertTrue("the platform's bundles are installed", Arrays.stream(context.getBundles())
                .map(Bundle::getSymbolicName).collect(Collectors.toSet())
                .containsAll(List.of("org.srplatform.api", "org.srplatform.store", "org.srplatform.web",
                        "org.srplatform.features", "org.srplatform.demo")));
    }

    @Test
    public void everyComponentIsSatisfied() throws Exception {
        awaitHealthy();
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(d)) {
                if (d.defaultEnabled) { // components their bundle ships switched off are not a fault
                    unsatisfied.add(d.name + " disabled");
                }
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.add(d.name + " state " + c.state);
                }
            }
            if (scr.getComponentConfigurationDTOs(d).isEmpty() && !"require".equals(d.configurationPolicy)) {
                unsatisfied.add(d.name + " has no configuration");
            }
        }
        assertEquals("components not satisfied", List.of(), unsatisfied);
    }

    @Test
    public void aFeatureIsDisabledAndEnabledAtRuntime() throws Exception {
        Http http = awaitHealthy();
        String sr = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\",\"severity\":3,"
                + "\"subject\":\"Slow\",\"description\":\"slow\",\"contactMethod\":\"EMAIL\"}";
        assertEquals(201, http.post("requests", "customer1", sr).status());

        String off = run("sr:disable intake");
        assertTrue(off, off.contains("disabled"));
        String listed = run("sr:features");
        assertTrue(listed, listed.lines().anyMatch(l -> l.startsWith("intake ") && l.contains("DISABLED")));
        assertEquals(FeatureState.DISABLED, features.feature("intake").orElseThrow().state());

        Http.Answer unavailable = awaitPost(http, "requests", "customer1", sr, 503);
        assertEquals(503, unavailable.status());
        assertTrue(unavailable.contentType(), unavailable.contentType().startsWith("application/problem+json"));
        assertEquals("intake", unavailable.json().get("feature").asText());
        JsonNode health = http.get("health", null).json();
        assertEquals("UP", health.get("status").asText());
        assertEquals("DISABLED", feature(health, "intake").get("state").asText());
        // Everything else keeps working.
        assertEquals(200, http.get("products", "customer1").status());
        assertEquals(200, http.get("requests", "customer1").status());

        run("sr:enable intake");
        assertEquals(201, awaitPost(http, "requests", "customer1", sr, 201).status());
        assertEquals("ACTIVE", feature(http.get("health", null).json(), "intake").get("state").asText());
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

    @Test
    public void aBundleDroppedIntoDeployBecomesActiveAndGoesAwayWhenRemoved() throws Exception {
        awaitHealthy();
        Path deploy = Path.of(context.getProperty("sr.deploy"));
        Path jar = deploy.resolve("hot-deployed-probe.jar");
        Path tmp = deploy.getParent().resolve("hot-deployed-probe.jar.tmp");
        writeBundle(tmp, "org.srplatform.itest.hotdeployed");
        Files.move(tmp, jar);

        Optional<Bundle> deployed = awaitBundle("org.srplatform.itest.hotdeployed", true);
        assertTrue("the dropped bundle was installed", deployed.isPresent());
        assertEquals(Bundle.ACTIVE, deployed.get().getState());

        Files.delete(jar);
        assertTrue("the removed bundle was uninstalled", awaitBundle("org.srplatform.itest.hotdeployed", false).isEmpty());
    }

    @Test
    public void anonymousCallsAreRefusedWithAProblem() throws Exception {
        Http http = awaitHealthy();
        Http.Answer anonymous = http.get("products", null);
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.contentType().startsWith("application/problem+json"));
        assertEquals(401, anonymous.json().get("status").asInt());
        assertEquals(401, http.get("products", "customer1:wrong-password").status());
    }

    private Http awaitHealthy() throws InterruptedException {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        Http.Answer health = http.await("health", null, 200, WAIT);
        assertEquals("health answers: " + health.body(), 200, health.status());
        // Demo data is loaded once the store is up; a demo user's call tells.
        assertEquals(200, http.await("accounts", "customer1", 200, WAIT).status());
        // Demo users are created one after the other (each a slow hash); admin1 comes last.
        assertEquals(200, http.await("me", "admin1", 200, WAIT).status());
        return http;
    }

    private static JsonNode feature(JsonNode health, String id) {
        for (JsonNode f : health.get("features")) {
            if (f.get("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + id + " in " + health);
    }

    private String run(String command) throws Exception {
        return Shell.run(shell, command);
    }

    private Optional<Bundle> awaitBundle(String symbolicName, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<Bundle> b = Arrays.stream(context.getBundles()).filter(x -> symbolicName.equals(x.getSymbolicName()))
                    .findFirst();
            boolean done = present ? b.isPresent() && b.get().getState() == Bundle.ACTIVE : b.isEmpty();
            if (done || System.nanoTime() > deadline) {
                return b;
            }
            Thread.sleep(50);
        }
    }

    private static void writeBundle(Path file, String symbolicName) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        a.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, mf)) {
            assertNotNull(jar);
        }
    }
}
