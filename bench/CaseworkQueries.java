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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measuring side of bench/casework-queries.sh (read its header first: the script seeds, pins, starts and stops
 * the platform; this file only measures). Four modes, each in its own JVM:
 * <pre>
 * get     --port P --user U --path PATH --clients N --warmup N --requests N --max-seconds S
 *         [--expect-assignee LOGIN] [--expect-status S] [--expect-queue Q] [--expect-overdue true]
 *         GET PATH (HTTP Basic, password = user, as the demo users have it) over HTTP/1.1 keep-alive from N
 *         clients, each a closed loop: the warm-up requests first (all clients), then the measured ones, shared
 *         by the clients until done or S seconds passed. Prints one name=value line: requests, p50/p99/max ms,
 *         requests/s, the items on the page and whether it has a next one, errors. Every answer must be 200 and
 *         every item must match the --expect- conditions (checked on each answer: a wrong page is an error)
 * times   --db DIR [--assignee LOGIN] [--queue Q] [--status S]
 *         the statements the lists and the target watch run, on the stopped platform's database (embedded Derby
 *         with the platform's page cache, 8000 pages): rows, the first execution's ms, the median of 9 more; the
 *         optimizer's index statistics; the table sizes
 * explain --db DIR --out FILE [--assignee LOGIN] [--queue Q] [--status S]   (JVM: -Dderby.language.logQueryPlan=true)
 *         the same statements once each, their plans as Derby logs them (whole, unlike
 *         SYSCS_GET_RUNTIMESTATISTICS() which cuts at 32,672 characters): condensed on stdout (scans, indexes, rows
 *         read, sorts), whole in FILE
 * sql     --db DIR --file FILE
 *         runs the statements of FILE (each ends with ';'; '--' starts a comment), timed, autocommitted
 * The last three need derby, derbyshared and derbytools on the class path.
 * </pre>
 * Loopback only; every loop ends at its deadline.
 */
