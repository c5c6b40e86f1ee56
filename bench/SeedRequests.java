import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.stream.Stream;

/**
 * Fills a stopped platform's database with SRs as intake writes them, so that bench/intake-load.sh can measure
 * intake with many SRs stored. Each SR: its support_requests row (demo account 1001, product datacenter, status
 * NEW, version 1), its sr_tags, its CREATED timeline entry and its PENDING confirmation in the outbox, with the
 * number from sr_number_seq (NEXT VALUE FOR, so the platform goes on after them) formed as SrNumber.of does:
 * two digits of the creation year (UTC) times 10^9 plus the sequence value. Reference data (category ids, the
 * contract's offering and its first-response targets, the contact's e-mail, the user's name) is read from the
 * database the demo start made, not assumed. Creation times are spread over the 180 days before now.
 * <p>
 * Usage (the platform stopped; derby, derbyshared and derbytools of the platform on the class path):
 * {@code java -cp ... SeedRequests.java --db DATA/db --count N}
 */
public final class SeedRequests {
    private static final long SEQUENCE_SPAN = 1_000_000_000L; // SrNumber.SEQUENCE_SPAN
    private static final String ACCOUNT = "1001";
    private static final String PRODUCT = "datacenter";
    private static final String LOGIN = "customer1";
    // About 2,250 rows: Derby releases a statement's locks in time linear in all the transaction holds, so
    // short transactions seed faster (5,000 SRs a commit took 20 s for 100,000, 250 took 14 s).
    private static final int COMMIT_EVERY = 500;
    private static final Duration SPREAD = Duration.ofDays(180);
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private static final String[] PARTS = {"Datastore", "vMotion", "Cluster", "Host", "Uplink", "Backup job",
        "Snapshot", "License server", "Management console", "Storage adapter", "Guest network", "Upgrade", "vSAN",
        "Distributed switch", "Certificate", "Update manager", "NFS mount", "iSCSI target", "Template", "Resource pool"};
    private static final String[] SYMPTOMS = {"latency", "timeouts", "fails", "is slow", "disconnects",
        "shows high CPU", "writes errors to the log", "hangs", "runs out of memory", "loses connectivity",
        "reports a checksum mismatch", "does not start", "is stuck at 42%", "drops packets", "refuses logins"};
    private static final String[] WHEN = {"after the upgrade to 8.0", "since last night", "under load",
        "after a network change", "during the nightly backup", "on every third host", "after a reboot",
        "at month end", "since the certificate renewal", "after adding two hosts", "intermittently", "since Monday"};
    private static final String[] DETAILS = {
        "We restarted the management agents without effect.",
        "The problem started right after the maintenance window.",
        "Only virtual machines on the shared datastore are affected.",
        "Support bundle attached to the previous case shows the same pattern.",
        "Latency goes from 2 ms to over 300 ms for about ten minutes, then recovers.",
        "No hardware alarms are raised and the storage array reports healthy.",
        "We rolled back the driver but the behaviour stays the same.",
        "This blocks our quarter-end batch processing; please treat it with priority.",
        "The error reads: operation timed out waiting for a response from the host.",
        "Our network team confirms that jumbo frames are enabled end to end.",
        "It happens on hosts with the newer firmware only.",
        "We can reproduce it by migrating three machines at once.",
        "Logs are available on request; the customer portal would not accept the upload.",
        "Two other clusters on the same version run fine."};
    private static final String[] TAGS = {"upgrade", "latency", "cluster", "network", "storage", "backup",
        "license", "outage", "performance", "certificate", "firmware", "migration"};

