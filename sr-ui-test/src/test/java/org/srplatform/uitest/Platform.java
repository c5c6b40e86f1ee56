package org.srplatform.uitest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The distribution the reactor built, started as an operator starts it ({@code bin/sr-platform --demo}) from a private
 * copy, on a free port with its own data folder, as sr-reliability does. One start serves every browser test.
 */
final class Platform implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(180);
    private final Path work;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private Platform(Path work, int port) {
        this.work = work;
        this.port = port;
    }

    static Platform start() {
        String running = System.getProperty("ui.platform.url", "");
        if (!running.isBlank()) { // a platform already running in demo mode (developing the UI): not started, not stopped
            Platform attached = new Platform(null, java.net.URI.create(running).getPort());
            return attached;
        }
        Path dist = Path.of(System.getProperty("sr.dist", "../sr-dist/target/sr-platform")).toAbsolutePath().normalize();
        if (!Files.isExecutable(dist.resolve("bin/sr-platform"))) {
            throw new IllegalStateException("no distribution at " + dist + ": build it (mvn -B -DskipTests install)");
        }
        try {
            Path work = Files.createTempDirectory("sr-ui-test-");
            Path home = work.resolve("sr-platform");
            for (String folder : List.of("bin", "etc", "lib", "system")) {
                copyTree(dist.resolve(folder), home.resolve(folder));
            }
            Files.createDirectories(home.resolve("deploy"));
            Files.createDirectories(home.resolve("log"));
            Platform platform = new Platform(work, freePort());
            platform.launch();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        Path home = work.resolve("sr-platform");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/sr-platform").toString(), "--demo", "--no-console",
                "--port", Integer.toString(port), "--data", work.resolve("data").toString());
        pb.environment().put("SR_CLASS_CACHE", "off");
        pb.redirectErrorStream(true);
        pb.redirectOutput(home.resolve("log/console.log").toFile());
        process = pb.start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "sr-ui-test-kill"));
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform exited with " + process.exitValue() + ": " + console());
            }
            if (status("/api/v1/me", "admin1") == 200 && status("/api/v1/health", null) == 200
                    && status("/api/v1/me", "customer1") == 200 && status("/", null) == 200) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("the platform was not ready within " + READY + ": " + console());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A call of the API with a demo user's Basic credentials (password = login), for setting up and checking. */
    HttpResponse<String> api(String method, String path, String user, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/api/v1/" + path))).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(String path, String user) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5));
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String console() {
        try {
            List<String> lines = Files.readAllLines(work.resolve("sr-platform/log/console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no console log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (work != null) {
            deleteTree(work);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
