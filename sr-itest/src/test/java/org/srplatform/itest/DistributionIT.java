package org.srplatform.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an operator runs it: {@code bin/sr-platform} in its own process, its flags, a
 * clean stop on SIGTERM, and what survives a restart.
 */
class DistributionIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path data;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void helpNamesEveryFlag() throws Exception {
        Process p = new ProcessBuilder(script().toString(), "--help").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        for (String flag : List.of("--demo", "--port", "--data", "--help")) {
            assertTrue(out.contains(flag), "help names " + flag + ": " + out);
        }
    }

    @Test
    void aWrongFlagIsRefusedWithAMessage() throws Exception {
        Process p = new ProcessBuilder(script().toString(), "--port", "eighty").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(out.contains("--port must be a port number"), out);
    }

    @Test
    void aDisabledFeatureStaysDisabledAcrossARestartAndDemoDataIsKept() throws Exception {
        int port = TestPlatform.freePort();
        Http http = new Http(port);
        Process first = start(port, true);
        assertEquals(200, http.await("accounts", "customer1", 200, START).status(), log());
        // Demo users are created one after the other (each a slow hash); admin1 comes last.
        assertEquals(200, http.await("me", "admin1", 200, START).status(), log());

        JsonNode accounts = http.get("accounts", "customer1").json();
        assertEquals(1, accounts.get("items").size(), "customer1 sees only account 1001");
        assertEquals("1001", accounts.get("items").get(0).get("number").asText());
        assertEquals(404, http.get("accounts/1001", "customer2").status(), "another customer's account is not found");
        assertEquals(200, http.put("admin/features/suggestions", "admin1", "{\"enabled\": false}").status());
        assertEquals(403, http.put("admin/features/intake", "customer1", "{\"enabled\": false}").status());
        assertEquals(503, http.await("suggestions?product=datacenter", "customer1", 503, START).status());

        stop(first);

        Process second = start(port, true);
        assertEquals(200, http.await("accounts", "customer1", 200, START).status(), log());
        // Demo users are created one after the other (each a slow hash); admin1 comes last.
        assertEquals(200, http.await("me", "admin1", 200, START).status(), log());
        // Ready means every endpoint has joined the application: no 404 for a moment after it.
        assertEquals(200, http.await("health", null, 200, START).status(), log());
        assertEquals(503, http.get("suggestions?product=datacenter", "customer1").status(),
                "suggestions stay disabled after a restart");
        assertEquals(200, http.put("admin/features/suggestions", "admin1", "{\"enabled\": true}").status());
        assertEquals(200, http.await("suggestions?product=datacenter", "customer1", 200, START).status());
        assertEquals(3, http.get("products", "customer1").json().get("items").size());
        stop(second);
    }

    @Test
    void aNormalStartHasNoDemoUsersButAFirstAdministrator() throws Exception {
        int port = TestPlatform.freePort();
        Http http = new Http(port);
        Process p = start(port, false);
        assertEquals(200, http.await("health", null, 200, START).status(), log());
        Path passwordFile = data.resolve("admin-password.txt");
        long deadline = System.nanoTime() + START.toNanos();
        while (!Files.exists(passwordFile) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(passwordFile), "the first administrator's one-time password is written to data/");
        String password = Files.readString(passwordFile).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .reduce((a, b) -> b).orElseThrow().trim();
        // 503 ("store") for the moment the users are not bound yet; then a demo user is simply unknown.
        assertEquals(401, http.await("products", "customer1", 401, START).status(), "no demo user outside demo mode");
        assertEquals(401, http.get("products", "admin1").status(), "no demo administrator outside demo mode");
        // The file is written just before the administrator is stored (so no password is ever lost).
        Http.Answer oneTime = http.await("admin/features", "admin:" + password, 403, START);
        assertEquals(403, oneTime.status(), "a one-time password opens only the password change");
        assertTrue(oneTime.json().get("detail").asText().contains("/api/v1/me/password"));
        assertEquals(204, http.put("me/password", "admin:" + password,
                "{\"currentPassword\":\"" + password + "\",\"newPassword\":\"a long own passphrase\"}").status());
        assertEquals(401, http.get("admin/features", "admin:" + password).status(), "the one-time password is gone");
        assertEquals(200, http.get("admin/features", "admin:a long own passphrase").status());
        stop(p);
    }

    /**
     * Data made by release 1.0 (commit de6c1f8, its own distribution started with --demo: two SRs, a
     * phone message; see src/test/resources/release-1.0/README) opens with this release: the history
     * moves to per-module rows, phone messages become intake's table, contracts get ids, nothing is lost.
     */
    @Test
    void dataOfTheFirstReleaseUpgradesInPlace() throws Exception {
        unzip(DistributionIT.class.getResourceAsStream("/release-1.0/data.zip"), data);
        int port = TestPlatform.freePort();
        Http http = new Http(port);
        Process p = start(port, true);
        assertEquals(200, http.await("requests/26000000001", "customer1", 200, START).status(), log());
        JsonNode sr = http.get("requests/26000000001", "customer1").json();
        assertEquals("Made by release 1.0", sr.get("subject").asText());
        assertEquals("升级前的 SR", sr.get("description").asText());
        assertEquals("CREATED", sr.get("timeline").get(0).get("kind").asText());
        assertEquals(404, http.get("requests/26000000002", "customer1").status(), "visibility holds on old data");
        JsonNode callbacks = http.get("phone/callbacks", "engineer1").json().get("items");
        assertEquals(1, callbacks.size(), "release 1.0's phone message is in intake's table");
        assertEquals("Pat", callbacks.get(0).get("name").asText());
        Http.Answer created = http.post("requests", "customer1", "{\"account\":\"1001\",\"product\":\"datacenter\","
                + "\"category\":\"performance\",\"severity\":3,\"subject\":\"After the upgrade\","
                + "\"description\":\"x\",\"contactMethod\":\"EMAIL\"}");
        assertEquals(201, created.status(), created.body());
        assertTrue(created.json().get("number").asText().compareTo("26000000002") > 0, "numbers go on, none reused");
        stop(p);
    }

    /**
     * Demo data, then a normal start on it (issue 8, finding 1): the demo's users are refused and the operator
     * gets an administrator of their own; then a demo start again, where the operator's administrator still works.
     */
    @Test
    void demoUsersNeverSignInOutsideDemoModeAndTheOperatorAlwaysHasAWayIn() throws Exception {
        int port = TestPlatform.freePort();
        Http http = new Http(port);
        Process demo = start(port, true);
        assertEquals(200, http.await("me", "admin1", 200, START).status(), log());
        stop(demo);

        Process normal = start(port, false);
        assertEquals(200, http.await("health", null, 200, START).status(), log());
        assertEquals(401, http.get("me", "admin1").status(), "the demo's administrator is refused outside demo mode");
        assertEquals(401, http.get("me", "customer1").status(), "so is every demo user");
        String password = oneTimePassword();
        assertEquals(403, http.get("admin/features", "admin:" + password).status(), "the operator's own, one-time password");
        assertEquals(204, http.put("me/password", "admin:" + password,
                "{\"currentPassword\":\"" + password + "\",\"newPassword\":\"the operator's passphrase\"}").status());
        stop(normal);

        Process demoAgain = start(port, true);
        assertEquals(200, http.await("me", "admin1", 200, START).status(), log());
        assertEquals(200, http.get("admin/features", "admin:the operator's passphrase").status(),
                "the operator's administrator works in demo mode too");
        stop(demoAgain);
    }

    /**
     * Health is UP only once signed-in calls are served (finding 2): until then 503 STARTING. Liveness
     * answers as soon as HTTP does. The first administrator is part of the store, so its file is there.
     */
    @Test
    void healthIsUpOnlyOnceThePlatformServesAndLivenessIsApart() throws Exception {
        int port = TestPlatform.freePort();
        Http http = new Http(port);
        start(port, false);
        long deadline = System.nanoTime() + START.toNanos();
        Http.Answer health = http.get("health", null);
        Http.Answer other = http.get("products", null);
        while (health.status() != 200 && System.nanoTime() < deadline) {
            // From the first answer on: 503 STARTING with the checks, never a 404 a load balancer would take for a
            // wrong address (the API is built last, sr-web answers /api/ until then). -1: not listening yet.
            if (health.status() != -1) {
                assertEquals(503, health.status(), health.body());
                assertEquals("STARTING", health.json().get("status").asText(), health.body());
                assertTrue(health.json().get("checks").size() > 0, health.body());
                assertTrue(health.json().has("features"), health.body());
            }
            if (other.status() != -1) {
                assertTrue(other.status() == 503 || other.status() == 401, "while starting: " + other.body());
                assertTrue(other.contentType().startsWith("application/problem+json"), other.body());
            }
            Thread.sleep(20);
            health = http.get("health", null);
            other = http.get("products", null);
        }
        assertEquals(200, health.status(), log());
        Http.Answer unknown = http.get("me", "nobody:wrong-password");
        assertEquals(401, unknown.status(), "health said UP, so the store answers: " + unknown.body());
        assertTrue(Files.exists(data.resolve("admin-password.txt")), "the first administrator exists once UP");
        assertEquals("UP", health.json().get("status").asText());
        assertTrue(health.json().get("features").size() >= 4, "attachments, intake, requests, suggestions: " + health.body());
        assertEquals(200, http.get("health/ready", null).status());
        java.net.http.HttpResponse<String> unknownPath = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v9/nothing"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknownPath.statusCode(), "a path no application serves, once started: " + unknownPath.body());
        assertTrue(unknownPath.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                unknownPath.body());
        Http.Answer live = http.get("health/live", null);
        assertEquals(200, live.status());
        assertEquals("UP", live.json().get("status").asText());
        if (Files.getFileStore(data).supportsFileAttributeView("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)),
                    "the data folder is the operator's only (finding 14)");
        }
    }

    /** Finding 16: one line that says what is wrong and how to fix it, and a non-zero exit; no banner. */
    @Test
    void aTakenPortStopsTheStartWithOneLineNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            Finished run = runToEnd(List.of("--port", Integer.toString(port), "--data", data.toString(), "--no-console"));

            assertEquals(1, run.exitCode(), run.output());
            assertEquals(List.of("sr-platform: port " + port + " is in use by another program; stop it or start with --port N"),
                    run.lines());
        }
    }

    @Test
    void aDataFolderInUseStopsASecondInstanceWithOneLineNamingIt() throws Exception {
        int port = TestPlatform.freePort();
        Http http = new Http(port);
        start(port, false);
        assertEquals(200, http.await("health", null, 200, START).status(), log());

        Finished second = runToEnd(List.of("--port", Integer.toString(TestPlatform.freePort()), "--data", data.toString(),
                "--no-console"));

        assertEquals(1, second.exitCode(), second.output());
        assertEquals(1, second.lines().size(), second.output());
        String line = second.lines().get(0);
        assertTrue(line.startsWith("sr-platform: the data folder " + data.toRealPath() + " is in use by another running instance")
                || line.startsWith("sr-platform: the data folder " + data.toAbsolutePath() + " is in use by another running instance"),
                line);
        assertTrue(line.endsWith("stop that instance, or start this one with --data DIR"), line);
        assertEquals(200, http.get("health", null).status(), "the first instance serves on");
    }

    /**
     * The JVM's class-data archive (bin/sr-platform, cache/jvm/): written when a start without one stops,
     * taken by the next start only from a run that started every bundle, and a damaged one never keeps
     * the platform from starting. In a copy of the distribution, so that the archive is this test's own.
     */
    @Test
    void theClassDataArchiveComesFromAWholeStartAndADamagedOneIsIgnored(@TempDir Path home) throws Exception {
        for (String folder : List.of("bin", "lib", "system", "etc")) {
            copyTree(TestPlatform.distribution().resolve(folder), home.resolve(folder));
        }
        Path cache = home.resolve("cache/jvm");
        List<String> command = List.of(home.resolve("bin/sr-platform").toString(), "--demo", "--no-console", "--data",
                data.toString(), "--port");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            Process refused = new ProcessBuilder(concat(command, Integer.toString(taken.getLocalPort())))
                    .redirectErrorStream(true).start();
            started.add(refused);
            assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, refused.exitValue());
        }
        int port = TestPlatform.freePort();
        Http http = new Http(port);

        Process first = startIn(command, port);
        assertEquals(200, http.await("health", null, 200, START).status(), log());
        assertEquals(List.of(), archives(cache), "a start that stopped at once leaves no archive to take");
        stop(first);
        assertEquals(1, files(cache, ".started").size(), "the stopped run started whole: " + files(cache, ""));

        Process second = startIn(command, port);
        assertEquals(200, http.await("me", "customer1", 200, START).status(), log());
        List<Path> archives = archives(cache);
        assertEquals(1, archives.size(), "the second start took the first one's archive: " + files(cache, ""));
        assertEquals(List.of(), files(cache, ".tmp"));
        stop(second);

        Path archive = archives.get(0);
        archive.toFile().setWritable(true);
        try (var channel = java.nio.channels.FileChannel.open(archive, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[4096]), Files.size(archive) / 2); // a bad sector
        }
        Process third = startIn(command, port);
        assertEquals(200, http.await("health", null, 200, START).status(), log());
        assertEquals(200, http.await("me", "customer1", 200, START).status(), log());
        stop(third);

        try (var channel = java.nio.channels.FileChannel.open(archive, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(archive) / 2); // as a full disk or a copy cut short leaves it
        }
        Process fourth = startIn(command, port);
        assertEquals(200, http.await("health", null, 200, START).status(), log());
        assertEquals(200, http.await("me", "customer1", 200, START).status(), log());
        assertEquals(List.of(), archives(cache), "a cut archive is dropped, and made anew at the stop");
        stop(fourth);
    }

    private Process startIn(List<String> command, int port) throws IOException {
        Process p = new ProcessBuilder(concat(command, Integer.toString(port))).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + "-console.log").toFile()).start();
        started.add(p);
        return p;
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    private static List<Path> archives(Path cache) throws IOException {
        List<Path> archives = new ArrayList<>(files(cache, ".jsa"));
        archives.addAll(files(cache, ".aot"));
        return archives;
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var list = Files.list(folder)) {
            return list.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private record Finished(int exitCode, String output) {
        List<String> lines() {
            return output.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs bin/sr-platform with these arguments until it exits (at most a minute). */
    private Finished runToEnd(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script().toString()));
        command.addAll(args);
        Path output = data.resolveSibling(data.getFileName() + "-run-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ended within a minute: " + Files.readString(output));
        return new Finished(p.exitValue(), Files.readString(output));
    }

    /** The first administrator's one-time password, from the file the store writes into the data folder. */
    private String oneTimePassword() throws IOException {
        Path passwordFile = data.resolve("admin-password.txt");
        assertTrue(Files.exists(passwordFile), "the first administrator's one-time password is written to data/");
        return Files.readString(passwordFile).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .reduce((a, b) -> b).orElseThrow().trim();
    }

    private static void unzip(java.io.InputStream zip, Path into) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(zip)) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    private Process start(int port, boolean demo) throws IOException {
        List<String> command = new ArrayList<>(List.of(script().toString(), "--port", Integer.toString(port),
                "--data", data.toString(), "--no-console"));
        if (demo) {
            command.add("--demo");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + "-console.log").toFile()).start();
        started.add(p);
        return p;
    }

    private String log() throws IOException {
        Path console = data.resolveSibling(data.getFileName() + "-console.log");
        return Files.exists(console) ? Files.readString(console) : "(no console output)";
    }

    /** SIGTERM, as Ctrl-C or a service manager sends it: the platform must stop cleanly and exit 0. */
    private void stop(Process p) throws Exception {
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped within a minute");
        // 143 is the JVM's exit status after SIGTERM once its shutdown hooks have run.
        assertTrue(p.exitValue() == 0 || p.exitValue() == 143, "exit status " + p.exitValue());
        assertTrue(log().contains("sr-platform: stopped cleanly"), log());
        assertFalse(p.isAlive());
    }

    private static Path script() {
        return TestPlatform.distribution().resolve("bin/sr-platform");
    }
}