    public static void main(String[] args) throws Exception {
        Path db = null;
        long count = -1;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                fail("expected --db DIR --count N, got " + String.join(" ", args));
            }
            switch (args[i]) {
                case "--db" -> db = Path.of(value).toAbsolutePath();
                case "--count" -> {
                    try {
                        count = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        fail("--count must be a whole number, not '" + value + "'");
                    }
                }
                default -> fail("unknown option " + args[i] + "; expected --db DIR --count N");
            }
        }
        if (db == null || count < 0) {
            fail("expected --db DIR --count N");
        }
        if (!Files.isDirectory(db)) {
            fail("no database at " + db + " (start the platform once with --demo on its data folder first)");
        }
        // As the platform's store: Derby's log beside the database, its files the owner's only.
        System.setProperty("derby.stream.error.file", db.resolveSibling("derby-seed.log").toString());
        System.setProperty("derby.storage.useDefaultFilePermissions", "false");
        Driver driver = (Driver) Class.forName("org.apache.derby.iapi.jdbc.AutoloadedDriver")
                .getDeclaredConstructor().newInstance();
        try (Connection c = driver.connect("jdbc:derby:" + db, new Properties())) {
            seed(c, count);
        } finally {
            try {
                driver.connect("jdbc:derby:;shutdown=true", new Properties());
            } catch (SQLException expected) {
                // Derby answers a clean shutdown with an exception
            }
        }
        System.out.printf("database size after seeding: %d MB%n", size(db) / (1024 * 1024));
    }

    private static void seed(Connection c, long count) throws SQLException {
        Reference ref = Reference.read(c);
        c.setAutoCommit(false);
        SplittableRandom random = new SplittableRandom(20261129L);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as the API's clock
        Instant from = now.minus(SPREAD);
        long t0 = System.nanoTime();
        long first = 0;
        long last = 0;
        try (PreparedStatement next = c.prepareStatement("VALUES NEXT VALUE FOR sr_number_seq");
                PreparedStatement sr = c.prepareStatement("INSERT INTO support_requests (sr_number, account_number,"
                        + " product_id, category_id, severity, status, subject, description, contact_method, phone,"
                        + " contact_login, intake_channel, assignee, created_at, updated_at, confirmation_due_at,"
                        + " first_response_due_at, first_responded_at, next_update_due_at, suggestions_shown, version)"
                        + " VALUES (?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?, 'WEB', NULL, ?, ?, ?, ?, NULL, NULL, ?, 1)");
                PreparedStatement tag = c.prepareStatement("INSERT INTO sr_tags (sr_number, list_index, tag) VALUES (?, ?, ?)");
                PreparedStatement timeline = c.prepareStatement("INSERT INTO timeline_entries (sr_number, occurred_at,"
                        + " actor_id, actor_name, kind, summary, details, internal) VALUES (?, ?, ?, ?, 'CREATED', ?, ?, FALSE)");
                PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (message_type, sr_number, destination,"
                        + " subject, payload, due_at, created_at, state, attempts, next_attempt_at) VALUES ('notification',"
                        + " ?, ?, 'CONFIRMATION', ?, ?, ?, 'PENDING', 0, ?)")) {
            String payload = "{\"kind\":\"CONFIRMATION\",\"contact\":\"" + LOGIN + "\"}"; // EntitledIntakeService's
            int pending = 0;
            for (long i = 0; i < count; i++) {
                Instant created = from.plusMillis(SPREAD.toMillis() * i / Math.max(1, count));
                long sequence;
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    sequence = rs.getLong(1);
                }
                long number = created.atZone(ZoneOffset.UTC).getYear() % 100 * SEQUENCE_SPAN + sequence;
                first = i == 0 ? number : first;
                last = number;
                int severity = severity(random);
                String part = pick(random, PARTS);
                String symptom = pick(random, SYMPTOMS);
                String when = pick(random, WHEN);
                StringBuilder description = new StringBuilder(part).append(' ').append(symptom).append(' ').append(when)
                        .append(" on host esx-").append(random.nextInt(800)).append('.');
                for (int d = 1 + random.nextInt(6); d > 0; d--) {
                    description.append(' ').append(pick(random, DETAILS));
                }
                int method = random.nextInt(10); // EMAIL mostly; PHONE and BOTH need a phone number
                String contactMethod = method < 8 ? "EMAIL" : method == 8 ? "PHONE" : "BOTH";
                boolean suggestionsShown = random.nextInt(3) == 0;
                Instant confirmationDue = created.plus(Duration.ofHours(1)); // EntitledIntakeService.CONFIRMATION_WITHIN
                Long within = ref.firstResponseMs.get(severity);

                sr.setLong(1, number);
                sr.setString(2, ACCOUNT);
                sr.setString(3, PRODUCT);
                sr.setString(4, ref.categories.get(random.nextInt(ref.categories.size())));
                sr.setInt(5, severity);
                sr.setString(6, part + " " + symptom + " " + when);
                sr.setString(7, description.toString());
                sr.setString(8, contactMethod);
                if (method < 8) {
                    sr.setNull(9, Types.VARCHAR);
                } else {
                    sr.setString(9, "+1 650 555 " + String.format("%04d", random.nextInt(10000)));
                }
                sr.setString(10, LOGIN);
                sr.setTimestamp(11, Timestamp.from(created), UTC);
                sr.setTimestamp(12, Timestamp.from(created), UTC);
                sr.setTimestamp(13, Timestamp.from(confirmationDue), UTC);
                if (within == null) {
                    sr.setNull(14, Types.TIMESTAMP);
                } else {
                    sr.setTimestamp(14, Timestamp.from(created.plusMillis(within)), UTC);
                }
                sr.setBoolean(15, suggestionsShown);
                sr.addBatch();

                List<String> tags = tags(random);
                for (int t = 0; t < tags.size(); t++) {
                    tag.setLong(1, number);
                    tag.setInt(2, t);
                    tag.setString(3, tags.get(t));
                    tag.addBatch();
                }

                timeline.setLong(1, number);
                timeline.setTimestamp(2, Timestamp.from(created), UTC);
                timeline.setString(3, LOGIN);
                timeline.setString(4, ref.displayName);
                timeline.setString(5, "SR opened online with severity " + severity);
                // DetailsJson: keys sorted, compact
                timeline.setString(6, "{\"channel\":\"WEB\",\"offering\":\"" + ref.offering + "\",\"severity\":\""
                        + severity + "\",\"suggestionsShown\":\"" + suggestionsShown + "\"}");
                timeline.addBatch();

                outbox.setLong(1, number);
                outbox.setString(2, ref.email);
                outbox.setString(3, payload);
                outbox.setTimestamp(4, Timestamp.from(confirmationDue), UTC);
                outbox.setTimestamp(5, Timestamp.from(created), UTC);
                outbox.setTimestamp(6, Timestamp.from(created), UTC);
                outbox.addBatch();

                if (++pending == COMMIT_EVERY || i == count - 1) {
                    sr.executeBatch(); // parents before the rows that reference them
                    tag.executeBatch();
                    timeline.executeBatch();
                    outbox.executeBatch();
                    c.commit();
                    pending = 0;
                    if ((i + 1) % 100_000 == 0) {
                        double s = (System.nanoTime() - t0) / 1e9;
                        System.out.printf("  seeded %d SRs in %.0f s (%.0f SR/s)%n", i + 1, s, (i + 1) / s);
                    }
                }
            }
        }
        c.commit();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("seeded_srs=%d  seed_srs_per_s=%.0f  (%.1f s; numbers %d..%d, account %s, product %s,"
                + " created over the %d days before now; commits every %d SRs)%n", count, count / Math.max(s, 1e-9), s,
                first, last, ACCOUNT, PRODUCT, SPREAD.toDays(), COMMIT_EVERY);
    }

    /** S3 most often, S1 rarely: 5% S1, 20% S2, 50% S3, 25% S4. */
    private static int severity(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 5 ? 1 : r < 25 ? 2 : r < 75 ? 3 : 4;
    }

    private static List<String> tags(SplittableRandom random) {
        List<String> tags = new ArrayList<>();
        for (int n = random.nextInt(4); tags.size() < n;) {
            String t = pick(random, TAGS);
            if (!tags.contains(t)) {
                tags.add(t);
            }
        }
        return tags;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void fail(String message) {
        System.err.println("SeedRequests: " + message);
        System.exit(2);
    }

    /** What the demo start stored and an SR of account 1001 for datacenter refers to. */
    private record Reference(List<String> categories, String offering, Map<Integer, Long> firstResponseMs,
            String email, String displayName) {

        static Reference read(Connection c) throws SQLException {
            List<String> categories = strings(c, "SELECT id FROM problem_categories WHERE product_id = ? ORDER BY list_index",
                    PRODUCT);
            List<String> offerings = strings(c, "SELECT offering_id FROM support_contracts WHERE account_number = ?"
                    + " AND product_id = ? ORDER BY list_index", ACCOUNT, PRODUCT);
            List<String> emails = strings(c, "SELECT email FROM contacts WHERE login = ? AND account_number = ?", LOGIN, ACCOUNT);
            List<String> names = strings(c, "SELECT display_name FROM users WHERE login = ?", LOGIN);
            if (categories.isEmpty() || offerings.isEmpty() || emails.isEmpty() || names.isEmpty()) {
                throw new IllegalStateException("the database lacks the demo data (categories " + categories + ", offering "
                        + offerings + ", contact e-mail " + emails + ", user " + names + "): was it made by a --demo start?");
            }
            Map<Integer, Long> targets = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT severity, within_ms FROM first_response_targets"
                    + " WHERE offering_id = ?")) {
                s.setString(1, offerings.get(0));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        targets.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            return new Reference(categories, offerings.get(0), targets, emails.get(0), names.get(0));
        }

        private static List<String> strings(Connection c, String sql, String... params) throws SQLException {
            List<String> values = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setString(i + 1, params[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
            }
            return values;
        }
    }
}
