import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measuring side of bench/notify-mail.sh (read its header first: the script configures, seeds, pins, starts and
 * stops the platform; this file only measures), in one JVM:
 * <pre>
 * --port P --smtp-port S --pid-file FILE [--rate R] [--warmup S] [--measure S] [--drain N] [--clients N]
 * [--stored N] [--clk-tck HZ] [--ready-timeout S] [--settings TEXT] [--pinning TEXT]
 * </pre>
 * <ol>
 * <li>an SMTP sink on 127.0.0.1:S that takes every message and records when its data ended (wall clock, ms),
 *     its X-SR-Number, X-SR-Kind and Message-ID, and on which connection it came; it listens before the
 *     platform starts (the script waits for the line "sink listening");</li>
 * <li>once the platform is ready (GET /api/v1/me as customer1 and /health answer 200): what its start left in
 *     the outbox is sent first (the --stored SRs' confirmations, when the script seeded some); then 10 s idle;</li>
 * <li>latency: POST /api/v1/requests as customer1, paced at R per second (open loop: each request leaves at its
 *     time whatever the answers before it did), --warmup seconds not counted, then --measure seconds counted;
 *     for each SR created, the time from its createdAt (the 201 answer) to its confirmation's arrival at the sink,
 *     matched by X-SR-Number;</li>
 * <li>intake alone: notifications switched off (PUT /api/v1/admin/features/notifications as admin1), the same
 *     paced load for min(--measure, 30) seconds: the platform's CPU per SR (/proc/PID/stat) without sending;</li>
 * <li>throughput: notifications still off, more SRs created by --clients closed-loop clients until N
 *     confirmations wait in the outbox, notifications switched on: confirmations per second from the first to the
 *     last arrival, and from the switch to the last; the platform's CPU per message meanwhile;</li>
 * <li>the paced load again for min(--measure, 30) seconds with notifications on, the JIT as warm as for the load
 *     without them: CPU per SR with sending beside CPU per SR without, and a second latency sample.</li>
 * </ol>
 * Each SR adds a confirmation to the outbox, where it stays once SENT: the figures say about how many
 * notifications the outbox held during each part, because the dispatcher's claim reads every notification row
 * of the outbox, sent ones included, so its cost grows with them. Every SR's confirmation must arrive exactly once; anything else is counted and shown,
 * and the exit status is 3. Prints a Markdown table at the end. Loopback only; every wait ends at a deadline.
 */
public final class NotifyMail {
    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"(\\d+)\"");
    private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final String[] CATEGORIES = {"performance", "installation", "availability", "networking"};
    private static final String[] PARTS = {"Datastore", "vMotion", "Cluster", "Host", "Uplink", "Backup job",
        "Snapshot", "License server", "Management console", "Storage adapter", "Guest network", "Upgrade"};

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int port = (int) number(o, "port", null, 1);
        int smtpPort = (int) number(o, "smtp-port", null, 1);
        String pidFile = o.remove("pid-file");
        double rate = number(o, "rate", 50L, 1);
        long warmup = number(o, "warmup", 60L, 0);
        long measure = number(o, "measure", 60L, 1);
        int drain = (int) number(o, "drain", 3000L, 1);
        int clients = (int) number(o, "clients", 8L, 1);
        long stored = number(o, "stored", 0L, 0);
        long clkTck = number(o, "clk-tck", 100L, 1);
        long readyTimeout = number(o, "ready-timeout", 300L, 1);
        String settings = o.remove("settings");
        String pinning = o.remove("pinning");
        if (pidFile == null) {
            throw usage("--pid-file is required");
        }
        if (!o.isEmpty()) {
            throw usage("unknown option(s): " + o.keySet());
        }

        Sink sink = new Sink(smtpPort);
        System.out.println("sink listening on 127.0.0.1:" + smtpPort);
        System.out.flush();
        Api api = new Api(port);
        long pid = awaitPid(Path.of(pidFile), readyTimeout);
        Cpu cpu = new Cpu(Path.of("/proc/" + pid + "/stat"), clkTck);
        long readyMs = api.awaitReady(readyTimeout);
        System.out.printf("platform ready (pid %d) %.1f s after the sink listened%n", pid, readyMs / 1e3);
        long settle = Math.max(120, stored / 20);
        long settleStart = System.nanoTime();
        int left = api.awaitOutboxEmpty(settle);
        int atStart = sink.all().size();
        System.out.println((left == 0 ? "outbox: nothing pending" : "outbox: " + left + " messages still pending")
                + String.format(" %.1f s after the platform was ready; %d confirmations arrived meanwhile%s",
                        (System.nanoTime() - settleStart) / 1e9, atStart, atStart < 2 ? "" : String.format(
                                " (%.1f/s first to last)", rate(sink.all()))));
        Cpu.Mark idle0 = cpu.mark();
        Thread.sleep(10_000);
        Cpu.Mark idle1 = cpu.mark();
        System.out.printf("idle: platform CPU %.1f%% of one CPU over 10 s%n", idle1.share(idle0, 10));
        long outbox = Math.max(stored, atStart); // about: a confirmation per SR, the stored ones among those arrived

        // ---- latency under a paced load, notifications on
        Problems problems = new Problems();
        if (warmup > 0) {
            Paced warm = paced(api, rate, warmup, problems);
            Arrivals a = sink.await(warm.created.keySet(), Duration.ofSeconds(120));
            outbox += warm.created.size();
            System.out.printf("warm-up: %d SRs in %d s at %.0f/s, %d confirmations arrived%n", warm.created.size(),
                    warmup, rate, a.found.size());
        }
        long outboxBefore = outbox;
        Cpu.Mark on0 = cpu.mark();
        int connections0 = sink.connections.get();
        Paced load = paced(api, rate, measure, problems);
        Cpu.Mark on1 = cpu.mark();
        Arrivals measured = sink.await(load.created.keySet(), Duration.ofSeconds(120));
        int connections1 = sink.connections.get();
        outbox += load.created.size();
        Latency latency = Latency.of(load, measured);
        problems.missing += load.created.size() - measured.found.size();
        problems.duplicates += sink.duplicates(load.created.keySet());
        System.out.printf("latency: %d SRs in %d s (%.1f/s achieved, latest request %.0f ms behind its time),"
                + " %d confirmations arrived; creation to arrival p50 %d ms, p99 %d ms, max %d ms; outbox about %d to"
                + " %d notifications%n", load.created.size(), measure, load.created.size() / (double) measure,
                load.maxLateMs, measured.found.size(), pct(latency.fromCreated, 0.5), pct(latency.fromCreated, 0.99),
                pct(latency.fromCreated, 1), outboxBefore, outbox);

        // ---- the same load with notifications off: what intake alone costs (its confirmations join the backlog)
        api.feature("notifications", false);
        Thread.sleep(5000); // the switch itself costs CPU (components, endpoints): not intake's
        long cpuSeconds = Math.min(measure, 30);
        Cpu.Mark off0 = cpu.mark();
        Paced off = paced(api, rate, cpuSeconds, problems);
        Cpu.Mark off1 = cpu.mark();

        // ---- throughput: notifications still off, the backlog completed, notifications on
        Map<String, Created> backlog = new LinkedHashMap<>(off.created);
        backlog.putAll(closedLoop(api, Math.max(0, drain - off.created.size()), clients, problems));
        Thread.sleep(1000);
        int early = sink.count(backlog.keySet());
        int connections2 = sink.connections.get();
        Cpu.Mark drain0 = cpu.mark();
        long enabledNanos = System.nanoTime();
        api.feature("notifications", true);
        Arrivals drained = sink.await(backlog.keySet(), Duration.ofSeconds(Math.max(300, drain / 5)));
        Cpu.Mark drain1 = cpu.mark();
        int connections3 = sink.connections.get();
        problems.missing += backlog.size() - drained.found.size();
        problems.duplicates += sink.duplicates(backlog.keySet());
        long outboxDrain = outbox;
        outbox += backlog.size();
        long firstNs = Long.MAX_VALUE;
        long lastNs = Long.MIN_VALUE;
        for (Arrival a : drained.found.values()) {
            firstNs = Math.min(firstNs, a.nanos);
            lastNs = Math.max(lastNs, a.nanos);
        }
        int n = drained.found.size();
        double steady = rate(drained.found.values());
        double overall = n > 0 ? n / ((lastNs - enabledNanos) / 1e9) : Double.NaN;
        long[] sessions = sink.sessionMicros(connections2, connections3);
        System.out.printf("throughput: %d SRs created with notifications off (%d confirmations arrived meanwhile),"
                + " then on: %d arrived, first %.0f ms after the switch, last %.1f s after it%n", backlog.size(),
                early, n, (firstNs - enabledNanos) / 1e6, (lastNs - enabledNanos) / 1e9);
        System.out.printf("throughput: %.1f messages/s first to last arrival, %.1f from the switch; platform CPU %.2f"
                + " ms per message (%.0f%% of one CPU); %d SMTP connections for %d messages, a session %.2f ms"
                + " median at the sink; outbox about %d to %d notifications%n", steady, overall,
                drain1.msPer(drain0, n), drain1.share(drain0, (lastNs - enabledNanos) / 1e9),
                connections3 - connections2, n, pct(sessions, 0.5) / 1e3, outboxDrain, outbox);

        // ---- the paced load again, notifications on, warm: its CPU beside the load with them off
        Thread.sleep(5000);
        Cpu.Mark again0 = cpu.mark();
        Paced again = paced(api, rate, cpuSeconds, problems);
        Cpu.Mark again1 = cpu.mark();
        Arrivals againArrived = sink.await(again.created.keySet(), Duration.ofSeconds(120));
        problems.missing += again.created.size() - againArrived.found.size();
        problems.duplicates += sink.duplicates(again.created.keySet());
        Latency latencyAgain = Latency.of(again, againArrived);
        long outboxAgain = outbox;
        outbox += again.created.size();
        System.out.printf("platform CPU per SR at %.0f/s (%d s each, after the drain): %.2f ms with notifications on"
                + " (%.2f ms in the kernel; creation to arrival p50 %d ms, p99 %d ms; outbox about %d to %d),"
                + " %.2f ms with them off (%.2f ms in the kernel, before the drain); during the measured load"
                + " %.2f ms%n", rate, cpuSeconds, again1.msPer(again0, again.created.size()),
                again1.sysMsPer(again0, again.created.size()), pct(latencyAgain.fromCreated, 0.5),
                pct(latencyAgain.fromCreated, 0.99), outboxAgain, outbox, off1.msPer(off0, off.created.size()),
                off1.sysMsPer(off0, off.created.size()), on1.msPer(on0, load.created.size()));

        // ---- the table
        System.out.println();
        System.out.println("| figure | value | how |");
        System.out.println("| --- | --- | --- |");
        System.out.printf("| dispatch throughput | **%.1f messages/s** | %d confirmations waiting in the outbox, first to"
                + " last arrival at the SMTP sink after notifications were switched on (outbox about %d to %d"
                + " notifications) |%n", steady, n, outboxDrain, outbox - again.created.size());
        System.out.printf("| dispatch throughput incl. start | %.1f messages/s | switch-on to last arrival (first after"
                + " %.0f ms: the dispatcher's activation) |%n", overall, (firstNs - enabledNanos) / 1e6);
        System.out.printf("| platform CPU per message, drain | %.2f ms | /proc utime+stime during the drain (%.2f ms of"
                + " it in the kernel); %.0f%% of one CPU |%n", drain1.msPer(drain0, n), drain1.sysMsPer(drain0, n),
                drain1.share(drain0, (lastNs - enabledNanos) / 1e9));
        System.out.printf("| SMTP connections per message | %.2f | %d connections for %d messages; SMTP session at the"
                + " sink p50 %.2f ms, p99 %.2f ms (connect to close) |%n", n == 0 ? Double.NaN
                : (connections3 - connections2) / (double) n, connections3 - connections2, n, pct(sessions, 0.5) / 1e3,
                pct(sessions, 0.99) / 1e3);
        System.out.printf("| creation to arrival, median | **%d ms** | %d SRs at %.0f/s over %d s after %d s of"
                + " warm-up (outbox about %d to %d notifications): sink arrival - createdAt of the 201 |%n",
                pct(latency.fromCreated, 0.5), latency.fromCreated.length, rate, measure, warmup, outboxBefore,
                outboxBefore + load.created.size());
        System.out.printf("| creation to arrival, p99 | **%d ms** | max %d ms |%n", pct(latency.fromCreated, 0.99),
                pct(latency.fromCreated, 1));
        System.out.printf("| request sent to arrival, p50 / p99 | %d / %d ms | client's clock: includes the POST |%n",
                pct(latency.fromRequest, 0.5), pct(latency.fromRequest, 0.99));
        System.out.printf("| POST /requests during the load, p50 / p99 | %d / %d ms | %.1f SRs/s achieved; platform"
                + " CPU %.0f%% of one CPU, %.2f ms per SR; %.2f SMTP connections per message |%n",
                pct(latency.posts, 0.5), pct(latency.posts, 0.99), load.created.size() / (double) measure,
                on1.share(on0, measure), on1.msPer(on0, load.created.size()), measured.found.isEmpty() ? Double.NaN
                        : (connections1 - connections0) / (double) measured.found.size());
        System.out.printf("| creation to arrival after the drain, p50 / p99 | %d / %d ms | the same load for %d s"
                + " (outbox about %d to %d notifications) |%n", pct(latencyAgain.fromCreated, 0.5),
                pct(latencyAgain.fromCreated, 0.99), cpuSeconds, outboxAgain, outbox);
        System.out.printf("| platform CPU per SR at %.0f/s | %.2f ms with notifications, %.2f ms without | %d s each:"
                + " with them after the drain, without before it; kernel part %.2f / %.2f ms; idle platform %.1f%%"
                + " of one CPU |%n", rate, again1.msPer(again0, again.created.size()),
                off1.msPer(off0, off.created.size()), cpuSeconds, again1.sysMsPer(again0, again.created.size()),
                off1.sysMsPer(off0, off.created.size()), idle1.share(idle0, 10));
        if (stored > 0) {
            System.out.printf("| stored SRs | %d | seeded before the start, their confirmations PENDING: %d arrived"
                    + " before the load |%n", stored, atStart);
        }
        if (settings != null) {
            System.out.println("| settings | " + settings + " | |");
        }
        if (pinning != null) {
            System.out.println("| pinning | " + pinning + " | |");
        }
        System.out.printf("| errors | %d | non-201 answers %d, confirmations missing %d, arriving more than once %d,"
                + " arriving while notifications were off %d |%n", problems.total() + early, problems.failed.get(),
                problems.missing, problems.duplicates, early);
        if (!problems.samples.isEmpty()) {
            problems.samples.forEach(x -> System.out.println("  e.g. " + x));
        }
        sink.close();
        System.exit(problems.total() + early == 0 ? 0 : 3);
    }

    /** Messages per second from the first to the last of these arrivals. */
    private static double rate(Collection<Arrival> arrivals) {
        if (arrivals.size() < 2) {
            return Double.NaN;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Arrival a : arrivals) {
            first = Math.min(first, a.nanos);
            last = Math.max(last, a.nanos);
        }
        return (arrivals.size() - 1) / ((last - first) / 1e9);
    }

    /** Sorted latencies of a paced load, in ms. */
    record Latency(long[] fromCreated, long[] fromRequest, long[] posts) {
        static Latency of(Paced load, Arrivals arrived) {
            long[] fromCreated = new long[arrived.found.size()];
            long[] fromRequest = new long[arrived.found.size()];
            int i = 0;
            for (Map.Entry<String, Arrival> e : arrived.found.entrySet()) {
                Created c = load.created.get(e.getKey());
                fromCreated[i] = e.getValue().ms - c.createdAtMs;
                fromRequest[i++] = (e.getValue().nanos - c.sentNanos) / 1_000_000;
            }
            Arrays.sort(fromCreated);
            Arrays.sort(fromRequest);
            return new Latency(fromCreated, fromRequest,
                    load.answerMs.stream().mapToLong(Long::longValue).sorted().toArray());
        }
    }

    /** The platform process's CPU time (/proc/PID/stat utime and stime). */
    record Cpu(Path stat, long clkTck) {
        record Mark(long user, long sys, long clkTck) {
            double msPer(Mark before, long count) {
                return count == 0 ? Double.NaN : (user + sys - before.user - before.sys) * 1000.0 / clkTck / count;
            }

            double sysMsPer(Mark before, long count) {
                return count == 0 ? Double.NaN : (sys - before.sys) * 1000.0 / clkTck / count;
            }

            /** Percent of one CPU over these seconds. */
            double share(Mark before, double seconds) {
                return (user + sys - before.user - before.sys) * 100.0 / clkTck / seconds;
            }
        }

        Mark mark() {
            try {
                String line = Files.readString(stat);
                String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
                return new Mark(Long.parseLong(f[11]), Long.parseLong(f[12]), clkTck);
            } catch (IOException | RuntimeException e) {
                return new Mark(0, 0, clkTck);
            }
        }
    }

    // ---------------------------------------------------------------- load

    record Created(String number, long createdAtMs, long sentNanos) {
    }

    static final class Problems {
        final AtomicInteger failed = new AtomicInteger();
        final List<String> samples = new CopyOnWriteArrayList<>();
        int missing;
        int duplicates;

        void failed(String what) {
            failed.incrementAndGet();
            if (samples.size() < 5) {
                samples.add(what.length() > 300 ? what.substring(0, 300) + "..." : what);
            }
        }

        int total() {
            return failed.get() + missing + duplicates;
        }
    }

    static final class Paced {
        final Map<String, Created> created = new ConcurrentHashMap<>();
        final List<Long> answerMs = new CopyOnWriteArrayList<>();
        volatile double maxLateMs;
    }

    /** Requests at a fixed pace (open loop) for a number of seconds; waits for every answer. */
    private static Paced paced(Api api, double rate, long seconds, Problems problems) throws InterruptedException {
        Paced p = new Paced();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        long period = Math.round(1e9 / rate);
        long total = Math.round(rate * seconds);
        long start = System.nanoTime() + 10_000_000;
        AtomicLong late = new AtomicLong();
        for (long i = 0; i < total; i++) {
            long at = start + i * period;
            for (long wait; (wait = at - System.nanoTime()) > 0;) {
                LockSupport.parkNanos(wait);
            }
            long seq = i;
            pool.execute(() -> {
                long sent = System.nanoTime();
                late.accumulateAndGet(sent - at, Math::max);
                Created c = api.create(seq, problems);
                if (c != null) {
                    p.created.put(c.number, new Created(c.number, c.createdAtMs, sent));
                    p.answerMs.add((System.nanoTime() - sent) / 1_000_000);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        p.maxLateMs = late.get() / 1e6;
        return p;
    }

    /** {@code count} SRs from {@code clients} closed-loop clients. */
    private static Map<String, Created> closedLoop(Api api, int count, int clients, Problems problems)
            throws Exception {
        Map<String, Created> created = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count;) {
                    Created sr = api.create(1_000_000L + i, problems);
                    if (sr != null) {
                        created.put(sr.number, sr);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(600, TimeUnit.SECONDS);
        }
        pool.shutdown();
        System.out.printf("backlog: %d SRs created in %.1f s by %d clients%n", created.size(),
                (System.nanoTime() - t0) / 1e9, clients);
        return created;
    }

    /** The platform's API, as the demo users. */
    static final class Api {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        Api(int port) {
            this.base = "http://127.0.0.1:" + port + "/api/v1/";
        }

        private HttpRequest.Builder request(String path, String user) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }

        HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        int status(String path, String user) {
            try {
                return send(request(path, user).GET()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        /** Milliseconds until the platform answered. */
        long awaitReady(long seconds) throws InterruptedException {
            long t0 = System.nanoTime();
            long deadline = t0 + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (status("me", "customer1") == 200 && status("health", "customer1") == 200
                        && status("admin/outbox?state=PENDING", "admin1") == 200) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the platform was not ready within " + seconds + " s");
        }

        /** Waits until no notification is pending or being sent; how many still are at the deadline. */
        int awaitOutboxEmpty(long seconds) throws Exception {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            int pending;
            do {
                pending = 0;
                for (String state : List.of("PENDING", "SENDING")) {
                    String body = send(request("admin/outbox?state=" + state + "&limit=500", "admin1").GET()).body();
                    for (Matcher m = Pattern.compile("\"type\"\\s*:\\s*\"notification\"").matcher(body); m.find();) {
                        pending++;
                    }
                }
                if (pending == 0) {
                    return 0;
                }
                Thread.sleep(500);
            } while (System.nanoTime() < deadline);
            return pending;
        }

        /** Switches a feature and waits until the platform says it is in the state asked for. */
        void feature(String id, boolean enabled) throws Exception {
            HttpResponse<String> r = send(request("admin/features/" + id, "admin1")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":" + enabled + "}")));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("PUT admin/features/" + id + " answered " + r.statusCode() + ": " + r.body());
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                String body = send(request("admin/features/" + id, "admin1").GET()).body();
                Matcher m = STATE.matcher(body);
                if (m.find() && (m.group(1).equals("ACTIVE") == enabled)) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("feature " + id + " did not become " + (enabled ? "ACTIVE" : "inactive"));
        }

        /** Opens one SR as customer1; null (and a problem counted) unless the answer is 201. */
        Created create(long seq, Problems problems) {
            String json = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\""
                    + CATEGORIES[(int) (seq % CATEGORIES.length)] + "\",\"severity\":3,\"subject\":\""
                    + PARTS[(int) (seq % PARTS.length)] + " fails under load (notify bench " + seq + ")\","
                    + "\"description\":\"It started after the upgrade; we restarted the service without effect.\","
                    + "\"contactMethod\":\"EMAIL\"}";
            long sent = System.nanoTime();
            try {
                HttpResponse<String> r = send(request("requests", "customer1")
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
                Matcher number = NUMBER.matcher(r.body());
                Matcher created = CREATED_AT.matcher(r.body());
                if (r.statusCode() != 201 || !number.find() || !created.find()) {
                    problems.failed("HTTP " + r.statusCode() + ": " + r.body());
                    return null;
                }
                return new Created(number.group(1), Instant.parse(created.group(1)).toEpochMilli(), sent);
            } catch (IOException | RuntimeException e) {
                problems.failed(e.toString());
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- the SMTP sink

    record Arrival(String number, String kind, String messageId, long ms, long nanos, int connection) {
    }

    record Arrivals(Map<String, Arrival> found) {
    }

    /**
     * Takes every message: EHLO/MAIL/RCPT/RSET/NOOP get 250, DATA 354 and 250 at its end. One thread per
     * connection. Records each message's arrival (at the end of its data, before the 250) and each session's
     * length (accept to close).
     */
    static final class Sink implements AutoCloseable {
        private final ServerSocket server;
        private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sink-session");
            t.setDaemon(true);
            return t;
        });
        final AtomicInteger connections = new AtomicInteger();
        /** Confirmations by SR number: every arrival, repeats included. */
        final Map<String, List<Arrival>> confirmations = new ConcurrentHashMap<>();
        /** Session length in microseconds, by connection number. */
        final Map<Integer, Long> sessionMicros = new ConcurrentHashMap<>();

        Sink(int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port), 200);
            Thread accept = new Thread(this::accept, "sink-accept");
            accept.setDaemon(true);
            accept.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    long t0 = System.nanoTime();
                    int id = connections.incrementAndGet();
                    sessions.execute(() -> {
                        try (s) {
                            s.setSoTimeout(60_000);
                            talk(s, id);
                        } catch (IOException e) {
                            // the client went away
                        }
                        sessionMicros.put(id, (System.nanoTime() - t0) / 1000);
                    });
                } catch (IOException e) {
                    // closed
                }
            }
        }

        private void talk(Socket s, int id) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            say(out, "220 sink.bench ESMTP");
            for (String line; (line = in.readLine()) != null;) {
                String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "DATA" -> {
                        say(out, "354 end with <CRLF>.<CRLF>");
                        data(in, id);
                        say(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        say(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> say(out, "250 sink.bench");
                }
            }
        }

        private void data(BufferedReader in, int connection) throws IOException {
            String number = null;
            String kind = null;
            String messageId = null;
            boolean headers = true;
            for (String line; (line = in.readLine()) != null;) {
                if (line.equals(".")) {
                    long ms = System.currentTimeMillis();
                    long nanos = System.nanoTime();
                    if (number != null && "CONFIRMATION".equals(kind)) {
                        Arrival a = new Arrival(number, kind, messageId, ms, nanos, connection);
                        confirmations.compute(number, (k, list) -> { // a list is never seen empty
                            List<Arrival> all = list == null ? new CopyOnWriteArrayList<>() : list;
                            all.add(a);
                            return all;
                        });
                    }
                    return;
                }
                if (headers) {
                    if (line.isEmpty()) {
                        headers = false;
                    } else if (line.regionMatches(true, 0, "X-SR-Number:", 0, 12)) {
                        number = line.substring(12).strip();
                    } else if (line.regionMatches(true, 0, "X-SR-Kind:", 0, 10)) {
                        kind = line.substring(10).strip();
                    } else if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                        messageId = line.substring(11).strip();
                    }
                }
            }
        }

        private static void say(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Waits until each number's confirmation arrived, or the time is up: the first arrival of each. */
        Arrivals await(Collection<String> numbers, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, Arrival> found = new LinkedHashMap<>();
            while (true) {
                for (String n : numbers) {
                    List<Arrival> a = confirmations.get(n);
                    if (a != null && !a.isEmpty() && !found.containsKey(n)) {
                        found.put(n, a.get(0));
                    }
                }
                if (found.size() == numbers.size() || System.nanoTime() > deadline) {
                    return new Arrivals(found);
                }
                Thread.sleep(10);
            }
        }

        /** The first arrival of every confirmation so far. */
        List<Arrival> all() {
            List<Arrival> all = new ArrayList<>();
            for (List<Arrival> a : confirmations.values()) {
                if (!a.isEmpty()) {
                    all.add(a.get(0));
                }
            }
            return all;
        }

        int count(Collection<String> numbers) {
            int n = 0;
            for (String number : numbers) {
                n += confirmations.getOrDefault(number, List.of()).size();
            }
            return n;
        }

        /** Confirmations beyond the first, for these numbers. */
        int duplicates(Collection<String> numbers) {
            int n = 0;
            for (String number : numbers) {
                n += Math.max(0, confirmations.getOrDefault(number, List.of()).size() - 1);
            }
            return n;
        }

        /** Session lengths of connections (from, to], sorted. */
        long[] sessionMicros(int from, int to) {
            return sessionMicros.entrySet().stream().filter(e -> e.getKey() > from && e.getKey() <= to)
                    .mapToLong(Map.Entry::getValue).sorted().toArray();
        }

        @Override
        public void close() throws IOException {
            server.close();
            sessions.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- small helpers

    private static long awaitPid(Path file, long seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    return Long.parseLong(text);
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no platform pid in " + file + " within " + seconds + " s");
    }

    /** Nearest-rank percentile of sorted values; -1 for none. */
    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new TreeMap<>();
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

    private static IllegalArgumentException usage(String message) {
        System.err.println("NotifyMail: " + message);
        System.err.println("usage: NotifyMail --port P --smtp-port S --pid-file FILE [--rate R] [--warmup S]"
                + " [--measure S] [--drain N] [--clients N] [--stored N] [--clk-tck HZ] [--ready-timeout S] [--settings TEXT]"
                + " [--pinning TEXT]");
        System.exit(2);
        return new IllegalArgumentException(message); // not reached
    }
}
