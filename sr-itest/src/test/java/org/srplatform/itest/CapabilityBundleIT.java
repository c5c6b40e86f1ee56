package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
import org.osgi.framework.Constants;
import org.srplatform.spi.feature.FeatureService;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.outbox.OutboxState;

/**
 * A capability added to a running platform without touching the bundles that exist: the test module
 * builds the bundle {@code org.srplatform.itest.watchers} (classes from {@code itest/watchers}, its
 * schema script and component descriptions from {@code watchers-bundle/}), installs it, and uses its
 * table, its endpoint and its one-transaction writes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CapabilityBundleIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PACKAGE = "org/srplatform/itest/watchers";
    private static final String OPEN = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\","
            + "\"severity\":3,\"subject\":\"Watched SR\",\"description\":\"Followed by the duty manager\","
            + "\"contactMethod\":\"EMAIL\"}";

    @Inject
    private BundleContext context;

    @Inject
    private FeatureService features;

    @Inject
    private Outbox outbox;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Test
    public void aCapabilityBundleBringsItsTableEndpointAndOneTransactionWrites() throws Exception {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("requests", "customer1", 200, WAIT).status());
        assertEquals(200, http.await("me", "engineer1", 200, WAIT).status());

        Bundle capability = context.installBundle("watchers", Files.newInputStream(buildWatchersBundle()));
        capability.start();
        Http.Answer created = http.post("requests", "customer1", OPEN);
        assertEquals(created.body(), 201, created.status());
        String number = created.json().get("number").asText();
        Http.Answer listed = http.await("watchers/" + number, "engineer1", 200, WAIT);
        assertEquals(listed.body(), 0, listed.json().get("items").size());

        Http.Answer watched = http.post("watchers/" + number, "engineer1", "{\"login\":\"duty1\"}");
        assertEquals(watched.body(), 201, watched.status());
        assertEquals("duty1", http.get("watchers/" + number, "customer1").json().get("items").get(0).get("login").asText());
        assertEquals("the timeline entry was written with the row", 1, entries(http, number, "WATCHER_ADDED"));
        assertEquals("the message was written with the row", 1, messagesTo("duty1", number));

        // A repeat fails on the capability's own key after its timeline entry and message: none of the three stays.
        Http.Answer repeat = http.post("watchers/" + number, "engineer1", "{\"login\":\"duty1\"}");
        assertEquals(repeat.body(), 409, repeat.status());
        assertEquals(1, http.get("watchers/" + number, "engineer1").json().get("items").size());
        assertEquals("no timeline entry of the failed write", 1, entries(http, number, "WATCHER_ADDED"));
        assertEquals("no message of the failed write", 1, messagesTo("duty1", number));

        // Another account's customer: the capability goes through the caller-checked API, so "not found".
        assertEquals(404, http.get("watchers/" + number, "customer2").status());

        features.setEnabled("watchers", false);
        try {
            Http.Answer off = http.await("watchers/" + number, "engineer1", 503, WAIT);
            assertEquals(off.body(), 503, off.status());
            assertTrue(off.body(), off.json().get("detail").asText().contains("watchers"));
            assertEquals(503, http.post("watchers/" + number, "engineer1", "{\"login\":\"rem1\"}").status());
        } finally {
            features.setEnabled("watchers", true);
        }
        assertEquals(200, http.await("watchers/" + number, "engineer1", 200, WAIT).status());
        capability.uninstall();
    }

    @Test
    public void noBundleOfTheBaseNamesTheCapability() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        for (String module : List.of("sr-store", "sr-web", "sr-dist", "sr-api")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src"))) {
                List<Path> naming = files.filter(Files::isRegularFile).filter(f -> {
                    try {
                        String text = Files.readString(f);
                        return text.contains("itest.watchers") || text.contains("itest_watchers");
                    } catch (IOException e) {
                        return false; // binary
                    }
                }).toList();
                assertEquals(module + " must not know the capability", List.of(), naming);
            }
        }
    }

    private static long entries(Http http, String number, String kind) {
        JsonNode timeline = http.get("requests/" + number, "engineer1").json().get("timeline");
        long n = 0;
        for (JsonNode entry : timeline) {
            if (kind.equals(entry.get("kind").asText())) {
                n++;
            }
        }
        return n;
    }

    private long messagesTo(String destination, String number) {
        return Stream.of(OutboxState.values()).flatMap(s -> outbox.list(s, 10_000).stream())
                .map(OutboxEntry::message)
                .filter(m -> m.destination().equals(destination) && m.request().map(Object::toString).orElse("")
                        .equals(number))
                .count();
    }

    /**
     * The capability's bundle, as bnd would make it: its classes, its schema folder (named by the
     * SR-Schema header), its component descriptions, and imports of the API, the platform SPI and the
     * web SPI only.
     */
    private static Path buildWatchersBundle() throws IOException {
        Path classes = Path.of("target/test-classes").toAbsolutePath();
        Path resources = classes.resolve("watchers-bundle");
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, "org.srplatform.itest.watchers");
        a.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        a.putValue("SR-Schema", "schema");
        a.putValue("Service-Component", "OSGI-INF/watchers.xml");
        a.putValue(Constants.IMPORT_PACKAGE, String.join(",", "jakarta.ws.rs", "jakarta.ws.rs.core",
                "org.srplatform.api.common", "org.srplatform.spi.outbox", "org.srplatform.api.request",
                "org.srplatform.api.security", "org.srplatform.spi.store", "org.srplatform.web.api"));
        Path jar = Files.createTempFile("watchers", ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            try (Stream<Path> files = Files.walk(classes.resolve(PACKAGE))) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    add(j, PACKAGE + "/" + f.getFileName(), f);
                }
            }
            add(j, "schema/V1__watchers.sql", resources.resolve("schema/V1__watchers.sql"));
            add(j, "OSGI-INF/watchers.xml", resources.resolve("OSGI-INF/watchers.xml"));
        }
        return jar;
    }

    private static void add(JarOutputStream jar, String name, Path file) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(Files.readAllBytes(file));
        jar.closeEntry();
    }
}
