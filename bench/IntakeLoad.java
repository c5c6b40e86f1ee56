import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for SR intake, run by bench/intake-load.sh. In one run it measures
 *  1. the raw Derby rate: single-row durable inserts (autocommit) from N threads into an embedded
 *     database on the same disk, and
 *  2. the intake rate: POST /api/v1/requests over HTTP from N clients against a running platform,
 *     every SR a durable commit of the SR, its timeline entry and its outbox message,
 * and prints both with p50/p99 latency. Loopback only; every loop stops after its duration.
 *
 * Usage: java -cp derby.jar:derbyshared.jar:derbytools.jar IntakeLoad.java PORT THREADS SECONDS DBDIR
 */
public class IntakeLoad {
    record Result(long ops, double seconds, List<Long> latenciesNanos, long errors) {
        double rate() { return ops / seconds; }
        double percentileMillis(double p) {
            if (latenciesNanos.isEmpty()) return Double.NaN;
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
        }
    }

    interface Op { void run(int thread) throws Exception; }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path dbDir = Path.of(args[3]);

        Result raw = rawDerby(dbDir, threads, seconds);
        print("raw_derby_inserts", raw, threads);
        Result intake = intake(port, threads, seconds);
        print("intake_http_srs", intake, threads);
        System.out.printf("intake_vs_raw=%.2f%n", intake.rate() / raw.rate());
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    static void print(String name, Result r, int threads) {
        System.out.printf("%s_per_s=%.0f  p50_ms=%.2f  p99_ms=%.2f  (%d ops in %.1f s, %d threads, %d errors)%n",
                name, r.rate(), r.percentileMillis(0.50), r.percentileMillis(0.99), r.ops(), r.seconds(), threads, r.errors());
    }

    static Result rawDerby(Path dir, int threads, int seconds) throws Exception {
        Files.createDirectories(dir);
        String url = "jdbc:derby:" + dir.resolve("raw").toAbsolutePath() + ";create=true";
        java.sql.Driver driver = (java.sql.Driver) Class.forName("org.apache.derby.iapi.jdbc.AutoloadedDriver")
                .getDeclaredConstructor().newInstance();
        try (Connection c = driver.connect(url, new Properties()); Statement s = c.createStatement()) {
            try {
                s.executeUpdate("CREATE TABLE raw_rows (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " payload VARCHAR(200) NOT NULL)");
            } catch (SQLException exists) {
                // a second run reuses the table
            }
        }
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = driver.connect(url, new Properties());
            c.setAutoCommit(true); // every insert its own durable commit
            connections.add(c);
        }
        try {
            return drive(threads, seconds, t -> {
                try (PreparedStatement p = connections.get(t).prepareStatement("INSERT INTO raw_rows (payload) VALUES (?)")) {
                    p.setString(1, "row of thread " + t);
                    p.executeUpdate();
                }
            });
        } finally {
            for (Connection c : connections) c.close();
            try {
                driver.connect(url.replace(";create=true", ";shutdown=true"), new Properties());
            } catch (SQLException expected) {
                // Derby answers a shutdown with an exception
            }
        }
    }

    static Result intake(int port, int threads, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(threads)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("customer1:customer1".getBytes(StandardCharsets.UTF_8));
        String body = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\",\"severity\":3,"
                + "\"subject\":\"Load test SR\",\"description\":\"Datastore latency after upgrade\",\"tags\":[\"load\"],"
                + "\"contactMethod\":\"EMAIL\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/requests"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        // Warm-up: JIT, connection pool, credential cache.
        drive(threads, Math.max(2, seconds / 5), t -> send(client, request));
        return drive(threads, seconds, t -> send(client, request));
    }

    static void send(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    static Result drive(int threads, int seconds, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<List<Long>>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        op.run(thread);
                        latencies.add(System.nanoTime() - t0);
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) System.err.println("error: " + e);
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) all.addAll(f.get());
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(all.size(), elapsed, all, errors.get());
    }
}