public final class CaseworkQueries {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw usage("a mode is required: get, times, explain or sql");
        }
        Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "get" -> System.exit(get(o));
            case "times" -> times(o);
            case "explain" -> explain(o);
            case "sql" -> sql(o);
            default -> throw usage("unknown mode '" + args[0] + "': get, times, explain or sql");
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
                throw usage("--" + name + " must be at least " + min + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw usage("--" + name + " needs a whole number, not '" + v + "'");
        }
    }

    private static String text(Map<String, String> o, String name, String fallback) {
        String v = o.remove(name);
        if (v == null && fallback == null) {
            throw usage("--" + name + " is required");
        }
        return v == null ? fallback : v;
    }

    private static void noneLeft(Map<String, String> o) {
        if (!o.isEmpty()) {
            throw usage("unknown option(s) " + o.keySet());
        }
    }

    private static IllegalArgumentException usage(String message) {
        System.err.println("CaseworkQueries: " + message + " (see the class comment of bench/CaseworkQueries.java)");
        System.exit(2);
        return new IllegalArgumentException(message);
    }

    // ---------------------------------------------------------------- get

    /** What each item of a page must be; empty strings check nothing. */
    record Expect(String assignee, String status, String queue, boolean overdue) {
    }

    private static int get(Map<String, String> o) throws Exception {
        int port = (int) number(o, "port", null, 1);
        String user = text(o, "user", null);
        String path = text(o, "path", null);
        int clients = (int) number(o, "clients", 4L, 1);
        long warmup = number(o, "warmup", 200L, 0);
        long requests = number(o, "requests", 1000L, 1);
        long maxSeconds = number(o, "max-seconds", 120L, 1);
        Expect expect = new Expect(text(o, "expect-assignee", ""), text(o, "expect-status", ""),
                text(o, "expect-queue", ""), Boolean.parseBoolean(text(o, "expect-overdue", "false")));
        noneLeft(o);
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + auth
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        // warm-up: the same loop, its figures dropped
        Phase warm = phase(clients, port, request, expect, warmup, System.nanoTime() + maxSeconds * 1_000_000_000L);
        if (warm.errors.get() > 0) {
            System.out.println("warm-up errors=" + warm.errors.get() + " first: " + warm.firstError);
        }
        long t0 = System.nanoTime();
        Phase measured = phase(clients, port, request, expect, requests, t0 + maxSeconds * 1_000_000_000L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] sorted = measured.latencies();
        System.out.printf(java.util.Locale.ROOT, "requests=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f per_s=%.0f items=%d"
                + " next_page=%s errors=%d clients=%d seconds=%.1f%n", sorted.length, percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6, sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                sorted.length / Math.max(seconds, 1e-9), measured.items.get(), measured.next.get() ? "yes" : "no",
                measured.errors.get(), clients, seconds);
        if (measured.errors.get() > 0 || warm.errors.get() > 0) {
            System.out.println("first error: " + (measured.firstError != null ? measured.firstError : warm.firstError));
            return 3;
        }
        return 0;
    }

    /** One batch of requests shared by the clients: each takes the next until none are left or time is up. */
    static final class Phase {
        final AtomicLong left;
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger items = new AtomicInteger(-1);
        final java.util.concurrent.atomic.AtomicBoolean next = new java.util.concurrent.atomic.AtomicBoolean();
        final List<long[]> perClient = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();
        volatile String firstError;

        Phase(long requests) {
            left = new AtomicLong(requests);
        }

        synchronized void error(String e) {
            errors.incrementAndGet();
            if (firstError == null) {
                firstError = e.length() > 500 ? e.substring(0, 500) + "..." : e;
            }
        }

        long[] latencies() {
            int n = counts.stream().mapToInt(Integer::intValue).sum();
            long[] all = new long[n];
            int at = 0;
            for (int c = 0; c < perClient.size(); c++) {
                System.arraycopy(perClient.get(c), 0, all, at, counts.get(c));
                at += counts.get(c);
            }
            Arrays.sort(all);
            return all;
        }
    }

    private static Phase phase(int clients, int port, byte[] request, Expect expect, long requests, long deadline)
            throws InterruptedException {
        Phase phase = new Phase(requests);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[(int) Math.min(requests, Integer.MAX_VALUE - 8)];
            int index = c;
            synchronized (phase) {
                phase.perClient.add(latencies);
                phase.counts.add(0);
            }
            Thread t = new Thread(() -> {
                Http http = new Http(port, (int) Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000 + 60_000));
                int n = 0;
                while (phase.left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    Instant asked = Instant.now();
                    try {
                        Http.Response r = http.exchange(request);
                        long took = System.nanoTime() - start;
                        if (r.status() != 200) {
                            phase.error("HTTP " + r.status() + ": " + r.body());
                        } else {
                            String problem = check(r.body(), expect, asked, phase);
                            if (problem != null) {
                                phase.error(problem);
                            }
                        }
                        latencies[n++] = took;
                    } catch (IOException | RuntimeException e) {
                        phase.error(e.toString());
                        http.close();
                    }
                }
                http.close();
                synchronized (phase) {
                    phase.counts.set(index, n);
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return phase;
    }

    private static final Pattern ITEM = Pattern.compile("\\{\"number\":\"");
    private static final Pattern OWED = Pattern.compile("\"responseOwedBy\":\"([^\"]+)\"");

    /** Null when every item on the page is what the query asked for; else what is wrong. */
    private static String check(String body, Expect expect, Instant asked, Phase phase) {
        String[] items = ITEM.split(body, -1);
        int count = items.length - 1;
        phase.items.compareAndSet(-1, count);
        phase.next.set(body.matches("(?s).*\"next\":\"[^\"]+\".*"));
        for (int i = 1; i < items.length; i++) {
            String item = items[i];
            String number = item.substring(0, Math.max(0, item.indexOf('"')));
            if (!expect.assignee().isEmpty() && !item.contains("\"assignee\":\"" + expect.assignee() + "\"")) {
                return "SR " + number + " is not assigned to " + expect.assignee();
            }
            if (!expect.status().isEmpty() && !item.contains("\"status\":\"" + expect.status() + "\"")) {
                return "SR " + number + " is not " + expect.status();
            }
            if (!expect.queue().isEmpty() && !item.contains("\"queue\":\"" + expect.queue() + "\"")) {
                return "SR " + number + " is not in queue " + expect.queue();
            }
            if (expect.overdue()) {
                Matcher m = OWED.matcher(item);
                try {
                    if (!m.find() || !Instant.parse(m.group(1)).isBefore(asked.plusSeconds(1))) {
                        return "SR " + number + " is not overdue: " + (m.find(0) ? m.group(1) : "no responseOwedBy");
                    }
                } catch (DateTimeParseException e) {
                    return "SR " + number + ": responseOwedBy is not an instant: " + m.group(1);
                }
            }
        }
        return null;
    }

    /** An HTTP/1.1 keep-alive connection on raw sockets: the client stays cheap beside the platform. */
    static final class Http {
        private final int port;
        private final int readTimeoutMs;
        private final byte[] buffer = new byte[65536];
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Http(int port, int readTimeoutMs) {
            this.port = port;
            this.readTimeoutMs = readTimeoutMs;
        }

        record Response(int status, String body) {
        }

        Response exchange(byte[] request) throws IOException {
            if (socket == null) {
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                s.setSoTimeout(readTimeoutMs);
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket = s;
                in = new BufferedInputStream(s.getInputStream(), 65536);
                out = s.getOutputStream();
            }
            out.write(request);
            out.flush();
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
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0;) {
                    read(size, body);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                read(length, body);
            } else {
                close = true;
                read(-1, body);
            }
            if (close) {
                close();
            }
            return new Response(code, body.toString(StandardCharsets.UTF_8));
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
        }

        private void read(long n, java.io.ByteArrayOutputStream to) throws IOException {
            boolean toEnd = n < 0;
            while (toEnd || n > 0) {
                int r = in.read(buffer, 0, toEnd ? buffer.length : (int) Math.min(buffer.length, n));
                if (r < 0) {
                    if (toEnd) {
                        return;
                    }
                    throw new EOFException("connection closed in the middle of a response");
                }
                to.write(buffer, 0, r);
                n -= r;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n';) {
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

    // ---------------------------------------------------------------- plans

    // JdbcSupportRequestRepository.headers(): the page's numbers first (filters() in their order, newest first, the
    // Derby dialect's limit; one more than the page shows, PageRequest.DEFAULT_LIMIT 50 + 1), then their rows
    // (SupportRequestTables.COLUMNS) and tags.
    private static final String COLUMNS = "SELECT sr.sr_number, sr.account_number, sr.product_id, sr.category_id,"
            + " sr.severity, sr.status, sr.subject, sr.description, sr.contact_method, sr.phone, sr.contact_login,"
            + " sr.intake_channel, sr.assignee, sr.created_at, sr.updated_at, sr.confirmation_due_at,"
            + " sr.first_response_due_at, sr.first_responded_at, sr.next_update_due_at, sr.suggestions_shown,"
            + " sr.version, sr.queue_id FROM support_requests sr";
    private static final String NUMBERS = "SELECT sr.sr_number FROM support_requests sr";
    private static final String NEWEST = " ORDER BY sr.sr_number DESC FETCH FIRST ? ROWS ONLY";
    private static final int PAGE = 51;
    private static final int WATCH_BATCH = 200; // TargetWatch.BATCH
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    record Query(String name, String sql, List<Object> params) {
    }

    /** The statements of the lists and of the target watch, with the parameters the bench's requests had. */
    private static List<Query> queries(String assignee, String queue, String status, Timestamp now) {
        List<Query> queries = new ArrayList<>();
        queries.add(new Query("overdue_mine", NUMBERS + " WHERE sr.assignee = ? AND sr.owes_response_at < ?" + NEWEST,
                List.of(assignee, now, PAGE)));
        queries.add(new Query("overdue_all", NUMBERS + " WHERE sr.owes_response_at < ?" + NEWEST, List.of(now, PAGE)));
        queries.add(new Query("mine", NUMBERS + " WHERE sr.assignee = ?" + NEWEST, List.of(assignee, PAGE)));
        queries.add(new Query("queue_status", NUMBERS + " WHERE sr.status = ? AND sr.queue_id = ?" + NEWEST,
                List.of(status, queue, PAGE)));
        // TargetWatch: ClockTable.DUE_SQL and closing(), with the Derby dialect's limit
        queries.add(new Query("watch_due", "SELECT sr_number FROM casework_clocks WHERE watch_at <= ?"
                + " ORDER BY watch_at FETCH FIRST ? ROWS ONLY", List.of(now, WATCH_BATCH)));
        queries.add(new Query("watch_closing", "SELECT sr_number FROM casework_resolutions WHERE closes_at <= ?"
                + " ORDER BY closes_at FETCH FIRST ? ROWS ONLY", List.of(now, WATCH_BATCH * 5)));
        return queries;
    }

    /** sql: the statements of a file, one by one, timed (to try other indexes on a seeded database). */
    private static void sql(Map<String, String> o) throws Exception {
        Path db = Path.of(text(o, "db", null)).toAbsolutePath();
        Path file = Path.of(text(o, "file", null));
        noneLeft(o);
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String t = line.replaceAll("--.*", "").strip();
            if (t.isEmpty()) {
                continue;
            }
            current.append(current.length() == 0 ? "" : " ").append(t);
            if (t.endsWith(";")) {
                String statement = current.toString().replaceAll(";$", "").strip();
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            throw usage(file + " ends with a statement without ';': " + current);
        }
        Driver driver = boot(db.resolveSibling("derby-sql.log").toString());
        try (Connection c = driver.connect("jdbc:derby:" + db, new Properties()); Statement s = c.createStatement()) {
            for (String statement : statements) {
                long t0 = System.nanoTime();
                s.execute(statement);
                System.out.printf(java.util.Locale.ROOT, "sql: %.1f s  %s%n", (System.nanoTime() - t0) / 1e9, statement);
            }
        } finally {
            shutdown(driver);
        }
    }

    /** Every list reads its page's tags in one more query (SupportRequestTables.headers). */
    private static Query rows(List<Long> page) {
        String in = String.join(", ", java.util.Collections.nCopies(page.size(), "?"));
        return new Query("page_rows", COLUMNS + " WHERE sr.sr_number IN (" + in + ") ORDER BY sr.sr_number DESC",
                new ArrayList<>(page));
    }

    private static Query tags(List<Long> page) {
        String in = String.join(", ", java.util.Collections.nCopies(page.size(), "?"));
        return new Query("page_tags", "SELECT sr_number, tag FROM sr_tags WHERE sr_number IN (" + in
                + ") ORDER BY sr_number, list_index", new ArrayList<>(page));
    }

    private static Driver boot(String log) throws Exception {
        System.setProperty("derby.stream.error.file", log);
        System.setProperty("derby.storage.pageCacheSize", "8000"); // the store's page.cache.pages default
        return (Driver) Class.forName("org.apache.derby.iapi.jdbc.AutoloadedDriver").getDeclaredConstructor()
                .newInstance();
    }

    private static void shutdown(Driver driver) {
        try {
            driver.connect("jdbc:derby:;shutdown=true", new Properties());
        } catch (SQLException expected) {
            // Derby answers a clean shutdown with an exception
        }
    }

    /** times: each statement once cold, nine times warm; the index statistics; the table sizes. */
    private static void times(Map<String, String> o) throws Exception {
        Path db = Path.of(text(o, "db", null)).toAbsolutePath();
        List<Query> queries = queries(text(o, "assignee", "engineer1"), text(o, "queue", "general"),
                text(o, "status", "IN_PROGRESS"), new Timestamp(Instant.now().toEpochMilli()));
        noneLeft(o);
        Driver driver = boot(db.resolveSibling("derby-times.log").toString());
        try (Connection c = driver.connect("jdbc:derby:" + db, new Properties())) {
            indexStatistics(c);
            for (Query q : queries) {
                List<Long> page = time(c, q);
                if (q.name().equals("overdue_mine") && !page.isEmpty()) {
                    time(c, rows(page));
                    time(c, tags(page));
                }
            }
            try (Statement s = c.createStatement()) {
                for (String count : List.of("SELECT COUNT(*) FROM support_requests",
                        "SELECT COUNT(*) FROM support_requests WHERE owes_response_at IS NOT NULL",
                        "SELECT COUNT(*) FROM casework_clocks",
                        "SELECT COUNT(*) FROM casework_clocks WHERE watch_at IS NOT NULL")) {
                    try (ResultSet rs = s.executeQuery(count)) {
                        rs.next();
                        System.out.println("count: " + count.substring("SELECT COUNT(*) FROM ".length()) + " = "
                                + rs.getLong(1));
                    }
                }
            }
        } finally {
            shutdown(driver);
        }
    }

    /** Runs a statement once cold and nine times more; prints rows and times; returns the first column. */
    private static List<Long> time(Connection c, Query q) throws SQLException {
        long[] ns = new long[10];
        int rows = 0;
        List<Long> first = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(q.sql())) {
            bind(p, q.params());
            for (int run = 0; run < ns.length; run++) {
                long t0 = System.nanoTime();
                rows = 0;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        if (run == 0) {
                            first.add(rs.getLong(1));
                        }
                    }
                }
                ns[run] = System.nanoTime() - t0;
            }
        }
        long[] warm = Arrays.copyOfRange(ns, 1, ns.length);
        Arrays.sort(warm);
        System.out.printf(java.util.Locale.ROOT, "time %s: rows=%d first_ms=%.1f warm_median_ms=%.2f%n", q.name(), rows,
                ns[0] / 1e6, warm[warm.length / 2] / 1e6);
        return first;
    }

    /**
     * explain: each statement once, in a JVM started with -Dderby.language.logQueryPlan=true, which writes each
     * plan whole into Derby's log (SYSCS_GET_RUNTIMESTATISTICS() cuts them at 32,672 characters, which the plan of
     * a sort spilled to disk exceeds); read back from the log: condensed on stdout, whole in FILE.
     */
    private static void explain(Map<String, String> o) throws Exception {
        Path db = Path.of(text(o, "db", null)).toAbsolutePath();
        Path out = Path.of(text(o, "out", db.resolveSibling("plans-full.txt").toString()));
        List<Query> queries = queries(text(o, "assignee", "engineer1"), text(o, "queue", "general"),
                text(o, "status", "IN_PROGRESS"), new Timestamp(Instant.now().toEpochMilli()));
        noneLeft(o);
        if (!Boolean.getBoolean("derby.language.logQueryPlan")) {
            throw usage("explain needs the JVM option -Dderby.language.logQueryPlan=true");
        }
        Path log = Files.createTempFile(db.getParent(), "derby-explain", ".log");
        Driver driver = boot(log.toString());
        List<Query> ran = new ArrayList<>();
        try (Connection c = driver.connect("jdbc:derby:" + db, new Properties())) {
            for (Query q : queries) {
                List<Long> page = once(c, q);
                ran.add(q);
                if (q.name().equals("overdue_mine") && !page.isEmpty()) {
                    for (Query then : List.of(rows(page), tags(page))) {
                        once(c, then);
                        ran.add(then);
                    }
                }
            }
        } finally {
            shutdown(driver);
        }
        Map<String, String> plans = plans(Files.readAllLines(log));
        StringBuilder full = new StringBuilder();
        for (Query q : ran) {
            String plan = plans.getOrDefault(q.sql(), "(no plan in Derby's log)");
            System.out.println("plan " + q.name() + ":");
            System.out.println("  sql: " + (q.sql().startsWith(COLUMNS) ? "SELECT <the SR columns> FROM support_requests sr"
                    + q.sql().substring(COLUMNS.length()) : q.sql()));
            for (String line : condensed(plan)) {
                System.out.println("  " + line);
            }
            full.append("==== ").append(q.name()).append('\n').append(q.sql()).append('\n').append(plan).append("\n\n");
        }
        Files.writeString(out, full);
        Files.delete(log);
        System.out.println("plans: whole in " + out);
    }

    private static List<Long> once(Connection c, Query q) throws SQLException {
        List<Long> first = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(q.sql())) {
            bind(p, q.params());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    first.add(rs.getLong(1));
                }
            }
        }
        return first;
    }

    /**
     * The plans in a Derby log written with derby.language.logQueryPlan, by statement text: each begins on the line
     * "DATE Thread[...] (XID = n), (SESSIONID = n), SQL ******* FIRST PLAN LINE" and ends before the next such line
     * or a line of dashes. The last plan of a statement wins.
     */
    static Map<String, String> plans(List<String> lines) {
        Map<String, String> plans = new LinkedHashMap<>();
        Pattern start = Pattern.compile(".*\\(SESSIONID = \\d+\\), (.*?) \\*{7} (.*)");
        String sql = null;
        StringBuilder plan = new StringBuilder();
        for (String line : lines) {
            Matcher m = start.matcher(line);
            boolean begins = m.matches();
            if ((begins || line.startsWith("-----")) && sql != null) {
                plans.put(sql, plan.toString());
                sql = null;
            }
            if (begins) {
                sql = m.group(1);
                plan.setLength(0);
                plan.append(m.group(2)).append('\n');
            } else if (sql != null) {
                plan.append(line).append('\n');
            }
        }
        if (sql != null) {
            plans.put(sql, plan.toString());
        }
        return plans;
    }

    private static void bind(PreparedStatement p, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v instanceof Timestamp t) {
                p.setTimestamp(i + 1, t, UTC);
            } else {
                p.setObject(i + 1, v);
            }
        }
    }

    /** Which indexes of the tables have optimizer statistics (Derby makes them itself as tables grow). */
    private static void indexStatistics(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t.tablename, g.conglomeratename,"
                + " st.creationtimestamp, CAST(st.statistics AS VARCHAR(200)) FROM sys.sysstatistics st"
                + " JOIN sys.sysconglomerates g ON st.referenceid = g.conglomerateid"
                + " JOIN sys.systables t ON st.tableid = t.tableid"
                + " WHERE t.tablename IN ('SUPPORT_REQUESTS', 'CASEWORK_CLOCKS', 'CASEWORK_RESOLUTIONS')"
                + " ORDER BY t.tablename, g.conglomeratename")) {
            int n = 0;
            while (rs.next()) {
                n++;
                System.out.println("index statistics: " + rs.getString(1) + "." + rs.getString(2) + " "
                        + rs.getString(4) + " (" + rs.getTimestamp(3) + ")");
            }
            if (n == 0) {
                System.out.println("index statistics: none on support_requests, casework_clocks,"
                        + " casework_resolutions");
            }
        }
    }

    /** The lines of Derby's runtime statistics that say how rows were found: scans, indexes, rows, sorts. */
    static List<String> condensed(String stats) {
        List<String> keep = new ArrayList<>();
        for (String raw : stats.split("\\R")) {
            String line = raw.replace('\t', ' ');
            String t = line.strip();
            if (t.contains("ResultSet") || t.startsWith("Rows seen") || t.startsWith("Rows filtered")
                    || t.startsWith("Rows input") || t.startsWith("Number of rows qualified")
                    || t.startsWith("Number of rows visited") || t.startsWith("Number of pages visited")
                    || t.startsWith("In sorted order") || t.startsWith("Number of opens")
                    || t.startsWith("Sort type") || t.startsWith("Number of merge runs")) {
                int indent = line.length() - line.stripLeading().length();
                keep.add(" ".repeat(Math.min(indent, 24)) + t);
            }
        }
        // "Number of opens" only helps next to a scan: drop it elsewhere to keep the plan short
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keep.size(); i++) {
            if (keep.get(i).strip().startsWith("Number of opens") && (i == 0 || !keep.get(i - 1).contains("Scan"))) {
                continue;
            }
            out.add(keep.get(i));
        }
        return out;
    }

    // ---------------------------------------------------------------- small helpers

    /** The value at a rank of sorted nanoseconds (nearest rank); NaN for none. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
