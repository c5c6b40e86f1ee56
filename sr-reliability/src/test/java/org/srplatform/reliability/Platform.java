package org.srplatform.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The distribution the reactor built, run as an operator runs it: a private copy of it (so that {@code etc/} and
 * {@code deploy/} may be changed and the built one is never written to) started with {@code bin/sr-platform
 * --demo} on a free port and its own data folder, killed with SIGKILL, and started again on the same data.
 */
final class Platform implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(180);

    private final Path home;
    private final Path data;
    private final int port;
    private final Api api;
    private Process process;
    private int starts;

    private Platform(Path home, Path data, int port) {
        this.home = home;
        this.data = data;
        this.port = port;
        this.api = new Api(port);
    }

    /** A private copy of the built distribution under a new temporary folder; not started yet. */
    static Platform copy(String name) {
        Path dist = Path.of(System.getProperty("sr.dist", "../sr-dist/target/sr-platform")).toAbsolutePath().normalize();
        if (!Files.isExecutable(dist.resolve("bin/sr-platform"))) {
            throw new IllegalStateException("no distribution at " + dist + ": build it (mvn -B -DskipTests install)");
        }
        try {
            Path work = Files.createTempDirectory("sr-reliability-" + name + "-");
            Path home = work.resolve("sr-platform");
            for (String folder : List.of("bin", "etc", "lib", "system")) {
                copyTree(dist.resolve(folder), home.resolve(folder));
            }
            Files.createDirectories(home.resolve("deploy"));
            Files.createDirectories(home.resolve("log"));
            return new Platform(home, work.resolve("data"), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Api api() {
        return api;
    }

    int port() {
        return port;
    }

    Path home() {
        return home;
    }

    Path data() {
        return data;
    }

    /** How many times the platform was started. */
    int starts() {
        return starts;
    }

    Path etc(String file) {
        return home.resolve("etc").resolve(file);
    }

    /**
     * Sets keys of an {@code etc/} configuration file (a Config Admin PID, watched: applied while running too): the
     * keys' lines are replaced, the rest of the file kept. Written to a temporary name and moved, so the watcher
     * never reads half a file.
     */
    void configure(String file, Map<String, String> settings) {
        Path cfg = etc(file);
        try {
            List<String> lines = Files.exists(cfg) ? Files.readAllLines(cfg, StandardCharsets.UTF_8) : List.of();
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
                if (!settings.containsKey(key)) {
                    out.add(line);
                }
            }
            settings.forEach((k, v) -> out.add(k + " = " + v));
            Path tmp = home.resolve("etc-" + file + ".tmp");
            Files.write(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, cfg, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it in demo mode and waits until it serves: a signed-in call answered, health UP. */
    Platform start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/sr-platform").toString(), "--demo", "--no-console",
                "--port", Integer.toString(port), "--data", data.toString());
        Map<String, String> env = pb.environment();
        // Killed JVMs never write a class-data archive; recording one would only cost each run.
        env.put("SR_CLASS_CACHE", "off");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("log/console-" + starts + ".log").toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A test JVM that exits without closing this (Jazzer stopping at a finding) takes its platform with it.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "sr-reliability-kill-" + started.pid()));
        awaitReady();
        return this;
    }

    /**
     * Waits until admin1 (the last demo user made) is answered, health is UP and intake answers (a GET of its
     * fields): every endpoint has joined the application.
     */
    void awaitReady() {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform exited with " + process.exitValue() + ": " + consoleTail());
            }
            if (api.get("me", "admin1").status() == 200 && api.get("health", null).status() == 200
                    && api.get("me", "customer1").status() == 200) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("the platform was not ready within " + READY + ": " + consoleTail());
    }

    /** SIGKILL: no shutdown hook, no clean close of the database. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the platform did not die of SIGKILL within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM and wait: a clean stop. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Killed, then started again on the same data and port. */
    Platform crashAndRestart() {
        kill();
        return start();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The last lines of the current start's console, for failure messages. */
    String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("log/console-" + starts + ".log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console: " + e + ")";
        }
    }

    /** Lines of every start's console that match. */
    List<String> consoleLines(String contains) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            try {
                for (String l : Files.readAllLines(home.resolve("log/console-" + i + ".log"), StandardCharsets.UTF_8)) {
                    if (l.contains(contains)) {
                        out.add(l);
                    }
                }
            } catch (IOException e) {
                // a start that wrote nothing
            }
        }
        return out;
    }

    /** Kills it and removes the copy, unless -Dreliability.keep=true (to read its log/ and data after a failure). */
    @Override
    public void close() {
        kill();
        if (Boolean.getBoolean("reliability.keep")) {
            return;
        }
        try (Stream<Path> files = Files.walk(home.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
