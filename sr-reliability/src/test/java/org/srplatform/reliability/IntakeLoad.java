package org.srplatform.reliability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Concurrent intake as customers make it: several clients, each in a closed loop, POST {@code /requests} as
 * customer1 with an {@code Idempotency-Key}, and upload an attachment to about every third SR they opened. What
 * the platform acknowledged (a 201 with the SR number, a 201 for the file) is kept in a ledger, and so is what was
 * sent without an answer (the request in flight when the platform died), to be checked after a restart.
 */
final class IntakeLoad {
    /** An attachment sent: its content is made again from {@code seed} and {@code size}. */
    record File(String name, long seed, int size, String sha256) {
        byte[] content() {
            return content(seed, size);
        }

        static byte[] content(long seed, int size) {
            byte[] b = new byte[size];
            new Random(seed).nextBytes(b);
            return b;
        }
    }

    /** An SR whose number the client received, with the files whose upload was acknowledged. */
    record Sent(String key, String number, String json, String subject, String description, List<String> fileIds,
            Map<String, File> files) {
    }

    /** A POST that had no answer: the platform died while it was in flight. */
    record Unanswered(String key, String json, String subject) {
    }

    /** An answer that breaks the contract during load (not a lost connection): a 5xx, an unexpected 4xx. */
    record Wrong(String what, Api.Answer answer) {
    }

    private static final String[] WORDS = {"datastore", "latency", "upgrade", "vMotion", "重启", "存储", "ñandú", "cluster",
        "snapshot", "\"quoted\"", "back\\slash", "tab\there", "line\nbreak", "emoji 🚀", "<b>tag</b>", "50%", "&amp;"};

    private final Api api;
    private final int clients;
    private final long seed;
    private final String run;
    private final boolean attachments;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Unanswered> unanswered = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Wrong> wrong = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Api.Answer> unavailable = new ConcurrentLinkedQueue<>();

    IntakeLoad(Api api, int clients, long seed, String run, boolean attachments) {
        this.api = api;
        this.clients = clients;
        this.seed = seed;
        this.run = run;
        this.attachments = attachments;
    }

    IntakeLoad start() {
        running.set(true);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> loop(client), "intake-" + run + "-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    /** Stops the clients and waits for the requests they have in flight. */
    IntakeLoad stop() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return this;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    List<Unanswered> unanswered() {
        return List.copyOf(unanswered);
    }

    List<Wrong> wrong() {
        return List.copyOf(wrong);
    }

    /** 503 answers (a switched-off feature), which callers may allow. */
    List<Api.Answer> unavailable() {
        return List.copyOf(unavailable);
    }

    int attachmentsAcknowledged() {
        return sent.stream().mapToInt(s -> s.fileIds().size()).sum();
    }

    private void loop(int client) {
        Random random = new Random(seed * 31 + client);
        int n = 0;
        while (running.get()) {
            n++;
            String key = run + "-c" + client + "-" + n + "-" + Long.toHexString(random.nextLong());
            String subject = "Reliability " + key;
            String description = text(random, 1 + random.nextInt(40));
            int severity = 1 + random.nextInt(4);
            boolean datacenter = random.nextBoolean();
            String product = datacenter ? "datacenter" : "workstation";
            String category = datacenter ? "performance" : "installation";
            String json = "{\"account\":\"1001\",\"product\":\"" + product + "\",\"category\":\"" + category + "\",\"severity\":"
                    + severity + ",\"subject\":" + Api.quote(subject) + ",\"description\":" + Api.quote(description)
                    + ",\"tags\":[\"reliability\"],\"contactMethod\":\"EMAIL\"}";
            Api.Answer a = api.send("POST", "requests", "customer1", "application/json; charset=utf-8",
                    json.getBytes(StandardCharsets.UTF_8), key);
            if (!a.answered()) {
                unanswered.add(new Unanswered(key, json, subject));
                Platform.sleep(50); // the platform is down: do not spin
                continue;
            }
            if (a.status() == 503) {
                unavailable.add(a);
                Platform.sleep(20);
                continue;
            }
            if (a.status() != 201 || a.json() == null || !a.json().hasNonNull("number")) {
                wrong.add(new Wrong("POST requests " + key, a));
                continue;
            }
            String number = a.json().get("number").asText();
            List<String> ids = new CopyOnWriteArrayList<>();
            Map<String, File> files = new TreeMap<>();
            Sent s = new Sent(key, number, json, subject, description, ids, files);
            sent.add(s);
            if (attachments && random.nextInt(3) == 0 && running.get()) {
                long fileSeed = random.nextLong();
                int size = random.nextInt(4) == 0 ? 64 * 1024 + random.nextInt(256 * 1024) : 1 + random.nextInt(8192);
                byte[] content = File.content(fileSeed, size);
                String name = "log-" + n + (random.nextBoolean() ? ".txt" : " 日志.bin");
                Api.Answer up = api.upload("requests/" + number + "/attachments", "customer1", name, content);
                if (up.status() == 201 && up.json() != null && up.json().hasNonNull("id")) {
                    String id = up.json().get("id").asText();
                    synchronized (files) {
                        files.put(id, new File(name, fileSeed, size, sha256(content)));
                    }
                    ids.add(id);
                } else if (up.status() == 503) {
                    unavailable.add(up);
                } else if (up.answered()) {
                    wrong.add(new Wrong("POST requests/" + number + "/attachments", up));
                }
            }
        }
    }

    private static String text(Random random, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
