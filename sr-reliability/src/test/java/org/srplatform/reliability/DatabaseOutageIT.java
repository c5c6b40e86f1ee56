package org.srplatform.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform on PostgreSQL, with its database out of reach for a while under intake load: the platform reaches
 * PostgreSQL through a {@link TcpProxy} that the test cuts (open connections reset, new ones refused) and
 * restores. While cut, every request is answered, within a bound, with a 201 (done before the cut) or a
 * {@code 503} problem of the store, never a 500, and health answers {@code 503 DOWN} (check {@code database}); once restored, intake goes on without a restart, health is
 * {@code UP}, and every SR acknowledged with 201, before, during or after the cut, is there whole with its
 * confirmation (and its files, with uploads). A fresh database (or schema) of the test
 * PostgreSQL per run ({@link FreshPostgres}); skipped, saying why, where there is none.
 */
class DatabaseOutageIT {
    /** Longer than any request may take: the pool's wait for a connection and a transaction's few statements. */
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final Duration RESUME = Duration.ofSeconds(60);

    @Test
    void databaseUnreachableThenBack() throws Exception {
        outageUnderLoad(false, "2-outage-database");
    }

    /**
     * Finding 11 (sr-attachments), fixed: an upload whose transaction was committing when the connection was reset got
     * an error, and the attachment store deleted the file it had stored though PostgreSQL had committed the row: the SR
     * listed an attachment whose {@code GET} answered 500. The store now deletes the bytes only when the SR provably
     * does not record the attachment (it looks it up; not knowing keeps them). Seen about once in five runs before.
     */
    @Test
    void databaseUnreachableThenBackWhileFilesAreUploaded() throws Exception {
        outageUnderLoad(true, "2-outage-database-uploads");
    }

    private static void outageUnderLoad(boolean attachments, String section) throws Exception {
        URI postgres = URI.create(FreshPostgres.URL.substring("jdbc:".length()));
        try (FreshPostgres db = FreshPostgres.create("DatabaseOutageIT");
                TcpProxy proxy = new TcpProxy(postgres.getHost(), postgres.getPort() < 0 ? 5432 : postgres.getPort()).start();
                Platform platform = Platform.copy("db-outage")) {
            // The platform reaches the fresh database through the proxy.
            String viaProxy = db.url().replaceFirst("^jdbc:postgresql://[^/]+/",
                    "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/");
            platform.configure("org.srplatform.store.cfg", Map.of("jdbc.url", viaProxy, "jdbc.user", db.user(),
                    "jdbc.password", db.password(), "pool.size", "8"));
            platform.start();
            Api api = platform.api();
            // The load's own client: a request not answered within ANSWER counts as unanswered (hung).
            IntakeLoad load = new IntakeLoad(new Api(platform.port(), ANSWER), Settings.clients(), Settings.seed() + 5,
                    "db", attachments).start();
            Map<String, Integer> healthWhileCut = new LinkedHashMap<>();
            int beforeCut;
            int atRestore;
            try {
                Platform.sleep(Math.round(Settings.loadSeconds() * 1000));
                beforeCut = load.sent().size();
                proxy.cut();
                long until = System.nanoTime() + Duration.ofSeconds(Settings.outageSeconds()).toNanos();
                while (System.nanoTime() < until) {
                    Api.Answer health = api.get("health", null);
                    String store = health.json() == null ? "no answer" : health.json().path("status").asText();
                    healthWhileCut.merge(health.status() + " " + store, 1, Integer::sum);
                    Platform.sleep(1000);
                }
                atRestore = load.sent().size();
                proxy.restore();
                long deadline = System.nanoTime() + RESUME.toNanos();
                while (load.sent().size() < atRestore + Settings.clients() && System.nanoTime() < deadline) {
                    Platform.sleep(200);
                }
            } finally {
                load.stop();
            }
            int resumed = load.sent().size() - atRestore;
            Problems.none(load.wrong(), "intake while the database is out of reach: every answer a 201 or a 503");
            Problems.none(load.unanswered(), "every request answered within " + ANSWER.toSeconds() + " s, also while the"
                    + " database is out of reach");
            List<String> notStoreProblems = new ArrayList<>();
            for (Api.Answer a : load.unavailable()) {
                JsonNode p = a.json();
                if (!a.contentType().startsWith("application/problem+json") || p == null || p.path("status").asInt() != 503
                        || !"store".equals(p.path("feature").asText()) || !p.path("detail").isTextual()) {
                    notStoreProblems.add(a.toString());
                }
            }
            Problems.none(notStoreProblems, "a 503 while the database is out of reach is the store's problem");
            assertTrue(!load.unavailable().isEmpty(), "intake answered 503 while the database was out of reach ("
                    + Settings.outageSeconds() + " s)");
            // sr-store's database check: readiness tells load balancers while the database is away (it reuses a probe
            // for 2 s, and a probe waits at most the pool's 5 s, so a cut of several seconds is seen).
            assertTrue(healthWhileCut.containsKey("503 DOWN"), "health answered 503 DOWN while the database was out of"
                    + " reach: " + healthWhileCut);
            assertTrue(resumed > 0, "intake takes SRs again once the database is back, without a restart");
            Api.Answer health = api.await("health", null, 200, RESUME);
            assertEquals(200, health.status(), "health is UP again once the database is back: " + health);
            Ledger.Result r = new Ledger(api).check(load.sent(), load.unanswered(), Duration.ofSeconds(60));
            Problems.none(r.problems(), "after the database outage, every acknowledged SR whole");
            assertTrue(platform.alive(), "the platform did not exit");
            StringBuilder md = new StringBuilder("## Outage: database out of reach, then back"
                    + (attachments ? ", with uploads" : "") + "\n\n");
            md.append("PostgreSQL (").append(db.describe()).append(") through a TCP proxy cut for ")
                    .append(Settings.outageSeconds()).append(" s (connections reset, new ones refused) under intake load of ")
                    .append(Settings.clients()).append(" clients. SRs acknowledged: **").append(r.srs()).append("** (")
                    .append(beforeCut).append(" before the cut, ").append(atRestore - beforeCut).append(" while cut, ")
                    .append(resumed).append(" after it), all checked whole")
                    .append(attachments ? ", with **" + r.attachments() + "** attachments" : "")
                    .append("; 503 problems while cut: **").append(load.unavailable().size())
                    .append("**; 500s: **0**; requests unanswered within ").append(ANSWER.toSeconds()).append(" s: **0**.")
                    .append(" Health while cut: ").append(healthWhileCut).append(".\n");
            Report.section(section, md.toString());
        }
    }
}
