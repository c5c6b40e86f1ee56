package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.srplatform.spi.request.SupportRequestTextIndex;

/**
 * The platform as a browser, a network client and a forger see it: answer headers, cross-site requests,
 * {@code Location} with a forged {@code Host}, bounded search through the full-text index, HTTPS with a
 * generated keystore, and passwords refused in clear text from another machine. Boots the distribution in
 * demo mode like PlatformIT, with HTTPS on, every interface bound and a public base URL configured.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebHardeningIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PUBLIC_BASE = "https://sr.example.test";
    private static final String STORE_PASSWORD = "sr-test-keystore";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private BundleContext context;

    @Inject
    private SupportRequestTextIndex index;

    @Configuration
    public Option[] configuration() throws Exception {
        TestPlatform platform = TestPlatform.create();
        Path etc = platform.layout.etc();
        Path keystore = etc.resolve("sr-test.p12");
        generateKeystore(keystore);
        int securePort = TestPlatform.freePort();
        // Every interface (the demo would take loopback only), so that a client from another address can be tried.
        Files.writeString(etc.resolve("platform.properties"), Files.readString(etc.resolve("platform.properties"))
                + "\norg.apache.felix.http.host = 0.0.0.0\n"
                + "org.apache.felix.https.enable = true\n"
                + "org.osgi.service.http.port.secure = " + securePort + "\n"
                + "org.apache.felix.https.keystore = " + keystore + "\n"
                + "org.apache.felix.https.keystore.type = PKCS12\n"
                + "org.apache.felix.https.keystore.password = " + STORE_PASSWORD + "\n"
                + "org.apache.felix.https.keystore.key.password = " + STORE_PASSWORD + "\n");
        Files.writeString(etc.resolve("org.srplatform.web.cfg"), "public.base.url = " + PUBLIC_BASE + "\n");
        return platform.paxExamOptions();
    }

    /** A self-signed key for 127.0.0.1, localhost and this machine's other address, made with the JDK's keytool. */
    private static void generateKeystore(Path keystore) throws Exception {
        String san = "SAN=ip:127.0.0.1,dns:localhost" + otherAddress().map(a -> ",ip:" + a).orElse("");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sr-platform", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", san, "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("keytool ended", keytool.waitFor(60, TimeUnit.SECONDS));
        assertEquals("keytool: " + out, 0, keytool.exitValue());
    }

    /** An IPv4 address of this machine that is not loopback, if it has one. */
    private static Optional<String> otherAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    public void everyAnswerIsNotStoredNotSniffedAndSaysItsJsonCharset() throws Exception {
        Http http = awaitPlatform();
        HttpResponse<String> me = send(get("me").header("Authorization", basic("customer1")));
        assertEquals(200, me.statusCode());
        assertEquals("no-store", me.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", me.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("application/json;charset=utf-8", contentType(me));

        HttpResponse<String> missing = send(get("requests/26999999999").header("Authorization", basic("customer1")));
        assertEquals(404, missing.statusCode());
        assertEquals("application/problem+json;charset=utf-8", contentType(missing));
        assertEquals("nosniff", missing.headers().firstValue("X-Content-Type-Options").orElse(null));

        HttpResponse<String> anonymous = send(get("health"));
        assertEquals("nosniff", anonymous.headers().firstValue("X-Content-Type-Options").orElse(null));

        String number = open(http, "customer1", "Headers of a download");
        Http.Answer uploaded = http.upload("requests/" + number + "/attachments", "customer1", "vmware.log",
                "log line\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(uploaded.body(), 201, uploaded.status());
        HttpResponse<String> download = send(get("requests/" + number + "/attachments/" + uploaded.json().get("id").asText())
                .header("Authorization", basic("customer1")));
        assertEquals(200, download.statusCode());
        assertEquals("no-store", download.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    @Test
    public void changesFromAnotherSitesPageAndFormBodiesAreRefused() throws Exception {
        Http http = awaitPlatform();
        String number = open(http, "customer1", "Cross-site upload target");
        String boundary = "sr-cross-site-boundary";
        byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.log\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder upload = post("requests/" + number + "/attachments", "multipart/form-data; boundary=" + boundary,
                multipart).header("Authorization", basic("customer1"));

        HttpResponse<String> foreign = send(upload.copy().header("Origin", "https://evil.example"));
        assertEquals(foreign.body(), 403, foreign.statusCode());
        assertTrue(foreign.body(), json(foreign).get("detail").asText().contains("https://evil.example"));
        HttpResponse<String> foreignReferer = send(upload.copy().header("Referer", "https://evil.example/attack.html"));
        assertEquals(foreignReferer.body(), 403, foreignReferer.statusCode());
        HttpResponse<String> own = send(upload.copy().header("Origin", PUBLIC_BASE));
        assertEquals(own.body(), 201, own.statusCode());

        Http.Answer message = http.post("phone/messages", "engineer1", "{\"name\":\"Pat\",\"company\":\"Acme\","
                + "\"callbackNumber\":\"+1 650 555 0100\",\"description\":\"Call me back\"}");
        assertEquals(message.body(), 201, message.status());
        String done = "phone/callbacks/" + message.json().get("id").asText() + "/done";
        HttpResponse<String> form = send(post(done, "application/x-www-form-urlencoded",
                "x=1".getBytes(StandardCharsets.UTF_8)).header("Authorization", basic("engineer1")));
        assertEquals(form.body(), 415, form.statusCode());
        assertTrue(form.body(), json(form).get("detail").asText().contains("application/json; charset=utf-8"));
        HttpResponse<String> plain = send(post(done, "text/plain", "x".getBytes(StandardCharsets.UTF_8))
                .header("Authorization", basic("engineer1")));
        assertEquals(plain.body(), 415, plain.statusCode());
        assertEquals("no body and no type: an API client", 200, http.send("POST", done, "engineer1", null).status());
    }

    @Test
    public void locationIsThePublicBaseUrlWhateverHostTheRequestNamed() throws Exception {
        Http http = awaitPlatform();
        String body = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\",\"severity\":3,"
                + "\"subject\":\"Forged host\",\"description\":\"x\",\"contactMethod\":\"EMAIL\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head;
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/requests HTTP/1.1\r\nHost: evil.example\r\nAuthorization: " + basic("customer1")
                    + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        }
        assertTrue(head, head.startsWith("HTTP/1.1 201"));
        String location = head.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                .map(l -> l.substring(9).trim()).orElse(null);
        assertNotNull(head, location);
        assertTrue(location, location.startsWith(PUBLIC_BASE + "/api/v1/requests/"));
        assertTrue(location, !location.contains("evil.example"));
    }

    @Test
    public void aSearchOfThreeHundredWordsIsRefusedNamingQ() throws Exception {
        Http http = awaitPlatform();
        String words = URLEncoder.encode(String.join(" ", Collections.nCopies(300, "latency")), StandardCharsets.UTF_8);
        Http.Answer a = http.get("requests?q=" + words, "customer1");
        assertEquals(a.body(), 400, a.status());
        assertEquals("q", a.json().get("errors").get(0).get("field").asText());
        assertTrue(a.body(), a.json().get("detail").asText().contains("at most 20 words and 200 characters"));
    }

    @Test
    public void aCustomerSearchIsAnsweredByTheIndexWithinTheirAccounts() throws Exception {
        Http http = awaitPlatform();
        assertNotNull(index);
        String ours = open(http, "customer1", "Uplinks flapping on the core switch");
        open(http, "customer2", "Uplinks flapping too");
        // "flapped" is in no SR as written: only the index's stems ("flap") find "flapping".
        String q = "requests?q=" + URLEncoder.encode("flapped UPLINK", StandardCharsets.UTF_8);
        Http.Answer found = awaitItems(http, q, "customer1", 1);
        assertEquals(found.body(), ours, found.json().get("items").get(0).get("number").asText());
        Http.Answer theirs = awaitItems(http, q, "customer2", 1);
        assertTrue(theirs.body(), !theirs.body().contains(ours));
        assertTrue("staff see both", awaitItems(http, q, "engineer1", 2).json().get("items").size() >= 2);
    }

    @Test
    public void httpsServesTheApiWithTheConfiguredKeystore() throws Exception {
        awaitPlatform();
        HttpResponse<String> me = https("127.0.0.1", "me");
        assertEquals(me.body(), 200, me.statusCode());
        assertEquals("customer1", JSON.readTree(me.body()).get("login").asText());
    }

    @Test
    public void passwordsInClearTextFromAnotherMachineAreRefusedAndOverHttpsAccepted() throws Exception {
        awaitPlatform();
        Optional<String> other = otherAddress();
        assumeTrue("this machine has an address other than loopback", other.isPresent());
        HttpResponse<String> clear = send(HttpRequest.newBuilder(URI.create("http://" + other.get() + ":" + port()
                + "/api/v1/me")).header("Authorization", basic("customer1")).GET());
        assertEquals(clear.body(), 403, clear.statusCode());
        assertTrue(clear.body(), json(clear).get("detail").asText().contains("HTTPS"));
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create("http://" + other.get() + ":" + port()
                + "/api/v1/health")).GET());
        assertTrue("health needs no password: " + health.statusCode(), health.statusCode() != 403);
        HttpResponse<String> tls = https(other.get(), "me");
        assertEquals(tls.body(), 200, tls.statusCode());
    }

    // --- helpers

    private int port() {
        return Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
    }

    private Http awaitPlatform() throws InterruptedException {
        Http http = new Http(port());
        assertEquals(200, http.await("requests", "customer1", 200, WAIT).status());
        assertEquals(200, http.await("requests", "customer2", 200, WAIT).status());
        assertEquals(200, http.await("requests", "engineer1", 200, WAIT).status());
        return http;
    }

    /** Opens an SR as customer1 (account 1001, datacenter) or customer2 (2002, workstation); its number. */
    private static String open(Http http, String user, String subject) {
        boolean second = user.equals("customer2");
        Http.Answer a = http.post("requests", user, "{\"account\":\"" + (second ? "2002" : "1001") + "\",\"product\":\""
                + (second ? "workstation" : "datacenter") + "\",\"category\":\"" + (second ? "installation" : "performance")
                + "\",\"severity\":3,\"subject\":\"" + subject + "\",\"description\":\"seen since Monday\","
                + "\"contactMethod\":\"EMAIL\"}");
        assertEquals(a.body(), 201, a.status());
        return a.json().get("number").asText();
    }

    /** The index follows the store a moment after each commit: waits until the list has {@code count} items. */
    private static Http.Answer awaitItems(Http http, String path, String user, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Http.Answer last = http.get(path, user);
        while ((last.status() != 200 || last.json().get("items").size() < count) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = http.get(path, user);
        }
        assertEquals(last.body(), 200, last.status());
        assertEquals(last.body(), count, last.json().get("items").size());
        return last;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/api/v1/" + path)).GET();
    }

    private HttpRequest.Builder post(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/api/v1/" + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> https(String host, String path) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(context.getProperty("org.apache.felix.https.keystore")))) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        int securePort = Integer.parseInt(context.getProperty("org.osgi.service.http.port.secure"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + host + ":" + securePort + "/api/v1/" + path))
                .header("Authorization", basic("customer1")).timeout(Duration.ofSeconds(30)).GET().build();
        // Jetty opens the HTTPS port a moment after HTTP.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
