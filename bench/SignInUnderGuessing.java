import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sign-in latency of a valid, signed-in user while other clients guess passwords; run by
 * bench/signin-under-guessing.sh. One client signs in as customer1 (GET /api/v1/me, keep-alive, from
 * 127.0.0.1) in a loop, first alone (baseline), then while GUESSERS clients send wrong passwords:
 *   targeted: each guesser from its own loopback address (127.0.1.N), at the other demo users in turn;
 *   spray:    every guess a new login from a new loopback address (127.x.y.z): nothing to throttle,
 *             only the bound on hashing protects the valid user.
 * Prints p50/p99/max of the valid user's requests and the guessers' answers by status. Loopback only;
 * every loop stops after its duration.
 *
 * Usage: java SignInUnderGuessing.java PORT GUESSERS SECONDS targeted|spray
 */
public class SignInUnderGuessing {
    static final List<String> TARGETS = List.of("customer2", "engineer1", "duty1", "rem1", "escalation1", "admin1");

    record Figures(List<Long> nanos, Map<Integer, Long> statuses) {
        double millis(double p) {
            if (nanos.isEmpty()) return Double.NaN;
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p * sorted.size()) - 1))) / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int guessers = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String mode = args.length > 3 ? args[3] : "targeted";

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        valid(client, port, 5); // warm-up: JIT, the credential cache
        Figures alone = valid(client, port, seconds);
        print("valid_user_alone", alone);

        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, LongAdder> guessed = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int g = 0; g < guessers; g++) {
            int id = g;
            Thread t = new Thread(() -> guess(port, id, mode, stop, guessed), "guesser-" + g);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        Figures attacked = valid(client, port, seconds);
        stop.set(true);
        for (Thread t : threads) {
            t.join(35_000);
        }
        print("valid_user_during_" + guessers + "_" + mode + "_guessers", attacked);
        Map<Integer, Long> g = new TreeMap<>();
        guessed.forEach((k, v) -> g.put(k, v.sum()));
        System.out.printf("guesses_by_status=%s (%.0f/s)%n", g, g.values().stream().mapToLong(Long::longValue).sum() / (double) seconds);
        System.exit(0);
    }

    static void print(String name, Figures f) {
        System.out.printf("%s: requests=%d p50=%.1fms p99=%.1fms max=%.1fms statuses=%s%n", name, f.nanos().size(),
                f.millis(0.50), f.millis(0.99), f.millis(1.0), f.statuses());
    }

    /** customer1 signs in again and again, one request at a time, for the given time. */
    static Figures valid(HttpClient client, int port, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic("customer1", "customer1")).GET().build();
        List<Long> nanos = new ArrayList<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            int status;
            try {
                status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            }
            nanos.add(System.nanoTime() - t0);
            statuses.merge(status, 1L, Long::sum);
            Thread.sleep(5); // a user's pace, not a second flood
        }
        return new Figures(nanos, statuses);
    }

    static void guess(int port, int id, String mode, AtomicBoolean stop, Map<Integer, LongAdder> guessed) {
        long n = 0;
        while (!stop.get()) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            String login;
            byte[] from;
            if (mode.equals("spray")) {
                login = "nobody-" + Long.toHexString(r.nextLong());
                from = new byte[] {127, (byte) (2 + r.nextInt(250)), (byte) r.nextInt(256), (byte) (1 + r.nextInt(254))};
            } else {
                login = TARGETS.get((int) ((id + n) % TARGETS.size()));
                from = new byte[] {127, 0, 1, (byte) (10 + id)};
            }
            n++;
            int status = send(port, from, basic(login, "guess-" + n));
            guessed.computeIfAbsent(status, k -> new LongAdder()).increment();
        }
    }

    /** One request on its own connection from the given loopback address (HttpClient cannot choose it). */
    static int send(int port, byte[] from, String authorization) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByAddress(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                head.write(c);
            }
            in.transferTo(OutputStream.nullOutputStream());
            String[] statusLine = head.toString(StandardCharsets.US_ASCII).split(" ");
            return statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
