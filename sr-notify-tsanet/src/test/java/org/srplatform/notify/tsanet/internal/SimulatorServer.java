package org.srplatform.notify.tsanet.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.srplatform.tsanet.simulator.internal.TsanetSimulation;

/**
 * The simulator's TSANet Connect served over real HTTP by the JDK's server on a free loopback port, at
 * {@code /tsanet-sim/v1/...} as on the platform. A test may hold the answer to the next create: the case is made,
 * its answer waits until released, as when TSANet commits and the network then loses the answer.
 */
final class SimulatorServer implements AutoCloseable {
    static final String BASE = "/tsanet-sim";

    final TsanetSimulation simulation;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile CountDownLatch holdNextCreate;

    SimulatorServer(TsanetSimulation simulation) throws IOException {
        this.simulation = simulation;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(BASE + "/v1/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + BASE);
    }

    /** The next create's answer waits until the latch opens (the case itself is made at once). */
    CountDownLatch holdNextCreate() {
        CountDownLatch latch = new CountDownLatch(1);
        holdNextCreate = latch;
        return latch;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring((BASE + "/v1/").length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            TsanetSimulation.Answer answer = simulation.handle(method, path, query(exchange.getRequestURI()),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            CountDownLatch hold = holdNextCreate;
            if (hold != null && method.equals("POST") && path.equals("collaboration-requests")) {
                holdNextCreate = null;
                hold.await(30, TimeUnit.SECONDS);
            }
            byte[] out = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout under test): nothing to answer to
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    @Override
    public void close() {
        CountDownLatch hold = holdNextCreate;
        if (hold != null) {
            hold.countDown();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
