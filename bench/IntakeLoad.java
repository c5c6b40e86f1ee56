import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Load driver of bench/intake-load.sh (read its header first: the script pins, starts and stops the
 * processes; bench/intake-nodes.sh does the same for PostgreSQL and several nodes; this file only measures).
 * Modes, each run in its own JVM:
 * <pre>
 * raw    --threads N --warmup S --seconds S (--db DIR | --url JDBC_URL --user U)
 *        single-row durable inserts (autocommit) from N threads into an embedded Derby in DIR (prints
 *        raw_derby_inserts_per_s; needs derby, derbyshared, derbytools on the class path), or into a new table
 *        of the PostgreSQL database JDBC_URL, dropped afterwards (prints raw_postgres_inserts_per_s; needs the
 *        PostgreSQL driver on the class path; the password from the environment's PGPASSWORD); p50/p99 too
 * schema --url JDBC_URL --user U (--create NAME | --drop NAME)
 *        makes an empty schema in that PostgreSQL database for a platform (its jdbc.url names it as
 *        currentSchema), or drops one with everything in it (password from PGPASSWORD)
 * intake --port P[,P2...] --threads N --warmup S --measure S --window S [--server-pid PID[,PID2...]] [--clk-tck HZ]
 *        [--process-start-ms EPOCH_MS] [--result FILE]
 *        POST /api/v1/requests over HTTP/1.1 keep-alive from N clients (raw sockets: the client stays cheap),
 *        from the first second of load: per-window rate, latency and server CPU (the warm-up curve), then the
 *        warm figures over the measurement window; FILE gets them as name=value lines for the script. With
 *        several ports (nodes behind a load balancer), each client sends its requests to them in turn, one
 *        keep-alive connection per node; the server CPU is the sum over the PIDs
 * </pre>
 * Every answer but 201 is an error, counted and shown. Loopback only; every loop ends at its deadline.
 */
public final class IntakeLoad {

    private static final double NS_PER_MS = 1e6;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw usage("a mode is required: raw or intake");
        }
        Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "raw" -> raw(o);
            case "schema" -> schema(o);
            case "intake" -> System.exit(intake(o));
            default -> throw usage("unknown mode '" + args[0] + "': raw, schema or intake");
        }
    }

    // ---------------------------------------------------------------- arguments

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw usage("expected --name value pairs, got '" + String.join(" ", args) + "'");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static long number(Map<String, String> o, String name, Long fallback, long min) {
        String v = o.remove(name);
        if (v == null) {
            if (fallback == null) {
                throw usage("--" + name + " is required");
            }
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw usage("--" + name + " must be at least " + min + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw usage("--" + name + " must be a whole number, not '" + v + "'");
        }
    }

    /** Whole numbers separated by commas (a port per node, a PID per node), each at least {@code min}. */
    private static int[] numbers(Map<String, String> o, String name, String fallback, int min) {
        String v = o.remove(name);
        if (v == null) {
            if (fallback == null) {
                throw usage("--" + name + " is required");
            }
            v = fallback;
        }
        String[] parts = v.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw usage("--" + name + " must be whole numbers separated by commas, not '" + v + "'");
            }
            if (out[i] < min) {
                throw usage("--" + name + " must be at least " + min + ", not " + v);
            }
        }
        return out;
    }

    private static void noneLeft(Map<String, String> o) {
        if (!o.isEmpty()) {
            throw usage("unknown option(s): " + o.keySet());
        }
    }

    private static IllegalArgumentException usage(String message) {
        System.err.println("IntakeLoad: " + message);
        System.err.println("usage: IntakeLoad raw --threads N --warmup S --seconds S (--db DIR | --url JDBC_URL --user U)");
        System.err.println("       IntakeLoad schema --url JDBC_URL --user U (--create NAME | --drop NAME)");
        System.err.println("       IntakeLoad intake --port P[,P2...] --threads N --warmup S --measure S --window S"
                + " [--server-pid PID[,PID2...]] [--clk-tck HZ] [--process-start-ms EPOCH_MS] [--result FILE]");
        System.exit(2);
        return new IllegalArgumentException(message); // not reached
    }

    // ---------------------------------------------------------------- raw Derby inserts

    private static void raw(Map<String, String> o) throws Exception {
        int threads = (int) number(o, "threads", null, 1);
        long warmup = number(o, "warmup", 0L, 0);
        long seconds = number(o, "seconds", null, 1);
        String dbOption = o.remove("db");
        String url = o.remove("url");
        String user = o.remove("user");
        noneLeft(o);
        if ((dbOption == null) == (url == null)) {
            throw usage("raw needs --db DIR (embedded Derby) or --url JDBC_URL (PostgreSQL)");
        }
        if (url != null) {
            rawPostgres(url, user, threads, warmup, seconds);
            return;
        }
        Path dir = Path.of(dbOption).toAbsolutePath();
        Files.createDirectories(dir);
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        String derbyUrl = "jdbc:derby:" + dir.resolve("raw") + ";create=true";
        Driver driver = (Driver) Class.forName("org.apache.derby.iapi.jdbc.AutoloadedDriver")
                .getDeclaredConstructor().newInstance();
        try (Connection c = driver.connect(derbyUrl, new Properties()); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE raw_rows (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " payload VARCHAR(200) NOT NULL)");
        }
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                connections.add(driver.connect(derbyUrl, new Properties()));
            }
            measureInserts("derby", connections, "raw_rows", warmup, seconds, "");
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            try {
                driver.connect("jdbc:derby:;shutdown=true", new Properties());
            } catch (SQLException expected) {
                // Derby answers a shutdown with an exception
            }
        }
    }

    /** The same inserts into a new table of a PostgreSQL database (a server's durable commit: WAL flushed). */
    private static void rawPostgres(String url, String user, int threads, long warmup, long seconds) throws Exception {
        String table = "raw_rows_" + Long.toHexString(System.nanoTime());
        String settings;
        try (Connection c = postgres(url, user); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE " + table + " (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " payload VARCHAR(200) NOT NULL)");
            settings = ", " + show(s, "server_version") + ", synchronous_commit=" + show(s, "synchronous_commit")
                    + ", fsync=" + show(s, "fsync");
        }
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                connections.add(postgres(url, user));
            }
            measureInserts("postgres", connections, table, warmup, seconds, settings);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            try (Connection c = postgres(url, user); Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE " + table);
            }
        }
    }

    /** Single-row inserts, each its own commit, from one thread per connection; prints raw_NAME_inserts_per_s. */
    private static void measureInserts(String name, List<Connection> connections, String table, long warmup,
            long seconds, String about) throws Exception {
        int threads = connections.size();
        for (Connection c : connections) {
            c.setAutoCommit(true); // every insert its own durable commit
        }
        AtomicInteger errors = new AtomicInteger();
        RawOp op = t -> {
            try (PreparedStatement p = connections.get(t).prepareStatement("INSERT INTO " + table + " (payload) VALUES (?)")) {
                p.setString(1, "row of thread " + t);
                p.executeUpdate();
            }
        };
        if (warmup > 0) {
            drive(threads, warmup, op, errors); // JIT and the database's caches: as warm as the platform will be
        }
        errors.set(0);
        long t0 = System.nanoTime();
        LongList all = drive(threads, seconds, op, errors);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] sorted = all.sorted();
        System.out.printf("raw_%s_inserts_per_s=%.0f  p50_ms=%.2f  p99_ms=%.2f  max_ms=%.1f  (%d inserts in %.1f s"
                + " after %d s of warm-up, %d threads, autocommit, %d errors%s)%n", name, sorted.length / elapsed,
                percentile(sorted, 0.50) / NS_PER_MS, percentile(sorted, 0.99) / NS_PER_MS,
                percentile(sorted, 1.0) / NS_PER_MS, sorted.length, elapsed, warmup, threads, errors.get(), about);
    }

    // ---------------------------------------------------------------- PostgreSQL schemas for the platforms measured

    private static void schema(Map<String, String> o) throws Exception {
        String url = o.remove("url");
        String user = o.remove("user");
        String create = o.remove("create");
        String drop = o.remove("drop");
        noneLeft(o);
        if (url == null || (create == null) == (drop == null)) {
            throw usage("schema needs --url JDBC_URL and one of --create NAME, --drop NAME");
        }
        String name = create != null ? create : drop;
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw usage("a schema name is lower-case letters, digits and _, not '" + name + "'");
        }
        try (Connection c = postgres(url, user); Statement s = c.createStatement()) {
            s.executeUpdate(create != null ? "CREATE SCHEMA " + name : "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private static Connection postgres(String url, String user) throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        String password = System.getenv("PGPASSWORD"); // not on the command line, where ps shows it
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            return rs.next() ? rs.getString(1) : "?";
        }
    }

    private interface RawOp {
        void run(int thread) throws Exception;
    }

    /** Runs op from each thread until the deadline; the latencies of the ops that succeeded. */
    private static LongList drive(int threads, long seconds, RawOp op, AtomicInteger errors) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        LongList[] latencies = new LongList[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            latencies[t] = new LongList();
            workers[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        op.run(thread);
                        latencies[thread].add(System.nanoTime() - t0);
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("raw insert failed: " + e);
                        }
                    }
                }
            }, "raw-" + t);
            workers[t].start();
        }
        LongList all = new LongList();
        for (int t = 0; t < threads; t++) {
            workers[t].join();
            all.addAll(latencies[t]);
        }
        return all;
    }

    // ---------------------------------------------------------------- intake over HTTP

    private static int intake(Map<String, String> o) throws Exception {
        int[] ports = numbers(o, "port", null, 1);
        int threads = (int) number(o, "threads", null, 1);
        long warmup = number(o, "warmup", null, 0);
        long measure = number(o, "measure", null, 1);
        long window = number(o, "window", 5L, 1);
        int[] serverPids = numbers(o, "server-pid", "0", 0);
        long clkTck = number(o, "clk-tck", 100L, 1);
        String result = o.remove("result");
        long processStartMs = number(o, "process-start-ms", 0L, 0);
        noneLeft(o);
        if (warmup % window != 0 || measure % window != 0) {
            throw usage("--warmup and --measure must be multiples of --window (" + window + " s)");
        }
        int windows = (int) ((warmup + measure) / window);
        int firstWarm = (int) (warmup / window);
        long windowNs = window * 1_000_000_000L;

        // The servers' CPU: the sum over their processes (several nodes).
        List<Path> serverStat = new ArrayList<>();
        for (int pid : serverPids) {
            if (pid > 0) {
                serverStat.add(Path.of("/proc/" + pid + "/stat"));
            }
        }
        if (serverStat.isEmpty()) {
            serverStat = null;
        }
        Path clientStat = Path.of("/proc/self/stat");
        long loadStartMs = System.currentTimeMillis();
        long loadStart = System.nanoTime();
        long end = loadStart + windows * windowNs;
        long[] serverTicks = new long[windows + 1];
        long[] clientTicks = new long[windows + 1];
        serverTicks[0] = ticks(serverStat);
        clientTicks[0] = ticks(clientStat);

        Client[] clients = new Client[threads];
        Thread[] workers = new Thread[threads];
        String auth = "Basic " + Base64.getEncoder().encodeToString("customer1:customer1".getBytes(StandardCharsets.UTF_8));
        for (int t = 0; t < threads; t++) {
            clients[t] = new Client(t, ports, auth, loadStart, end);
            workers[t] = new Thread(clients[t], "client-" + t);
            workers[t].start();
        }
        // CPU counters at each window's end; the sampler sleeps between boundaries.
        for (int w = 1; w <= windows; w++) {
            long at = loadStart + w * windowNs;
            for (long left; (left = at - System.nanoTime()) > 0;) {
                LockSupport.parkNanos(left);
            }
            serverTicks[w] = ticks(serverStat);
            clientTicks[w] = ticks(clientStat);
        }
        for (Thread worker : workers) {
            worker.join(60_000); // a client stuck in a read gives up at its socket timeout (30 s)
        }

        // Every answer, bucketed by the window it completed in.
        LongList[] ok = new LongList[windows];
        long[] failed = new long[windows];
        for (int w = 0; w < windows; w++) {
            ok[w] = new LongList();
        }
        Map<String, Integer> errorsByKind = new TreeMap<>();
        List<String> errorSamples = new ArrayList<>();
        for (Client c : clients) {
            for (int i = 0; i < c.doneAt.size(); i++) {
                int w = (int) (c.doneAt.get(i) / windowNs);
                if (w >= windows) {
                    continue; // completed after the last window
                }
                if (c.status.get(i) == 201) {
                    ok[w].add(c.latency.get(i));
                } else {
                    failed[w]++;
                }
            }
            c.errorKinds.forEach((k, n) -> errorsByKind.merge(k, n, Integer::sum));
            for (String s : c.errorSamples) {
                if (errorSamples.size() < 5) {
                    errorSamples.add(s);
                }
            }
        }

        System.out.printf("load from %s after process start: %d clients, POST /api/v1/requests%s, %d s warm-up + %d s"
                + " measured, %d s windows%n", processStartMs > 0 ? String.format("%.1f s", (loadStartMs - processStartMs) / 1e3)
                : "(process start unknown)", threads, ports.length == 1 ? "" : " to " + ports.length
                + " nodes in turn (ports " + Arrays.toString(ports) + ")", warmup, measure, window);
        System.out.println("  window_s   srs_per_s  p50_ms  p99_ms   max_ms  srv_cpu_ms_per_sr  srv_cpu_%  cli_cpu_%  errors");
        for (int w = 0; w < windows; w++) {
            long[] s = ok[w].sorted();
            long srvTicks = serverTicks[w + 1] - serverTicks[w];
            long cliTicks = clientTicks[w + 1] - clientTicks[w];
            System.out.printf("  %4d-%-4d %9.0f %7.1f %7.1f %8.1f %18s %10s %10.0f %7d%s%n", w * window, (w + 1) * window,
                    s.length / (double) window, percentile(s, 0.50) / NS_PER_MS, percentile(s, 0.99) / NS_PER_MS,
                    percentile(s, 1.0) / NS_PER_MS,
                    serverStat == null || s.length == 0 ? "-" : String.format("%.2f", msPerSr(srvTicks, clkTck, s.length)),
                    serverStat == null ? "-" : String.format("%.0f", srvTicks * 100.0 / clkTck / window),
                    cliTicks * 100.0 / clkTck / window, failed[w], w == firstWarm ? "   <- measured from here" : "");
        }

        LongList warm = new LongList();
        long warmFailed = 0;
        double worstP99 = 0;
        double lowestRate = Double.MAX_VALUE;
        for (int w = firstWarm; w < windows; w++) {
            warm.addAll(ok[w]);
            warmFailed += failed[w];
            long[] s = ok[w].sorted();
            worstP99 = Math.max(worstP99, percentile(s, 0.99) / NS_PER_MS);
            lowestRate = Math.min(lowestRate, s.length / (double) window);
        }
        long[] s = warm.sorted();
        double rate = s.length / (double) measure;
        System.out.printf("intake_warm_srs_per_s=%.0f  p50_ms=%.2f  p99_ms=%.2f  max_ms=%.1f  (%d SRs answered 201 in the"
                + " %d s after %d s of load, %d clients, %d errors)%n", rate, percentile(s, 0.50) / NS_PER_MS,
                percentile(s, 0.99) / NS_PER_MS, percentile(s, 1.0) / NS_PER_MS, s.length, measure, warmup, threads,
                warmFailed);
        System.out.printf("intake_warm_worst_window_p99_ms=%.1f  intake_warm_lowest_window_srs_per_s=%.0f  (%d s windows"
                + " of the measured part: stalls show here)%n", worstP99, lowestRate, window);
        String warmAfter = "unknown";
        String serverCpuPerSr = "-";
        if (serverStat != null && s.length > 0) {
            long srv = serverTicks[windows] - serverTicks[firstWarm];
            double measuredCpuPerSr = msPerSr(srv, clkTck, s.length);
            serverCpuPerSr = String.format("%.3f", measuredCpuPerSr);
            System.out.printf("server_cpu_ms_per_sr=%.3f  (%s %.1f s of CPU in %d s = %.0f%% of one CPU; /proc"
                    + " utime+stime, %d Hz)%n", measuredCpuPerSr,
                    serverStat.size() == 1 ? "server process" : serverStat.size() + " server processes together",
                    srv / (double) clkTck, measure, srv * 100.0 / clkTck / measure, clkTck);
            System.out.printf("server_cpu_before_load_s=%.1f  (start-up until the first request)%n",
                    serverTicks[0] / (double) clkTck);
            warmAfter = warmness(ok, serverTicks, firstWarm, window, clkTck, measuredCpuPerSr);
        } else {
            System.out.println("server_cpu_ms_per_sr=unknown  (no server pid given, or no SR answered)");
        }
        long cli = clientTicks[windows] - clientTicks[firstWarm];
        System.out.printf("client_cpu_ms_per_sr=%s  (client JVM %.0f%% of one CPU while measured)%n",
                s.length == 0 ? "-" : String.format("%.3f", msPerSr(cli, clkTck, s.length)), cli * 100.0 / clkTck / measure);
        if (result != null) {
            Files.writeString(Path.of(result), String.format("intake_warm_srs_per_s=%.0f%nintake_warm_p50_ms=%.2f%n"
                    + "intake_warm_p99_ms=%.2f%nintake_warm_worst_window_p99_ms=%.1f%nserver_cpu_ms_per_sr=%s%n"
                    + "warm_after_s=%s%n", rate,
                    percentile(s, 0.50) / NS_PER_MS, percentile(s, 0.99) / NS_PER_MS, worstP99, serverCpuPerSr,
                    warmAfter));
        }
        long allFailed = errorsByKind.values().stream().mapToLong(Integer::longValue).sum();
        if (allFailed == 0) {
            System.out.println("errors=0  (every answer was 201)");
            return 0;
        }
        System.out.println("errors=" + allFailed + "  (not 201, over the whole run): " + errorsByKind);
        errorSamples.forEach(e -> System.out.println("  e.g. " + e));
        return 3;
    }

    /** The span judged at once: short enough to place the warm point, long enough to ride over a GC or a compile. */
    private static final long WARM_SPAN_S = 30;
    /** How far above the measured CPU per SR a span may be and still count as warm. */
    private static final double WARM_MARGIN = 1.15;

    /**
     * When the platform became warm, and whether it was warm when the measurement began. The JIT's last
     * compilations can come minutes into the load (with bin/sr-platform's C2 thresholds, 2.5-4 minutes on
     * one CPU): a measurement taken before that is of a platform still warming up, so this says so instead
     * of printing its figures as warm ones. Warm: from the start of the first span whose median server CPU
     * per SR (over its windows), and every later span's, is within {@link #WARM_MARGIN} of the measured
     * figure; the time it took is what a freshly started platform's users meet.
     */
    private static String warmness(LongList[] ok, long[] serverTicks, int firstWarm, long window, long clkTck,
            double measuredCpuPerSr) {
        int span = (int) Math.max(1, WARM_SPAN_S / window);
        if (firstWarm < span) {
            System.out.printf("warm_after_s=unknown  (a warm-up of less than %d s cannot show when the platform became warm)%n",
                    WARM_SPAN_S);
            return "unknown";
        }
        // From the last span before the measurement backwards, until one is above the margin.
        int warmFrom = -1;
        double lastSpan = Double.NaN;
        for (int w = firstWarm - span; w >= 0; w--) {
            double[] perWindow = new double[span];
            for (int i = w; i < w + span; i++) {
                perWindow[i - w] = ok[i].size() == 0 ? Double.MAX_VALUE
                        : msPerSr(serverTicks[i + 1] - serverTicks[i], clkTck, ok[i].size());
            }
            Arrays.sort(perWindow);
            double cpu = (perWindow[(span - 1) / 2] + perWindow[span / 2]) / 2; // the median: one stall is not a cold JIT
            if (w == firstWarm - span) {
                lastSpan = cpu;
            }
            if (cpu > measuredCpuPerSr * WARM_MARGIN) {
                break;
            }
            warmFrom = w;
        }
        if (warmFrom < 0) {
            System.out.printf("warm_after_s=over_%d  NOT WARM: the last %d s of the warm-up cost %.3f ms of server CPU"
                    + " per SR (median of its windows), %.0f%% more than the measured part: the platform was still"
                    + " warming up, or the machine was slower then (the raw rates before and after tell); lengthen"
                    + " --warmup or run again%n", firstWarm * window, WARM_SPAN_S, lastSpan,
                    (lastSpan / measuredCpuPerSr - 1) * 100);
            return "over_" + firstWarm * window;
        } else {
            System.out.printf("warm_after_s=%d  (from then on every %d s of the warm-up cost at most %.0f%% more server"
                    + " CPU per SR (median of its windows) than the measured part: how long a freshly started"
                    + " platform takes to reach its speed under this load)%n", warmFrom * window, WARM_SPAN_S, (WARM_MARGIN - 1) * 100);
            return Long.toString(warmFrom * window);
        }
    }

    /** Milliseconds of CPU per SR from clock ticks. */
    private static double msPerSr(long ticks, long clkTck, long srs) {
        return ticks * 1000.0 / clkTck / srs;
    }

    /** utime + stime of processes in clock ticks, summed; 0 when unknown. */
    private static long ticks(List<Path> stats) {
        long sum = 0;
        for (Path stat : stats == null ? List.<Path>of() : stats) {
            sum += ticks(stat);
        }
        return sum;
    }

    /** utime + stime of a process in clock ticks; 0 when unknown. */
    private static long ticks(Path stat) {
        if (stat == null) {
            return 0;
        }
        try {
            String line = Files.readString(stat);
            // the command name, in parentheses, may contain spaces: fields count from after it
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One connection, one request at a time (closed loop), until the deadline. */
    private static final class Client implements Runnable {
        private static final String[] CATEGORIES = {"performance", "installation", "availability", "networking"};
        private static final String[] PARTS = {"Datastore", "vMotion", "Cluster", "Host", "Uplink", "Backup job",
            "Snapshot", "License server", "Management console", "Storage adapter", "Guest network", "Upgrade"};
        private static final String[] SYMPTOMS = {"latency", "timeouts", "failed", "slow", "disconnects",
            "high CPU", "errors in the log", "hangs", "out of memory", "lost connectivity"};
        private static final String[] WHEN = {"after the upgrade to 8.0", "since last night", "under load",
            "after a network change", "during backup", "on every third host", "after a reboot", "at month end"};
        private static final String[] TAGS = {"upgrade", "latency", "cluster", "network", "storage", "backup"};

        final LongList doneAt = new LongList();
        final LongList latency = new LongList();
        final IntList status = new IntList();
        final Map<String, Integer> errorKinds = new TreeMap<>();
        final List<String> errorSamples = new ArrayList<>();
        private final int id;
        private final int[] ports;
        /** The request line and headers up to Content-Length's value, per node (its Host). */
        private final String[] heads;
        private final long loadStart;
        private final long end;
        private final SplittableRandom random;
        private final byte[] buffer = new byte[16384];
        /** One keep-alive connection per node; {@code node} is the one the current request goes to. */
        private final Socket[] sockets;
        private final InputStream[] ins;
        private final OutputStream[] outs;
        private int node;
        private final StringBuilder body = new StringBuilder(1024);

        Client(int id, int[] ports, String auth, long loadStart, long end) {
            this.id = id;
            this.ports = ports;
            this.heads = new String[ports.length];
            for (int i = 0; i < ports.length; i++) {
                heads[i] = "POST /api/v1/requests HTTP/1.1\r\nHost: 127.0.0.1:" + ports[i] + "\r\nAuthorization: " + auth
                        + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ";
            }
            this.sockets = new Socket[ports.length];
            this.ins = new InputStream[ports.length];
            this.outs = new OutputStream[ports.length];
            this.loadStart = loadStart;
            this.end = end;
            this.random = new SplittableRandom(id * 7919L + 17);
        }

        @Override
        public void run() {
            long n = 0;
            while (System.nanoTime() < end) {
                node = (int) ((id + n) % ports.length); // round robin over the nodes, as a load balancer does
                byte[] request = request(n++);
                long t0 = System.nanoTime();
                int code;
                String problem = null;
                try {
                    if (sockets[node] == null) {
                        connect();
                    }
                    outs[node].write(request);
                    outs[node].flush();
                    Response r = read();
                    code = r.status;
                    if (code != 201) {
                        problem = "HTTP " + code + ": " + r.body;
                    }
                    if (r.close) {
                        close();
                    }
                } catch (IOException | RuntimeException e) {
                    code = -1;
                    problem = e.toString();
                    close();
                }
                long t1 = System.nanoTime();
                doneAt.add(t1 - loadStart);
                latency.add(t1 - t0);
                status.add(code);
                if (problem != null) {
                    errorKinds.merge(code < 0 ? "I/O error" : "HTTP " + code, 1, Integer::sum);
                    if (errorSamples.size() < 5) {
                        errorSamples.add("client " + id + ", " + String.format("%.1f", (t1 - loadStart) / 1e9) + " s: "
                                + (problem.length() > 300 ? problem.substring(0, 300) + "..." : problem));
                    }
                    if (code < 0) {
                        LockSupport.parkNanos(10_000_000); // a refused connection must not spin
                    }
                }
            }
            for (node = 0; node < ports.length; node++) {
                close();
            }
        }

        /** A new SR each time: varied subject, description, severity, category and tags, as customers write them. */
        private byte[] request(long n) {
            String part = PARTS[random.nextInt(PARTS.length)];
            String symptom = SYMPTOMS[random.nextInt(SYMPTOMS.length)];
            String when = WHEN[random.nextInt(WHEN.length)];
            body.setLength(0);
            body.append("{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"")
                    .append(CATEGORIES[random.nextInt(CATEGORIES.length)]).append("\",\"severity\":")
                    .append(2 + random.nextInt(3)).append(",\"subject\":\"").append(part).append(' ').append(symptom)
                    .append(' ').append(when).append(" (load ").append(id).append('-').append(n).append(")\",")
                    .append("\"description\":\"").append(part).append(' ').append(symptom).append(' ').append(when)
                    .append(". It started on host esx-").append(random.nextInt(400)).append(" and affects ")
                    .append(1 + random.nextInt(60)).append(" virtual machines; we restarted the service without effect."
                            + " Logs are available on request. Please advise how to proceed.\",\"tags\":[\"")
                    .append(TAGS[random.nextInt(TAGS.length)]).append("\"],\"contactMethod\":\"EMAIL\"}");
            byte[] json = body.toString().getBytes(StandardCharsets.UTF_8);
            byte[] h = (heads[node] + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(h, h.length + json.length);
            System.arraycopy(json, 0, all, h.length, json.length);
            return all;
        }

        private void connect() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.setSoTimeout(30_000);
            s.connect(new InetSocketAddress("127.0.0.1", ports[node]), 5_000);
            sockets[node] = s;
            ins[node] = new BufferedInputStream(s.getInputStream(), 16384);
            outs[node] = s.getOutputStream();
        }

        /** Closes the current node's connection. */
        private void close() {
            if (sockets[node] != null) {
                try {
                    sockets[node].close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            sockets[node] = null;
        }

        record Response(int status, boolean close, String body) {
        }

        /** An HTTP/1.1 response: status, Content-Length or chunked body (kept only when not 201). */
        private Response read() throws IOException {
            String statusLine = line();
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: '" + statusLine + "'");
            }
            int code = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = statusLine.startsWith("HTTP/1.0");
            for (String h; !(h = line()).isEmpty();) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase().contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            StringBuilder kept = code == 201 ? null : new StringBuilder();
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0;) {
                    skip(size, kept);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length, kept);
            } else if (code != 204 && code != 304) {
                close = true; // the body ends with the connection
                skip(-1, kept);
            }
            return new Response(code, close, kept == null ? "" : kept.toString());
        }

        /** Reads n bytes of body (negative n: until the connection closes), keeping the start of an error's. */
        private void skip(long n, StringBuilder kept) throws IOException {
            boolean toEnd = n < 0;
            while (toEnd || n > 0) {
                int r = ins[node].read(buffer, 0, toEnd ? buffer.length : (int) Math.min(buffer.length, n));
                if (r < 0) {
                    if (toEnd) {
                        return;
                    }
                    throw new EOFException("connection closed in the middle of a response");
                }
                if (kept != null && kept.length() < 2000) {
                    kept.append(new String(buffer, 0, r, StandardCharsets.UTF_8));
                }
                n -= r;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c; (c = ins[node].read()) != '\n';) {
                if (c < 0) {
                    throw new EOFException(b.length() == 0 ? "connection closed before the response"
                            : "connection closed in the middle of a response");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }

    // ---------------------------------------------------------------- small helpers

    /** The value at a rank of sorted nanoseconds (nearest rank); NaN for none. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }

    /** A growable long array: no boxing of a million latencies. */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(LongList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }
    }
}
