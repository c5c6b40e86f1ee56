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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measuring side of bench/escalation-review.sh (read its header first: the script seeds, pins, starts and stops
 * the platform; this file only measures). Four modes, each in its own JVM:
 * <pre>
 * get     --port P --user U --path PATH --page N --clients LIST --warmup N --requests N --max-seconds S
 *         [--expect-region R] [--expect-state S]
 *         GET PATH (HTTP Basic, password = user, as the demo users have it) over HTTP/1.1 keep-alive from N
 *         clients, each a closed loop, for each N of LIST (1,4) in turn, a line each. With --page N above 1 the pages before it are walked once first (each
 *         answer's "next" cursor appended as &amp;cursor=) and page N is the one measured. Warm-up requests first
 *         (all clients, for at most a quarter of S seconds), then the measured ones, shared by the clients until done or S seconds passed. Prints one
 *         name=value line: requests, p50/p99/max ms, requests/s, items on the page and whether it has a next one,
 *         errors. Every answer must be 200 and its items what the review promises: of the region and state
 *         asked, ordered by due time then id, after the cursor's position, a full page when there is a next one
 * walk    --port P --user U --path PATH [--expect-region R] [--expect-state S] [--expect-items N] [--rounds N]
 *         the whole list, page after page by its cursors, one client: pages, items, items flagged (overdue or a
 *         conference call due), the time of the walk and of its slowest page; checks that the items come in
 *         (due, id) order across pages, none twice, and (--expect-items) that none is missing
 * times   --db DIR --region R --state S --region-state S2
 *         the statements the review and the digest run (EscalationRows, the Derby dialect), on the stopped
 *         platform's database (embedded Derby with the platform's page cache): rows, the first execution's ms, the
 *         median of 9 more (3 when the first took over a second); a whole digest's statements (every page of the
 *         region, 500 a page); the
 *         optimizer's index statistics; the table sizes, the digests claimed and the digest messages kept
 * explain --db DIR --out FILE --region R --state S --region-state S2   (JVM: -Dderby.language.logQueryPlan=true)
 *         the same statements once each, their plans as Derby logs them: condensed on stdout (scans, indexes,
 *         rows read, sorts), whole in FILE
 * The last two need derby, derbyshared and derbytools on the class path.
 * </pre>
 * Loopback only; every loop ends at its deadline.
 */
