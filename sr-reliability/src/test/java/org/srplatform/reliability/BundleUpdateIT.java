package org.srplatform.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A capability updated in place while customers open SRs, as an operator does it: the bundle was deployed
 * through {@code deploy/} (FileInstall), and a new version of its jar (the same jar with a higher
 * {@code Bundle-Version}) replaces the file there, N times under intake load. Each time the new version must
 * become the active one; intake must go on with no 5xx and no 503, the updated bundle's own endpoint may answer
 * 200 or a problem that is no 5xx but 503 meanwhile (only 200 or its feature's 503 once finding 10 is fixed), and every
 * SR acknowledged is there whole in the end.
 * <p>
 * The bundle is sr-suggest ({@code GET /suggestions}, on the intake page): a capability with REST endpoints, DS
 * components, embedded libraries and an index built at start, so that each update takes endpoints out of the REST
 * application and puts them back while intake requests are served by the same application.
 */
class BundleUpdateIT {
    private static final String JAR = "sr-suggest.jar";
    private static final String ENDPOINT = "suggestions?product=datacenter&q=latency";
    private static final Duration ACTIVE = Duration.ofSeconds(90);

    @Test
    void aBundleUpdatedThroughDeployUnderIntakeLoadAnswersNo5xxAndLosesNothing() throws Exception {
        updateUnderLoad(false, "4-bundle-update");
    }

    /**
     * Finding 10 (sr-web's StoppedCapabilities, sr-suggest): while the updated bundle restarts, {@code GET /suggestions}
     * answers for a moment {@code 404 "There is no such resource"} (the bundle is ACTIVE again, so it does not count as
     * stopped, but its resources have not joined the REST application yet), and {@code 503} naming the feature
     * {@code catalog} (the old instance, still in the application, after DS cleared its catalog reference), instead of
     * the 503 of the {@code suggestions} feature that a stopped capability's endpoints answer. A client retrying on 503
     * gives up on the 404. Reproduce: this test, or drop a copy of sr-suggest with a higher Bundle-Version into
     * {@code deploy/} (where it was deployed) while asking {@code GET /suggestions?product=datacenter} in a loop.
     */
    @Test
    @Disabled("finding 10, sr-web/sr-suggest: during an update the capability's endpoint answers 404 and a 503 naming"
            + " 'catalog'; reported to their owners")
    void whileTheUpdatedBundleRestartsItsEndpointAnswersTheCapabilitys503() throws Exception {
        updateUnderLoad(true, "4-bundle-update-strict");
    }

    /**
     * {@code strict}: the updated bundle's endpoint may answer only 200 or the 503 of its feature; else any problem
     * but a 5xx other than 503.
     */
    private static void updateUnderLoad(boolean strict, String section) throws Exception {
        try (Platform platform = Platform.copy("bundle-update")) {
            Path original = deployInsteadOfSystem(platform, "sr-suggest-");
            platform.start();
            Api api = platform.api();
            assertEquals(200, api.await(ENDPOINT, "customer1", 200, ACTIVE).status(), "sr-suggest from deploy/ serves");
            String base = bundleVersion(original);

            IntakeLoad load = new IntakeLoad(api, Settings.clients(), Settings.seed() + 7, "update", true).start();
            ConcurrentLinkedQueue<Api.Answer> endpointWrong = new ConcurrentLinkedQueue<>();
            Map<Integer, Integer> endpointStatuses = new TreeMap<>();
            AtomicBoolean asking = new AtomicBoolean(true);
            Thread asker = new Thread(() -> {
                while (asking.get()) {
                    Api.Answer a = api.get(ENDPOINT, "customer1");
                    synchronized (endpointStatuses) {
                        endpointStatuses.merge(a.status(), 1, Integer::sum);
                    }
                    boolean problem = a.contentType().startsWith("application/problem+json") && a.json() != null;
                    boolean ok = a.status() == 200 || (strict
                            ? a.status() == 503 && problem && "suggestions".equals(a.json().path("feature").asText())
                            : problem && a.status() >= 400 && (a.status() < 500 || a.status() == 503));
                    if (!ok) {
                        endpointWrong.add(a);
                    }
                    Platform.sleep(20);
                }
            }, "bundle-update-asker");
            asker.setDaemon(true);
            asker.start();
            List<String> rows = new ArrayList<>();
            try {
                Platform.sleep(Math.round(Settings.loadSeconds() * 500));
                for (int u = 1; u <= Settings.updates(); u++) {
                    String version = bumped(base, u);
                    int before = load.sent().size();
                    long dropped = System.nanoTime();
                    drop(platform, original, version);
                    Optional<String> active = awaitRevision(platform, version);
                    assertEquals(Optional.of(version), active, "update " + u + ": FileInstall installed the new jar");
                    Api.Answer serves = api.await(ENDPOINT, "customer1", 200, ACTIVE);
                    assertEquals(200, serves.status(), "update " + u + ": the new version serves: " + serves);
                    assertEquals(200, api.await("health", null, 200, ACTIVE).status(), "update " + u + ": health UP");
                    rows.add("| " + u + " | " + version + " | " + (System.nanoTime() - dropped) / 1_000_000 + " | "
                            + (load.sent().size() - before) + " |");
                    Platform.sleep(Math.round(Settings.loadSeconds() * 500));
                }
            } finally {
                asking.set(false);
                asker.join(60_000);
                load.stop();
            }
            Problems.none(load.wrong(), "intake while a bundle is updated: every answer a 201");
            Problems.none(load.unavailable(), "intake does not depend on the bundle updated: no 503");
            Problems.none(List.copyOf(endpointWrong), strict ? "the updated bundle's endpoint: 200, or its capability's 503"
                    : "the updated bundle's endpoint: 200, or a problem that is no 5xx but 503");
            assertTrue(platform.alive(), "the platform did not exit");
            Ledger.Result r = new Ledger(api).check(load.sent(), load.unanswered(), Duration.ofSeconds(60));
            Problems.none(r.problems(), "after the updates, every acknowledged SR whole");
            assertTrue(r.srs() > 0, "SRs were made");
            StringBuilder md = new StringBuilder("## A bundle updated through deploy/ under intake load\n\n");
            md.append("sr-suggest deployed through `deploy/`, its jar replaced by one with a higher Bundle-Version **")
                    .append(Settings.updates()).append("** times while ").append(Settings.clients())
                    .append(" clients opened SRs. SRs acknowledged and checked whole: **").append(r.srs())
                    .append("**, attachments: **").append(r.attachments()).append("**; 5xx: **0**; `GET /suggestions`")
                    .append(" meanwhile, by status: ").append(endpointStatuses).append(".\n\n")
                    .append("| update | version | ms from the file to the new version serving | SRs acknowledged meanwhile |\n")
                    .append("| --- | --- | --- | --- |\n");
            rows.forEach(row -> md.append(row).append('\n'));
            Report.section(section, md.toString());
        }
    }

    /** Moves the bundle out of system/ into deploy/ (as deployed by an operator), before the first start. */
    private static Path deployInsteadOfSystem(Platform platform, String prefix) throws IOException {
        Path system = platform.home().resolve("system");
        Path jar;
        try (Stream<Path> files = Files.list(system)) {
            jar = files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + system));
        }
        Path kept = platform.home().resolve(JAR + ".original");
        Files.move(jar, kept);
        Files.copy(kept, platform.home().resolve("deploy").resolve(JAR));
        return kept;
    }

    /** {@code 1.1.0.SNAPSHOT} and 2: {@code 1.1.2.SNAPSHOT}, above the original and every earlier update. */
    static String bumped(String version, int update) {
        String[] parts = version.split("\\.", 4);
        int micro = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        return parts[0] + "." + (parts.length > 1 ? parts[1] : "0") + "." + (micro + update)
                + (parts.length > 3 ? "." + parts[3] : "");
    }

    /** Writes the jar with {@code version} under a name FileInstall ignores, then moves it over the deployed one. */
    private static void drop(Platform platform, Path original, String version) throws IOException {
        Path deploy = platform.home().resolve("deploy");
        Path tmp = deploy.resolve("." + JAR + ".tmp");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(original));
                OutputStream file = Files.newOutputStream(tmp)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (JarOutputStream out = new JarOutputStream(file, manifest)) {
                byte[] buffer = new byte[64 * 1024];
                for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    for (int n; (n = in.read(buffer)) >= 0;) {
                        out.write(buffer, 0, n);
                    }
                    out.closeEntry();
                }
            }
        }
        Files.move(tmp, deploy.resolve(JAR), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String bundleVersion(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

    /**
     * Waits until the framework holds a revision of the deployed bundle with {@code version}: Felix keeps each bundle
     * in {@code <data>/cache/bundle<id>/} (its location in {@code bundle.info}, each revision's jar in
     * {@code version<refresh>.<revision>/bundle.jar}). Returns the newest revision's version.
     */
    private static Optional<String> awaitRevision(Platform platform, String version) {
        long deadline = System.nanoTime() + ACTIVE.toNanos();
        Optional<String> newest = Optional.empty();
        while (System.nanoTime() < deadline) {
            newest = newestRevision(platform.data().resolve("cache"));
            if (newest.equals(Optional.of(version))) {
                return newest;
            }
            Platform.sleep(100);
        }
        return newest;
    }

    private static Optional<String> newestRevision(Path cache) {
        try (Stream<Path> bundles = Files.list(cache)) {
            for (Path b : (Iterable<Path>) bundles.filter(Files::isDirectory)::iterator) {
                Path info = b.resolve("bundle.info");
                if (!Files.exists(info) || Files.readAllLines(info, StandardCharsets.UTF_8).stream()
                        .noneMatch(l -> l.endsWith("/deploy/" + JAR))) {
                    continue;
                }
                try (Stream<Path> revisions = Files.list(b)) {
                    Optional<Path> last = revisions.filter(r -> r.getFileName().toString().matches("version\\d+\\.\\d+"))
                            .max(Comparator.comparing(BundleUpdateIT::revision));
                    if (last.isPresent() && Files.exists(last.get().resolve("bundle.jar"))) {
                        return Optional.ofNullable(bundleVersion(last.get().resolve("bundle.jar")));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // the framework is writing it: looked at again
        }
    }

    /** {@code version3.1} as 3 * 2^32 + 1, so that refreshes order before revisions. */
    private static long revision(Path dir) {
        String[] n = dir.getFileName().toString().substring("version".length()).split("\\.");
        return (Long.parseLong(n[0]) << 32) + Long.parseLong(n[1]);
    }
}