public final class EscalationReview {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw usage("a mode is required: get, walk, times or explain");
        }
        Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "get" -> System.exit(get(o));
            case "walk" -> System.exit(walk(o));
            case "times" -> times(o);
            case "explain" -> explain(o);
            default -> throw usage("unknown mode '" + args[0] + "': get, walk, times or explain");
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
        System.err.println("EscalationReview: " + message + " (see the class comment of bench/EscalationReview.java)");
        System.exit(2);
        return new IllegalArgumentException(message);
    }

    // ---------------------------------------------------------------- reading an answer

    /** An item of the review as the checks need it. */
    record Item(long id, String region, String state, Instant due, boolean flagged) {
        boolean after(Instant d, long i) {
            int c = due.compareTo(d);
            return c > 0 || c == 0 && id > i;
        }
    }

    /** A page of the review: its items and the cursor of the next one (null: none). */
    record Answer(List<Item> items, String next) {
    }

    private static final Pattern REGION = Pattern.compile("\"region\":\"([^\"]*)\"");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([^\"]*)\"");
    private static final Pattern DUE = Pattern.compile("\"due\":\\{[^}]*\"at\":\"([^\"]+)\"");
    private static final Pattern OVERDUE = Pattern.compile("\"overdue\":\\[([^\\]]*)\\]");
    private static final Pattern NEXT = Pattern.compile("\"next\":\"([^\"]+)\"\\}\\s*$");

    /** The items of an answer (each begins with its id: EscalationView's first component). */
    static Answer parse(String body) {
        String[] chunks = body.split("\\{\"id\":\"", -1);
        List<Item> items = new ArrayList<>();
        for (int i = 1; i < chunks.length; i++) {
            String chunk = chunks[i];
            long id = Long.parseLong(chunk.substring(0, chunk.indexOf('"')));
            Matcher region = REGION.matcher(chunk);
            Matcher state = STATE.matcher(chunk);
            Matcher due = DUE.matcher(chunk);
            Matcher overdue = OVERDUE.matcher(chunk);
            if (!region.find() || !state.find() || !due.find()) {
                throw new IllegalStateException("escalation " + id + " has no region, state or due: "
                        + chunk.substring(0, Math.min(300, chunk.length())));
            }
            items.add(new Item(id, region.group(1), state.group(1), Instant.parse(due.group(1)),
                    overdue.find() && !overdue.group(1).isBlank()));
        }
        Matcher next = NEXT.matcher(body);
        return new Answer(items, next.find() ? next.group(1) : null);
    }

    /** The position a cursor stands for: EscalationRows.encode, "dueMillis:id" in URL-safe base 64. */
    static long[] position(String cursor) {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    /** What each page must be. */
    record Expect(String region, String state, int limit, long[] after) {
    }

    /** Null when the page is what the review promises; else what is wrong. */
    static String check(Answer a, Expect expect) {
        if (a.next() != null && a.items().size() != expect.limit()) {
            return "a page with a next one has " + a.items().size() + " items, not " + expect.limit();
        }
        if (a.items().size() > expect.limit()) {
            return "a page of " + a.items().size() + " items for limit " + expect.limit();
        }
        Instant lastDue = expect.after() == null ? Instant.MIN : Instant.ofEpochMilli(expect.after()[0]);
        long lastId = expect.after() == null ? Long.MIN_VALUE : expect.after()[1];
        for (Item item : a.items()) {
            if (!expect.region().isEmpty() && !item.region().equals(expect.region())) {
                return "escalation " + item.id() + " is of region " + item.region() + ", not " + expect.region();
            }
            if (!expect.state().isEmpty() && !item.state().equals(expect.state())) {
                return "escalation " + item.id() + " is " + item.state() + ", not " + expect.state();
            }
            if (!item.after(lastDue, lastId)) {
                return "escalation " + item.id() + " (due " + item.due() + ") comes after " + lastId + " (due "
                        + lastDue + "): not in (due, id) order";
            }
            lastDue = item.due();
            lastId = item.id();
        }
        return null;
    }

    static int limitOf(String path) {
        Matcher m = Pattern.compile("[?&]limit=(\\d+)").matcher(path);
        return m.find() ? Integer.parseInt(m.group(1)) : 50; // PageRequest.DEFAULT_LIMIT
    }

    static byte[] request(String path, String user, int port) {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + auth
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static String withCursor(String path, String cursor) {
        return cursor == null ? path : path + (path.contains("?") ? "&" : "?") + "cursor=" + cursor;
    }

    // ---------------------------------------------------------------- get

    private static int get(Map<String, String> o) throws Exception {
        int port = (int) number(o, "port", null, 1);
        String user = text(o, "user", null);
        String path = text(o, "path", null);
        int page = (int) number(o, "page", 1L, 1);
        String clientsList = text(o, "clients", "1,4");
        int[] concurrencies;
        try {
            concurrencies = Arrays.stream(clientsList.split(",")).mapToInt(c -> Integer.parseInt(c.trim())).toArray();
        } catch (NumberFormatException e) {
            throw usage("--clients needs numbers separated by commas, not '" + clientsList + "'");
        }
        if (Arrays.stream(concurrencies).anyMatch(c -> c < 1)) {
            throw usage("--clients: each concurrency must be at least 1");
        }
        long warmup = number(o, "warmup", 200L, 0);
        long requests = number(o, "requests", 1000L, 1);
        long maxSeconds = number(o, "max-seconds", 120L, 1);
        String region = text(o, "expect-region", "");
        String state = text(o, "expect-state", "");
        noneLeft(o);
        int limit = limitOf(path);

        // the pages before the one measured, walked once by their cursors
        String cursor = null;
        Http http = new Http(port, 60_000);
        for (int p = 1; p < page; p++) {
            Http.Response r = http.exchange(request(withCursor(path, cursor), user, port));
            if (r.status() != 200) {
                System.out.println("requests=0 errors=1 (page " + p + " answered HTTP " + r.status() + ": "
                        + r.body().substring(0, Math.min(300, r.body().length())) + ")");
                return 3;
            }
            Answer a = parse(r.body());
            if (a.next() == null) {
                System.out.println("requests=0 errors=1 (page " + p + " is the last: no page " + page + ")");
                return 3;
            }
            cursor = a.next();
        }
        http.close();
        Expect expect = new Expect(region, state, limit, cursor == null ? null : position(cursor));
        byte[] request = request(withCursor(path, cursor), user, port);

        int failed = 0;
        for (int clients : concurrencies) {
            // the warm-up within a quarter of the measurement's time: a slow page must not spend the run warming up
            Phase warm = phase(clients, port, request, expect, warmup, System.nanoTime() + maxSeconds * 250_000_000L);
            if (warm.errors.get() > 0) {
                System.out.println("warm-up errors=" + warm.errors.get() + " first: " + warm.firstError);
            }
            long t0 = System.nanoTime();
            Phase measured = phase(clients, port, request, expect, requests, t0 + maxSeconds * 1_000_000_000L);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] sorted = measured.latencies();
            System.out.printf(Locale.ROOT, "requests=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f per_s=%.1f items=%d"
                    + " next_page=%s errors=%d clients=%d seconds=%.1f page=%d%n", sorted.length,
                    percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                    sorted.length / Math.max(seconds, 1e-9), measured.items.get(), measured.next.get() ? "yes" : "no",
                    measured.errors.get() + warm.errors.get(), clients, seconds, page);
            if (measured.errors.get() > 0 || warm.errors.get() > 0) {
                System.out.println("first error: " + (measured.firstError != null ? measured.firstError
                        : warm.firstError));
                failed++;
            }
        }
        return failed == 0 ? 0 : 3;
    }

    /** One batch of requests shared by the clients: each takes the next until none are left or time is up. */
    static final class Phase {
        final AtomicLong left;
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger items = new AtomicInteger(-1);
        final AtomicBoolean next = new AtomicBoolean();
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
                Http http = new Http(port, (int) Math.min(Integer.MAX_VALUE,
                        (deadline - System.nanoTime()) / 1_000_000 + 60_000));
                int n = 0;
                while (phase.left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        Http.Response r = http.exchange(request);
                        long took = System.nanoTime() - start;
                        if (r.status() != 200) {
                            phase.error("HTTP " + r.status() + ": " + r.body());
                        } else {
                            Answer a = parse(r.body());
                            phase.items.compareAndSet(-1, a.items().size());
                            phase.next.set(a.next() != null);
                            String problem = check(a, expect);
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

    // ---------------------------------------------------------------- walk

    private static int walk(Map<String, String> o) throws Exception {
        int port = (int) number(o, "port", null, 1);
        String user = text(o, "user", null);
        String path = text(o, "path", null);
        String region = text(o, "expect-region", "");
        String state = text(o, "expect-state", "");
        long expectItems = number(o, "expect-items", -1L, -1);
        int rounds = (int) number(o, "rounds", 1L, 1);
        noneLeft(o);
        int limit = limitOf(path);
        int failures = 0;
        for (int round = 1; round <= rounds; round++) {
            Http http = new Http(port, 300_000);
            Set<Long> seen = new HashSet<>();
            List<Long> pageNs = new ArrayList<>();
            long flagged = 0;
            String cursor = null;
            String problem = null;
            long t0 = System.nanoTime();
            do {
                long p0 = System.nanoTime();
                Http.Response r = http.exchange(request(withCursor(path, cursor), user, port));
                pageNs.add(System.nanoTime() - p0);
                if (r.status() != 200) {
                    problem = "page " + pageNs.size() + " answered HTTP " + r.status() + ": "
                            + r.body().substring(0, Math.min(300, r.body().length()));
                    break;
                }
                Answer a = parse(r.body());
                problem = check(a, new Expect(region, state, limit, cursor == null ? null : position(cursor)));
                for (Item item : a.items()) {
                    if (!seen.add(item.id())) {
                        problem = "escalation " + item.id() + " came twice";
                    }
                    flagged += item.flagged() ? 1 : 0;
                }
                if (problem != null) {
                    problem = "page " + pageNs.size() + ": " + problem;
                    break;
                }
                cursor = a.next();
            } while (cursor != null);
            double ms = (System.nanoTime() - t0) / 1e6;
            http.close();
            if (problem == null && expectItems >= 0 && seen.size() != expectItems) {
                problem = seen.size() + " items, " + expectItems + " expected";
            }
            long[] sorted = pageNs.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "walk round=%d pages=%d items=%d flagged=%d ms=%.0f page_p50_ms=%.1f"
                    + " page_max_ms=%.1f errors=%d%n", round, pageNs.size(), seen.size(), flagged, ms,
                    percentile(sorted, 0.5) / 1e6, sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                    problem == null ? 0 : 1);
            if (problem != null) {
                System.out.println("first error: " + problem);
                failures++;
            }
        }
        return failures == 0 ? 0 : 3;
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
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
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

    // ---------------------------------------------------------------- statements

    // EscalationRows.COLUMNS and review(): the filters in their order, a lower bound on due_at, (due_at, id) order,
    // the Derby dialect's limit; a page asks one more row than it shows.
    private static final String COLUMNS = "SELECT e.*, (SELECT p.text FROM escalation_action_plans p"
            + " WHERE p.escalation_id = e.id AND p.revision = e.action_plan_revision) AS plan_text FROM escalations e";
    private static final String ORDER = " e.due_at >= ? AND NOT (e.due_at = ? AND e.id <= ?) ORDER BY e.due_at, e.id"
            + " FETCH FIRST ? ROWS ONLY";
    // SupportRequestTables.COLUMNS: the page's SRs (JdbcSupportRequestRepository.headers), then their tags
    private static final String SR_COLUMNS = "SELECT sr.sr_number, sr.account_number, sr.product_id, sr.category_id,"
            + " sr.severity, sr.status, sr.subject, sr.description, sr.contact_method, sr.phone, sr.contact_login,"
            + " sr.intake_channel, sr.assignee, sr.created_at, sr.updated_at, sr.confirmation_due_at,"
            + " sr.first_response_due_at, sr.first_responded_at, sr.next_update_due_at, sr.suggestions_shown,"
            + " sr.version, sr.queue_id FROM support_requests sr";
    private static final int PAGE = 50;
    private static final int DIGEST_PAGE = 500; // UpdateWatch.digest
    private static final int DEEP = 20; // the page after 20 pages: the cursor of item 1000
    private static final int WATCH_BATCH = 50; // UpdateWatch.BATCH
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    record Query(String name, String sql, List<Object> params) {
    }

    /** A page of the review: region and state as given ("" for none), after (due, id) or from the start. */
    private static Query review(String name, String region, String state, Timestamp due, long id, int limit) {
        StringBuilder where = new StringBuilder(" WHERE");
        List<Object> params = new ArrayList<>();
        if (!region.isEmpty()) {
            where.append(" e.region = ? AND");
            params.add(region);
        }
        if (!state.isEmpty()) {
            where.append(" e.state = ? AND");
            params.add(state);
        }
        params.addAll(List.of(due, due, id, limit + 1));
        return new Query(name, COLUMNS + where + ORDER, params);
    }

    private static final Timestamp EPOCH = new Timestamp(0);

    /** The (due, id) of the row after which a page starts: the n-th (0-based) of the list. */
    private static Object[] positionAt(Connection c, String region, String state, long n) throws SQLException {
        if (n < 0) {
            return new Object[] {EPOCH, Long.MIN_VALUE}; // the first page
        }
        StringBuilder where = new StringBuilder(" WHERE due_at IS NOT NULL");
        List<Object> params = new ArrayList<>();
        if (!region.isEmpty()) {
            where.append(" AND region = ?");
            params.add(region);
        }
        if (!state.isEmpty()) {
            where.append(" AND state = ?");
            params.add(state);
        }
        params.add(n);
        try (PreparedStatement p = c.prepareStatement("SELECT due_at, id FROM escalations" + where
                + " ORDER BY due_at, id OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")) {
            bind(p, params);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new Object[] {rs.getTimestamp(1, UTC), rs.getLong(2)}
                        : new Object[] {EPOCH, Long.MIN_VALUE};
            }
        }
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, List.of(params));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The statements of the review, the digest and the overdue watch, with the bench's parameters. */
    private static List<Query> queries(Connection c, String region, String state, String regionState)
            throws SQLException {
        List<Query> q = new ArrayList<>();
        q.add(review("all_first", "", "", EPOCH, Long.MIN_VALUE, PAGE));
        q.add(review("region_first", region, "", EPOCH, Long.MIN_VALUE, PAGE));
        q.add(review("state_first", "", state, EPOCH, Long.MIN_VALUE, PAGE));
        q.add(review("region_state_first", region, regionState, EPOCH, Long.MIN_VALUE, PAGE));
        Object[] at = positionAt(c, region, "", DEEP * PAGE - 1);
        q.add(review("region_page" + (DEEP + 1), region, "", (Timestamp) at[0], (Long) at[1], PAGE));
        at = positionAt(c, "", state, DEEP * PAGE - 1);
        q.add(review("state_page" + (DEEP + 1), "", state, (Timestamp) at[0], (Long) at[1], PAGE));
        q.add(review("digest_first", region, "", EPOCH, Long.MIN_VALUE, DIGEST_PAGE));
        long open = count(c, "SELECT COUNT(*) FROM escalations WHERE region = ? AND due_at IS NOT NULL", region);
        at = positionAt(c, region, "", (open - 1) / DIGEST_PAGE * DIGEST_PAGE - 1);
        q.add(review("digest_last", region, "", (Timestamp) at[0], (Long) at[1], DIGEST_PAGE));
        q.add(new Query("open_regions", "SELECT DISTINCT region FROM escalations WHERE open_sr IS NOT NULL"
                + " ORDER BY region", List.of()));
        q.add(new Query("watch_due", COLUMNS + " WHERE e.watch_at <= ? ORDER BY e.watch_at FETCH FIRST ? ROWS ONLY",
                List.of(new Timestamp(System.currentTimeMillis()), WATCH_BATCH)));
        return q;
    }

    /** The SR headers of a page (its SR numbers): the rows, then their tags. */
    private static List<Query> headers(List<Long> srs) {
        String in = String.join(", ", java.util.Collections.nCopies(srs.size(), "?"));
        return List.of(new Query("page_srs", SR_COLUMNS + " WHERE sr.sr_number IN (" + in + ")", new ArrayList<>(srs)),
                new Query("page_sr_tags", "SELECT sr_number, tag FROM sr_tags WHERE sr_number IN (" + in
                        + ") ORDER BY sr_number, list_index", new ArrayList<>(srs)));
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

    /** Runs a query; its rows' sr_number (review queries) or first column. */
    private static List<Long> run(Connection c, Query q) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(q.sql())) {
            bind(p, q.params());
            try (ResultSet rs = p.executeQuery()) {
                boolean review = q.sql().startsWith(COLUMNS);
                while (rs.next()) {
                    if (review) {
                        found.add(rs.getLong("sr_number"));
                    } else if (rs.getObject(1) instanceof Number n) {
                        found.add(n.longValue());
                    } else {
                        found.add(0L);
                    }
                }
            }
        }
        return found;
    }

    /** times: each statement once cold, nine times warm; a whole digest's pages; statistics; table sizes. */
    private static void times(Map<String, String> o) throws Exception {
        Path db = Path.of(text(o, "db", null)).toAbsolutePath();
        String region = text(o, "region", "APJ");
        String state = text(o, "state", "ACTIVE");
        String regionState = text(o, "region-state", "TOO_SLOW");
        noneLeft(o);
        Driver driver = boot(db.resolveSibling("derby-times.log").toString());
        try (Connection c = driver.connect("jdbc:derby:" + db, new Properties())) {
            indexStatistics(c);
            for (Query q : queries(c, region, state, regionState)) {
                List<Long> rows = time(c, q);
                if (q.name().equals("region_first")) {
                    for (Query h : headers(rows.subList(0, Math.min(PAGE, rows.size())))) {
                        time(c, h);
                    }
                }
            }
            digestWalk(c, region, 1);
            try (Statement s = c.createStatement()) {
                for (String count : List.of("SELECT COUNT(*) FROM escalations",
                        "SELECT COUNT(*) FROM escalations WHERE open_sr IS NOT NULL",
                        "SELECT COUNT(*) FROM escalations WHERE watch_at IS NOT NULL",
                        "SELECT COUNT(*) FROM escalation_action_plans", "SELECT COUNT(*) FROM escalation_history",
                        "SELECT COUNT(*) FROM support_requests", "SELECT COUNT(*) FROM outbox")) {
                    try (ResultSet rs = s.executeQuery(count)) {
                        rs.next();
                        System.out.println("count: " + count.substring("SELECT COUNT(*) FROM ".length()) + " = "
                                + rs.getLong(1));
                    }
                }
                // every column by name: "digest claimed: region=APJ digest_day=... escalations=N ..."
                try (ResultSet rs = s.executeQuery("SELECT * FROM escalation_digests")) {
                    java.sql.ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder("digest claimed:");
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            line.append(' ').append(meta.getColumnName(i).toLowerCase(Locale.ROOT)).append('=')
                                    .append(rs.getString(i));
                        }
                        System.out.println(line);
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT subject, state, COUNT(*) FROM outbox WHERE subject LIKE"
                        + " 'ESCALATION%' GROUP BY subject, state ORDER BY subject, state")) {
                    while (rs.next()) {
                        System.out.println("outbox: " + rs.getString(1) + " " + rs.getString(2) + " = " + rs.getLong(3));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT destination, payload FROM outbox WHERE subject ="
                        + " 'ESCALATION_DIGEST'")) {
                    while (rs.next()) {
                        String payload = rs.getString(2);
                        System.out.println("digest message: to=" + rs.getString(1) + " region=" + field(payload, "region")
                                + " total=" + field(payload, "total") + " overdue=" + field(payload, "overdue")
                                + " payload_chars=" + payload.length());
                    }
                }
            }
        } finally {
            shutdown(driver);
        }
    }

    /** A string field of a message's JSON payload (EscalationMessages: a map of strings). */
    private static String field(String payload, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(payload);
        return m.find() ? m.group(1) : "?";
    }

    /** The digest's statements alone: every page of the region, 500 a page, as UpdateWatch.digest reads them. */
    private static void digestWalk(Connection c, String region, int round) throws SQLException {
        long t0 = System.nanoTime();
        Timestamp due = EPOCH;
        long id = Long.MIN_VALUE;
        int pages = 0;
        long rows = 0;
        long slowest = 0;
        boolean more = true;
        while (more) {
            long p0 = System.nanoTime();
            Query q = review("digest", region, "", due, id, DIGEST_PAGE);
            int seen = 0;
            try (PreparedStatement p = c.prepareStatement(q.sql())) {
                bind(p, q.params());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (++seen <= DIGEST_PAGE) {
                            due = rs.getTimestamp("due_at", UTC);
                            id = rs.getLong("id");
                            rs.getString("detail"); // read as the row mapper does
                            rs.getString("milestones");
                            rs.getString("plan_text");
                        }
                    }
                }
            }
            more = seen > DIGEST_PAGE; // the page asks one row more than it shows
            pages++;
            rows += Math.min(seen, DIGEST_PAGE);
            slowest = Math.max(slowest, System.nanoTime() - p0);
        }
        System.out.printf(Locale.ROOT, "digest statements round=%d: pages=%d rows=%d ms=%.0f slowest_page_ms=%.1f%n",
                round, pages, rows, (System.nanoTime() - t0) / 1e6, slowest / 1e6);
    }

    /** Runs a statement once cold and nine times more (three if it took over a second); prints rows and times. */
    private static List<Long> time(Connection c, Query q) throws SQLException {
        long t0 = System.nanoTime();
        List<Long> first = run(c, q);
        long cold = System.nanoTime() - t0;
        long[] warm = new long[cold > 1_000_000_000L ? 3 : 9];
        for (int i = 0; i < warm.length; i++) {
            t0 = System.nanoTime();
            run(c, q);
            warm[i] = System.nanoTime() - t0;
        }
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "time %s: rows=%d first_ms=%.1f warm_median_ms=%.2f warm_runs=%d%n", q.name(),
                first.size(), cold / 1e6, warm[warm.length / 2] / 1e6, warm.length);
        return first;
    }

    /**
     * explain: each statement once, in a JVM started with -Dderby.language.logQueryPlan=true, which writes each
     * plan whole into Derby's log; read back from the log: condensed on stdout, whole in FILE.
     */
    private static void explain(Map<String, String> o) throws Exception {
        Path db = Path.of(text(o, "db", null)).toAbsolutePath();
        Path out = Path.of(text(o, "out", db.resolveSibling("plans-full.txt").toString()));
        String region = text(o, "region", "APJ");
        String state = text(o, "state", "ACTIVE");
        String regionState = text(o, "region-state", "TOO_SLOW");
        noneLeft(o);
        if (!Boolean.getBoolean("derby.language.logQueryPlan")) {
            throw usage("explain needs the JVM option -Dderby.language.logQueryPlan=true");
        }
        Path log = Files.createTempFile(db.getParent(), "derby-explain", ".log");
        Driver driver = boot(log.toString());
        List<Query> ran = new ArrayList<>();
        try (Connection c = driver.connect("jdbc:derby:" + db, new Properties())) {
            for (Query q : queries(c, region, state, regionState)) {
                List<Long> rows = run(c, q);
                ran.add(q);
                if (q.name().equals("region_first")) {
                    for (Query h : headers(rows.subList(0, Math.min(PAGE, rows.size())))) {
                        run(c, h);
                        ran.add(h);
                    }
                }
            }
        } finally {
            shutdown(driver);
        }
        // Several statements share a text (the review's pages of a region, the digest's): the n-th plan logged for
        // a text is that of its n-th execution.
        Map<String, java.util.ArrayDeque<String>> plans = plans(Files.readAllLines(log));
        StringBuilder full = new StringBuilder();
        for (Query q : ran) {
            java.util.ArrayDeque<String> logged = plans.get(q.sql());
            String plan = logged == null || logged.isEmpty() ? "(no plan in Derby's log)" : logged.poll();
            System.out.println("plan " + q.name() + ":");
            System.out.println("  sql: " + shortSql(q.sql()));
            for (String line : condensed(plan)) {
                System.out.println("  " + line);
            }
            full.append("==== ").append(q.name()).append('\n').append(q.sql()).append('\n').append(plan).append("\n\n");
        }
        Files.writeString(out, full);
        Files.delete(log);
        System.out.println("plans: whole in " + out);
    }

    private static String shortSql(String sql) {
        String s = sql.startsWith(COLUMNS) ? "SELECT e.*, (<the current plan>) FROM escalations e"
                + sql.substring(COLUMNS.length()) : sql.startsWith(SR_COLUMNS) ? "SELECT <the SR columns> FROM"
                + " support_requests sr" + sql.substring(SR_COLUMNS.length()) : sql;
        return s.replaceAll("(\\?, ){3,}\\?", "?, ..., ?");
    }

    /**
     * The plans in a Derby log written with derby.language.logQueryPlan, by statement text, in the order they were
     * logged: each begins on the line "DATE Thread[...] (XID = n), (SESSIONID = n), SQL ******* FIRST PLAN LINE"
     * and ends before the next such line or a line of dashes.
     */
    static Map<String, java.util.ArrayDeque<String>> plans(List<String> lines) {
        Map<String, java.util.ArrayDeque<String>> plans = new LinkedHashMap<>();
        Pattern start = Pattern.compile(".*\\(SESSIONID = \\d+\\), (.*?) \\*{7} (.*)");
        String sql = null;
        StringBuilder plan = new StringBuilder();
        for (String line : lines) {
            Matcher m = start.matcher(line);
            boolean begins = m.matches();
            if ((begins || line.startsWith("-----")) && sql != null) {
                plans.computeIfAbsent(sql, k -> new java.util.ArrayDeque<>()).add(plan.toString());
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
            plans.computeIfAbsent(sql, k -> new java.util.ArrayDeque<>()).add(plan.toString());
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
                + " WHERE t.tablename IN ('ESCALATIONS', 'ESCALATION_ACTION_PLANS')"
                + " ORDER BY t.tablename, g.conglomeratename")) {
            int n = 0;
            while (rs.next()) {
                n++;
                System.out.println("index statistics: " + rs.getString(1) + "." + rs.getString(2) + " "
                        + rs.getString(4) + " (" + rs.getTimestamp(3) + ")");
            }
            if (n == 0) {
                System.out.println("index statistics: none on escalations, escalation_action_plans");
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
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keep.size(); i++) {
            if (keep.get(i).strip().startsWith("Number of opens") && (i == 0 || !keep.get(i - 1).contains("Scan"))) {
                continue;
            }
            out.add(keep.get(i));
        }
        return out;
    }

    /** The value at a rank of sorted nanoseconds (nearest rank); NaN for none. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
