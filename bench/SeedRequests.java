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
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fills a stopped platform's database with SRs as intake writes them, so that bench/intake-load.sh can measure
 * intake with many SRs stored. Each SR: its support_requests row (demo account 1001, product datacenter, status
 * NEW, version 1), its sr_tags, its CREATED timeline entry and its confirmation in the outbox, already SENT (a platform with
 * many SRs stored has sent their confirmations long ago: PENDING ones would have the dispatcher send them all during
 * the measurement and the outbox's health count them), with the
 * number from sr_number_seq (NEXT VALUE FOR, so the platform goes on after them) formed as SrNumber.of does:
 * two digits of the creation year (UTC) times 10^9 plus the sequence value. Reference data (category ids, the
 * contract's offering and its first-response targets, the contact's e-mail, the user's name) is read from the
 * database the demo start made, not assumed. Creation times are spread over the 180 days before now.
 * <p>
 * With {@code --worked} (bench/casework-queries.sh) the SRs stand as they would once worked: statuses spread,
 * assigned, answered, waiting, resolved and closed, with the queue, the owed response and casework's clocks,
 * alerts, pauses and resolutions consistent with each status; see {@code --help}.
 * <p>
 * Usage (the platform stopped; derby, derbyshared and derbytools of the platform on the class path):
 * {@code java -cp ... SeedRequests.java --db DATA/db --count N [--worked ...]}; {@code --help} tells every option.
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
        Options o = Options.parse(args);
        if (!Files.isDirectory(o.db)) {
            fail("no database at " + o.db + " (start the platform once with --demo on its data folder first)");
        }
        // As the platform's store: Derby's log beside the database, its files the owner's only.
        System.setProperty("derby.stream.error.file", o.db.resolveSibling("derby-seed.log").toString());
        System.setProperty("derby.storage.useDefaultFilePermissions", "false");
        Driver driver = (Driver) Class.forName("org.apache.derby.iapi.jdbc.AutoloadedDriver")
                .getDeclaredConstructor().newInstance();
        try (Connection c = driver.connect("jdbc:derby:" + o.db, new Properties())) {
            if (o.worked) {
                new Worked(o).seed(c);
            } else {
                seed(c, o.count);
            }
        } finally {
            try {
                driver.connect("jdbc:derby:;shutdown=true", new Properties());
            } catch (SQLException expected) {
                // Derby answers a clean shutdown with an exception
            }
        }
        System.out.printf("database size after seeding: %d MB%n", size(o.db) / (1024 * 1024));
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
                        + " subject, payload, due_at, created_at, state, attempts, next_attempt_at, sent_at) VALUES"
                        + " ('notification', ?, ?, 'CONFIRMATION', ?, ?, ?, 'SENT', 1, ?, ?)")) {
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
                outbox.setTimestamp(7, Timestamp.from(created.plusSeconds(1)), UTC);
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

    // ---------------------------------------------------------------- options

    private static final String USAGE = """
            Usage: java -cp <derby, derbyshared, derbytools> bench/SeedRequests.java --db DATA/db --count N [--worked ...]
              --db DIR             the database of a stopped platform that started once with --demo (schema, demo data)
              --count N            SRs to write: numbers from sr_number_seq, created before now
            Without --worked every SR is as intake writes it: NEW, unassigned, its confirmation SENT, created evenly
            over the 180 days before now (bench/intake-load.sh).
              --worked             SRs as they stand once worked. Needs store schema V5 and the casework tables (a first
                                   start with the casework bundle). Statuses spread by --mix, newest SRs the open ones
                                   (numbers follow creation); assignees engineer1..engineerN (none while NEW); queue
                                   --queue; first response, next-update target and owes_response_at as the status has
                                   them; per SR its casework_clocks (FIRST_RESPONSE, and NEXT_UPDATE once responded:
                                   running, paused while waiting, stopped once resolved; watch_at as the target watch
                                   stores it), casework_first_responses, the alerts already told, the open pause of a
                                   waiting SR, the resolution of a resolved one; the confirmation SENT. Times count
                                   around the clock (the demo's datacenter is 24x7).
              --mix LIST           status shares in percent, relative to their sum (default CLOSED=70,RESOLVED=5,
                                   IN_PROGRESS=10,ASSIGNED=5,WAITING_ON_CUSTOMER=5,NEW=5; WAITING_ON_VENDOR also)
              --engineers N        assignees engineer1..engineerN, evenly (default 50; only engineer1 is a demo user)
              --queue ID           queue_id of every SR (default general)
              --overdue-share P    share of the SRs owing a response (NEW and ASSIGNED with a first-response target,
                                   IN_PROGRESS) whose target passed, at risk and breach already told (default 0.02)
              --due-clocks K       running clocks at risk and not told: the target watch's first pass raises K AT_RISK
                                   alerts (default 1000; at most the clocks long enough, see --quiet-minutes)
              --quiet-minutes M    no other clock's watch_at and no other owes_response_at falls in the M minutes after
                                   seeding, nor a due clock's breach, so the seeded counts hold while a bench runs
                                   (default 60). A NEW or ASSIGNED SR whose first-response target cannot be that quiet
                                   (severity 1: 30 minutes) is seeded IN_PROGRESS unless overdue
              --at-risk-share S    as at.risk.share of org.srplatform.casework (default 0.75)
              --update-hours LIST  hours between updates, severities 1..4, as update.hours.severityN (default 4,12,36,60)
              --close-days D       as resolved.close.days (default 7): RESOLVED SRs were resolved less long ago
              --seed N             random seed (default 20261129)
              --help               this text
            """;

    /** The command line. */
    static final class Options {
        Path db;
        long count = -1;
        boolean worked;
        Map<String, Double> mix = new LinkedHashMap<>(Map.of());
        int engineers = 50;
        String queue = "general";
        double overdueShare = 0.02;
        long dueClocks = 1000;
        long quietMinutes = 60;
        double atRiskShare = 0.75;
        double[] updateHours = {4, 12, 36, 60};
        int closeDays = 7;
        long seed = 20261129L;

        static Options parse(String[] args) {
            Options o = new Options();
            o.mix.put("CLOSED", 70.0);
            o.mix.put("RESOLVED", 5.0);
            o.mix.put("IN_PROGRESS", 10.0);
            o.mix.put("ASSIGNED", 5.0);
            o.mix.put("WAITING_ON_CUSTOMER", 5.0);
            o.mix.put("NEW", 5.0);
            boolean workedOnly = false;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                if (name.equals("--worked")) {
                    o.worked = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    fail(name + " needs a value (--help tells the options)");
                }
                String value = args[++i];
                workedOnly |= !name.equals("--db") && !name.equals("--count");
                switch (name) {
                    case "--db" -> o.db = Path.of(value).toAbsolutePath();
                    case "--count" -> o.count = whole(name, value, 0, 999_999_999);
                    case "--mix" -> o.mix = mix(value);
                    case "--engineers" -> o.engineers = (int) whole(name, value, 1, 100_000);
                    case "--queue" -> o.queue = value;
                    case "--overdue-share" -> o.overdueShare = share(name, value, 0, 1);
                    case "--due-clocks" -> o.dueClocks = whole(name, value, 0, Long.MAX_VALUE);
                    case "--quiet-minutes" -> o.quietMinutes = whole(name, value, 0, 10_000);
                    case "--at-risk-share" -> o.atRiskShare = share(name, value, 1e-6, 1);
                    case "--update-hours" -> {
                        String[] parts = value.split(",");
                        if (parts.length != 4) {
                            fail("--update-hours needs four numbers (severities 1..4), not '" + value + "'");
                        }
                        for (int s = 0; s < 4; s++) {
                            o.updateHours[s] = share(name, parts[s].trim(), 0.01, 100_000);
                        }
                    }
                    case "--close-days" -> o.closeDays = (int) whole(name, value, 1, 3650);
                    case "--seed" -> o.seed = whole(name, value, 0, Long.MAX_VALUE);
                    default -> fail("unknown option " + name + " (--help tells the options)");
                }
            }
            if (o.db == null || o.count < 0) {
                fail("expected --db DIR --count N (--help tells the options)");
            }
            if (workedOnly && !o.worked) {
                fail("the options beyond --db and --count shape worked SRs: add --worked");
            }
            return o;
        }

        private static long whole(String name, String value, long min, long max) {
            try {
                long v = Long.parseLong(value.trim());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // told below
            }
            fail(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
            return 0;
        }

        private static double share(String name, String value, double min, double max) {
            try {
                double v = Double.parseDouble(value.trim());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // told below
            }
            fail(name + " must be a number from " + min + " to " + max + ", not '" + value + "'");
            return 0;
        }

        private static Map<String, Double> mix(String value) {
            Map<String, Double> mix = new LinkedHashMap<>();
            for (String part : value.split(",")) {
                String[] kv = part.split("=");
                String status = kv[0].trim().toUpperCase(java.util.Locale.ROOT);
                if (kv.length != 2 || !Worked.STATUSES.contains(status)) {
                    fail("--mix takes STATUS=PERCENT pairs of " + Worked.STATUSES + ", not '" + part + "'");
                }
                mix.merge(status, share("--mix " + status, kv[1], 0, 1e9), Double::sum);
            }
            if (mix.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                fail("--mix must give some status a share above 0");
            }
            return mix;
        }
    }

    // ---------------------------------------------------------------- worked SRs

    /**
     * SRs as they stand after being worked (--worked): what the store and casework would hold had every SR been
     * opened, assigned, answered, paused, resolved and closed through the platform. Three passes, each SR drawn
     * again from its own random stream: the status (and whether it is overdue) of every SR; which clocks are due
     * (exactly --due-clocks of those that can be); the creation time of each, so that the SRs are written in the
     * order they were opened and numbers grow with creation as the platform's do.
     */
    static final class Worked {
        static final List<String> STATUSES = List.of("NEW", "ASSIGNED", "IN_PROGRESS", "WAITING_ON_CUSTOMER",
                "WAITING_ON_VENDOR", "RESOLVED", "CLOSED");
        private static final int NEW = 0, ASSIGNED = 1, IN_PROGRESS = 2, WAITING_CUSTOMER = 3, WAITING_VENDOR = 4,
                RESOLVED = 5, CLOSED = 6;
        // Short transactions seed faster (see COMMIT_EVERY); a worked SR writes about twice the rows.
        private static final int COMMIT_WORKED = 250;
        private static final long MINUTE = 60_000, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
        /** What an owing clock is doing at seeding time. */
        private static final int NORMAL = 0, TOLD_AT_RISK = 1, DUE = 2, OVERDUE = 3;

        private final Options o;
        private final double[] cumulative = new double[STATUSES.size()];
        private final long quiet;
        private final long[] updateMs = new long[4];
        private Reference ref;
        private long now;

        Worked(Options o) {
            this.o = o;
            double sum = o.mix.values().stream().mapToDouble(Double::doubleValue).sum();
            double running = 0;
            for (int s = 0; s < STATUSES.size(); s++) {
                running += o.mix.getOrDefault(STATUSES.get(s), 0.0) / sum;
                cumulative[s] = running;
            }
            this.quiet = o.quietMinutes * MINUTE;
            for (int s = 0; s < 4; s++) {
                updateMs[s] = Math.round(o.updateHours[s] * HOUR);
                // An IN_PROGRESS SR must be able to owe its update beyond the quiet period without being at risk.
                if (risk(updateMs[s]) - quiet < MINUTE) {
                    fail("--quiet-minutes " + o.quietMinutes + " is longer than the at-risk time of severity " + (s + 1)
                            + "'s update cadence (" + o.updateHours[s] + " h x " + o.atRiskShare + "): shorten it");
                }
            }
        }

        void seed(Connection c) throws SQLException {
            requireSchema(c);
            ref = Reference.read(c);
            c.setAutoCommit(false);
            now = Instant.now().toEpochMilli(); // API times are milliseconds
            int n = (int) o.count;
            long t0 = System.nanoTime();

            // 1. status, severity and overdue of every SR; the clocks that may be due
            byte[] base = new byte[n];
            long candidates = 0;
            for (int i = 0; i < n; i++) {
                base[i] = base(rng(i));
                candidates += canBeDue(base[i]) ? 1 : 0;
            }
            if (o.dueClocks > candidates) {
                fail("--due-clocks " + o.dueClocks + " is more than the " + candidates + " clocks that can be due yet not"
                        + " breached within --quiet-minutes " + o.quietMinutes + ": seed more SRs or fewer due clocks");
            }
            // 2. exactly K of them due: selection sampling, in SR order
            java.util.BitSet due = new java.util.BitSet(n);
            SplittableRandom pick = new SplittableRandom(o.seed ^ 0x5DEECE66DL);
            long needed = o.dueClocks;
            long left = candidates;
            for (int i = 0; i < n && needed > 0; i++) {
                if (canBeDue(base[i])) {
                    if (pick.nextLong(left) < needed) {
                        due.set(i);
                        needed--;
                    }
                    left--;
                }
            }
            // 3. creation times; write in their order so that numbers grow with creation
            long[] order = new long[n];
            for (int i = 0; i < n; i++) {
                long created = plan(i, base[i], due.get(i)).created;
                order[i] = (Math.floorDiv(created, 1000) << 30) | i; // seconds (31 bits until 2038), index (30)
            }
            Arrays.sort(order);
            System.out.printf("  planned %d worked SRs in %.1f s; writing them%n", n, (System.nanoTime() - t0) / 1e9);
            Stats stats = write(c, base, due, order);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("seeded_srs=%d  seed_srs_per_s=%.0f  (%.1f s; worked: numbers %d..%d, account %s, product %s,"
                    + " queue %s, %d engineers; commits every %d SRs)%n", n, n / Math.max(s, 1e-9), s, stats.first,
                    stats.last, ACCOUNT, PRODUCT, o.queue, o.engineers, COMMIT_WORKED);
            stats.print(now);
        }

        // ---- drawing

        private SplittableRandom rng(long i) {
            return new SplittableRandom(o.seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 1);
        }

        /** The first draws of an SR's stream: status (bits 0-2), severity - 1 (3-4), overdue (5). */
        private byte base(SplittableRandom r) {
            double d = r.nextDouble();
            int status = 0;
            while (status < cumulative.length - 1 && d >= cumulative[status]) {
                status++;
            }
            int severity = SeedRequests.severity(r);
            boolean overdue = r.nextDouble() < o.overdueShare;
            Long first = ref.firstResponseMs.get(severity);
            if ((status == NEW || status == ASSIGNED) && first != null && !overdue && risk(first) - quiet < MINUTE) {
                status = IN_PROGRESS; // answered already: its target is too short to stay quiet (see --quiet-minutes)
            }
            boolean owing = owing(status, severity);
            return (byte) (status | (severity - 1) << 3 | (owing && overdue ? 1 << 5 : 0));
        }

        private static int statusOf(byte b) {
            return b & 7;
        }

        private static int severityOf(byte b) {
            return (b >> 3 & 3) + 1;
        }

        private static boolean overdueOf(byte b) {
            return (b & 1 << 5) != 0;
        }

        /** Whether the SR owes the customer a response: SupportRequest.responseOwedBy() is present. */
        private boolean owing(int status, int severity) {
            return status == IN_PROGRESS
                    || (status == NEW || status == ASSIGNED) && ref.firstResponseMs.get(severity) != null;
        }

        /** The length of the owing SR's running clock: its first response's target, else its update cadence. */
        private long owedClockMs(int status, int severity) {
            return status == IN_PROGRESS ? updateMs[severity - 1] : ref.firstResponseMs.get(severity);
        }

        /** An owing clock that can be at risk now, not told, and not breached within the quiet period. */
        private boolean canBeDue(byte b) {
            if (!owing(statusOf(b), severityOf(b)) || overdueOf(b)) {
                return false;
            }
            long d = owedClockMs(statusOf(b), severityOf(b));
            return d - risk(d) - quiet >= MINUTE;
        }

        private long risk(long clockMs) {
            return Math.round(o.atRiskShare * clockMs); // SlaClock.start, counted around the clock
        }

        private static long between(SplittableRandom r, long from, long to) {
            return to > from ? from + r.nextLong(to - from) : from;
        }

        /**
         * When an owing clock of {@code d} ms started, for its state at seeding: overdue (told), due (at risk, not
         * told, not breached within the quiet period), told at risk (due after the quiet period) or normal (at
         * risk after the quiet period).
         */
        private long startOwing(SplittableRandom r, int state, long d) {
            long risk = risk(d);
            return switch (state) {
                case OVERDUE -> now - between(r, MINUTE, Math.max(2 * d, 4 * HOUR)) - d;
                case DUE -> now - between(r, 1000, d - risk - quiet) - risk;
                case TOLD_AT_RISK -> between(r, now + quiet - d + 1, now - risk + 1);
                default -> between(r, now + quiet - risk, now + 1);
            };
        }

        /** One SR as the platform would hold it. */
        private Plan plan(int i, byte b, boolean isDue) {
            SplittableRandom r = rng(i);
            base(r); // the same first draws as pass 1
            int status = statusOf(b);
            int severity = severityOf(b);
            Long first = ref.firstResponseMs.get(severity);
            long firstOr = first == null ? 8 * HOUR : first;
            long cadence = updateMs[severity - 1];
            double stateDraw = r.nextDouble();
            int state = overdueOf(b) ? OVERDUE : isDue ? DUE : stateDraw < 0.1 ? TOLD_AT_RISK : NORMAL;
            if (state == TOLD_AT_RISK && owing(status, severity)) {
                long d = owedClockMs(status, severity);
                state = d - risk(d) - quiet >= MINUTE ? TOLD_AT_RISK : NORMAL;
            }
            Plan p = new Plan();
            p.status = STATUSES.get(status);
            p.severity = severity;
            p.assignee = status == NEW ? null : "engineer" + (1 + r.nextInt(o.engineers));
            long lastUpdate = 0; // the next-update clock's start
            switch (status) {
                case NEW, ASSIGNED -> {
                    if (first == null) {
                        p.created = now - between(r, 0, 2 * DAY);
                    } else {
                        p.created = startOwing(r, state, first);
                        p.clocks.add(running("FIRST_RESPONSE", p.created, first, state));
                    }
                    p.updated = status == NEW ? p.created : between(r, p.created, now + 1);
                    p.version = status == NEW ? 1 : 2;
                }
                case IN_PROGRESS -> {
                    lastUpdate = startOwing(r, state, cadence);
                    p.responded = lastUpdate - between(r, 0, 7 * DAY);
                    p.updated = lastUpdate;
                    p.version = 4;
                }
                case WAITING_CUSTOMER, WAITING_VENDOR -> {
                    p.pausedSince = now - between(r, MINUTE, 14 * DAY);
                    lastUpdate = p.pausedSince - between(r, 0, risk(cadence)); // paused before at risk
                    p.responded = lastUpdate - between(r, 0, 7 * DAY);
                    p.updated = p.pausedSince;
                    p.version = 5;
                }
                case RESOLVED -> {
                    p.resolvedAt = now - between(r, MINUTE, o.closeDays * DAY - quiet - HOUR);
                    lastUpdate = p.resolvedAt - between(r, MINUTE, cadence);
                    p.responded = lastUpdate - between(r, 0, 7 * DAY);
                    p.updated = p.resolvedAt;
                    p.version = 6;
                }
                default -> { // CLOSED: opened 10 to 180 days ago, so that every step lies before now
                    p.created = now - between(r, 10 * DAY, SPREAD.toMillis());
                    p.responded = p.created + between(r, MINUTE, firstOr * 6 / 5);
                    lastUpdate = p.responded + between(r, 0, 5 * DAY);
                    p.resolvedAt = lastUpdate + between(r, HOUR, cadence);
                    p.updated = p.resolvedAt;
                    p.version = 7;
                }
            }
            if (p.responded != null) {
                if (status != CLOSED) {
                    p.created = p.responded - between(r, MINUTE, firstOr * 6 / 5); // a sixth answered late
                }
                if (first != null) {
                    Clock k = clock("FIRST_RESPONSE", p.created, first);
                    p.clocks.add(k.stop(p.responded));
                }
                Clock update = clock("NEXT_UPDATE", lastUpdate, cadence);
                p.clocks.add(switch (status) {
                    case IN_PROGRESS -> running("NEXT_UPDATE", lastUpdate, cadence, state);
                    case WAITING_CUSTOMER, WAITING_VENDOR -> update.pause(p.pausedSince);
                    default -> update.stop(p.resolvedAt);
                });
                p.nextUpdateDue = lastUpdate + cadence;
            }
            p.firstResponseDue = first == null ? null : p.created + first;
            p.owes = status == NEW || status == ASSIGNED ? p.firstResponseDue
                    : status == IN_PROGRESS ? p.nextUpdateDue : null; // SupportRequest.responseOwedBy()
            p.confirmed = Math.min(now, p.created + between(r, 1000, 2 * MINUTE));
            p.random = r; // the text is drawn after the times
            return p;
        }

        private Clock clock(String kind, long started, long d) {
            return new Clock(kind, started, started + d, started + risk(d), null, null, false, false);
        }

        private Clock running(String kind, long started, long d, int state) {
            Clock k = clock(kind, started, d);
            return new Clock(kind, k.started, k.due, k.atRisk, null, null, state == OVERDUE || state == TOLD_AT_RISK,
                    state == OVERDUE);
        }

        /** A row of casework_clocks (times in epoch ms). */
        record Clock(String kind, long started, long due, long atRisk, Long pausedSince, Long stopped,
                boolean atRiskTold, boolean breachTold) {

            /** As the target watch would have left it: told once its time passed before the stop. */
            Clock stop(long at) {
                return new Clock(kind, started, due, atRisk, null, at, at > atRisk, at > due);
            }

            Clock pause(long at) {
                return new Clock(kind, started, due, atRisk, at, null, at > atRisk, at > due);
            }

            /** ClockTable.StoredClock.watchAt(). */
            Long watchAt() {
                if (pausedSince != null || stopped != null) {
                    return null;
                }
                if (!atRiskTold) {
                    return atRisk;
                }
                return breachTold ? null : Long.valueOf(due + 1); // due is still met
            }
        }

        static final class Plan {
            String status;
            int severity;
            String assignee;
            long created;
            long updated;
            int version;
            Long responded;
            Long firstResponseDue;
            Long nextUpdateDue;
            Long owes;
            Long pausedSince;
            Long resolvedAt;
            long confirmed;
            final List<Clock> clocks = new ArrayList<>(2);
            SplittableRandom random;
        }

        // ---- writing

        private static void requireSchema(Connection c) throws SQLException {
            List<String> missing = new ArrayList<>();
            for (String column : List.of("QUEUE_ID", "OWES_RESPONSE_AT")) {
                try (ResultSet rs = c.getMetaData().getColumns(null, null, "SUPPORT_REQUESTS", column)) {
                    if (!rs.next()) {
                        missing.add("support_requests." + column.toLowerCase(java.util.Locale.ROOT) + " (store schema V5)");
                    }
                }
            }
            for (String table : List.of("CASEWORK_CLOCKS", "CASEWORK_FIRST_RESPONSES", "CASEWORK_ALERTS",
                    "CASEWORK_PAUSES", "CASEWORK_RESOLUTIONS")) {
                try (ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
                    if (!rs.next()) {
                        missing.add(table.toLowerCase(java.util.Locale.ROOT) + " (the casework bundle's schema)");
                    }
                }
            }
            if (!missing.isEmpty()) {
                fail("--worked needs " + String.join(", ", missing) + ": start a platform with the casework bundle on"
                        + " this data folder once first");
            }
        }

        private Stats write(Connection c, byte[] base, java.util.BitSet due, long[] order) throws SQLException {
            Stats stats = new Stats();
            long t0 = System.nanoTime();
            try (PreparedStatement next = c.prepareStatement("VALUES NEXT VALUE FOR sr_number_seq");
                    PreparedStatement sr = c.prepareStatement("INSERT INTO support_requests (sr_number, account_number,"
                            + " product_id, category_id, severity, status, subject, description, contact_method, phone,"
                            + " contact_login, intake_channel, assignee, created_at, updated_at, confirmation_due_at,"
                            + " first_response_due_at, first_responded_at, next_update_due_at, suggestions_shown, version,"
                            + " queue_id, owes_response_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'WEB', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement tag = c.prepareStatement("INSERT INTO sr_tags (sr_number, list_index, tag)"
                            + " VALUES (?, ?, ?)");
                    PreparedStatement timeline = c.prepareStatement("INSERT INTO timeline_entries (sr_number,"
                            + " occurred_at, actor_id, actor_name, kind, summary, details, internal)"
                            + " VALUES (?, ?, ?, ?, 'CREATED', ?, ?, FALSE)");
                    PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (message_type, sr_number,"
                            + " destination, subject, payload, due_at, created_at, state, attempts, next_attempt_at,"
                            + " sent_at) VALUES ('notification', ?, ?, 'CONFIRMATION', ?, ?, ?, 'SENT', 1, ?, ?)");
                    PreparedStatement clock = c.prepareStatement("INSERT INTO casework_clocks (sr_number, clock,"
                            + " counting, started_at, due_at, at_risk_at, paused_since, paused_ms, stopped_at,"
                            + " at_risk_told, breach_told, watch_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)");
                    PreparedStatement firstResponse = c.prepareStatement("INSERT INTO casework_first_responses"
                            + " (sr_number, opened_at, product_id, severity, offering_id, due_at, responded_at, met)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement alert = c.prepareStatement("INSERT INTO casework_alerts (sr_number, clock,"
                            + " started_at, kind, due_at, raised_at) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement pause = c.prepareStatement("INSERT INTO casework_pauses (sr_number, paused_at,"
                            + " resumed_at, status, reason) VALUES (?, ?, NULL, ?, ?)");
                    PreparedStatement resolution = c.prepareStatement("INSERT INTO casework_resolutions (sr_number,"
                            + " resolved_at, closes_at) VALUES (?, ?, ?)")) {
                String payload = "{\"kind\":\"CONFIRMATION\",\"contact\":\"" + LOGIN + "\"}";
                int pending = 0;
                for (int k = 0; k < order.length; k++) {
                    int i = (int) (order[k] & ((1 << 30) - 1));
                    Plan p = plan(i, base[i], due.get(i));
                    SplittableRandom random = p.random;
                    long sequence;
                    try (ResultSet rs = next.executeQuery()) {
                        rs.next();
                        sequence = rs.getLong(1);
                    }
                    long number = Instant.ofEpochMilli(p.created).atZone(ZoneOffset.UTC).getYear() % 100 * SEQUENCE_SPAN
                            + sequence;
                    stats.first = k == 0 ? number : stats.first;
                    stats.last = number;
                    stats.count(p, now);

                    String part = pick(random, PARTS);
                    String symptom = pick(random, SYMPTOMS);
                    String when = pick(random, WHEN);
                    StringBuilder description = new StringBuilder(part).append(' ').append(symptom).append(' ')
                            .append(when).append(" on host esx-").append(random.nextInt(800)).append('.');
                    for (int d = 1 + random.nextInt(6); d > 0; d--) {
                        description.append(' ').append(pick(random, DETAILS));
                    }
                    int method = random.nextInt(10);
                    boolean suggestionsShown = random.nextInt(3) == 0;
                    long confirmationDue = p.created + Duration.ofHours(1).toMillis();
                    sr.setLong(1, number);
                    sr.setString(2, ACCOUNT);
                    sr.setString(3, PRODUCT);
                    sr.setString(4, ref.categories.get(random.nextInt(ref.categories.size())));
                    sr.setInt(5, p.severity);
                    sr.setString(6, p.status);
                    sr.setString(7, part + " " + symptom + " " + when);
                    sr.setString(8, description.toString());
                    sr.setString(9, method < 8 ? "EMAIL" : method == 8 ? "PHONE" : "BOTH");
                    if (method < 8) {
                        sr.setNull(10, Types.VARCHAR);
                    } else {
                        sr.setString(10, "+1 650 555 " + String.format("%04d", random.nextInt(10000)));
                    }
                    sr.setString(11, LOGIN);
                    sr.setString(12, p.assignee);
                    time(sr, 13, p.created);
                    time(sr, 14, p.updated);
                    time(sr, 15, confirmationDue);
                    time(sr, 16, p.firstResponseDue);
                    time(sr, 17, p.responded);
                    time(sr, 18, p.nextUpdateDue);
                    sr.setBoolean(19, suggestionsShown);
                    sr.setLong(20, p.version);
                    sr.setString(21, o.queue);
                    time(sr, 22, p.owes);
                    sr.addBatch();

                    List<String> tags = tags(random);
                    for (int t = 0; t < tags.size(); t++) {
                        tag.setLong(1, number);
                        tag.setInt(2, t);
                        tag.setString(3, tags.get(t));
                        tag.addBatch();
                    }
                    timeline.setLong(1, number);
                    time(timeline, 2, p.created);
                    timeline.setString(3, LOGIN);
                    timeline.setString(4, ref.displayName);
                    timeline.setString(5, "SR opened online with severity " + p.severity);
                    timeline.setString(6, "{\"channel\":\"WEB\",\"offering\":\"" + ref.offering + "\",\"severity\":\""
                            + p.severity + "\",\"suggestionsShown\":\"" + suggestionsShown + "\"}");
                    timeline.addBatch();
                    outbox.setLong(1, number);
                    outbox.setString(2, ref.email);
                    outbox.setString(3, payload);
                    time(outbox, 4, confirmationDue);
                    time(outbox, 5, p.created);
                    time(outbox, 6, p.created);
                    time(outbox, 7, p.confirmed);
                    outbox.addBatch();

                    for (Clock k2 : p.clocks) {
                        clock.setLong(1, number);
                        clock.setString(2, k2.kind);
                        clock.setString(3, ref.counting.get(p.severity));
                        time(clock, 4, k2.started);
                        time(clock, 5, k2.due);
                        time(clock, 6, k2.atRisk);
                        time(clock, 7, k2.pausedSince);
                        time(clock, 8, k2.stopped);
                        clock.setBoolean(9, k2.atRiskTold);
                        clock.setBoolean(10, k2.breachTold);
                        time(clock, 11, k2.watchAt());
                        clock.addBatch();
                        // the alerts the watch raised: at risk while not yet breached, then the breach
                        long until = k2.stopped != null ? k2.stopped : k2.pausedSince != null ? k2.pausedSince : now;
                        if (k2.atRiskTold) {
                            alert(alert, number, k2, "AT_RISK", Math.min(k2.atRisk + 15_000, until));
                            stats.alerts++;
                        }
                        if (k2.breachTold) {
                            alert(alert, number, k2, "BREACHED", Math.min(k2.due + 15_000, Math.max(until, k2.due + 1)));
                            stats.alerts++;
                        }
                    }
                    firstResponse.setLong(1, number);
                    time(firstResponse, 2, p.created);
                    firstResponse.setString(3, PRODUCT);
                    firstResponse.setInt(4, p.severity);
                    firstResponse.setString(5, ref.offering);
                    time(firstResponse, 6, p.firstResponseDue);
                    time(firstResponse, 7, p.responded);
                    if (p.responded == null || p.firstResponseDue == null) {
                        firstResponse.setNull(8, Types.BOOLEAN);
                    } else {
                        firstResponse.setBoolean(8, p.responded <= p.firstResponseDue);
                    }
                    firstResponse.addBatch();
                    if (p.pausedSince != null) {
                        pause.setLong(1, number);
                        time(pause, 2, p.pausedSince);
                        pause.setString(3, p.status);
                        pause.setString(4, p.status.equals("WAITING_ON_VENDOR") ? "Waiting for the vendor's fix"
                                : "Waiting for the customer's logs");
                        pause.addBatch();
                    }
                    if (p.status.equals("RESOLVED")) {
                        resolution.setLong(1, number);
                        time(resolution, 2, p.resolvedAt);
                        time(resolution, 3, p.resolvedAt + o.closeDays * DAY);
                        resolution.addBatch();
                    }

                    if (++pending == COMMIT_WORKED || k == order.length - 1) {
                        for (PreparedStatement s : List.of(sr, tag, timeline, outbox, clock, firstResponse, alert, pause,
                                resolution)) {
                            s.executeBatch();
                        }
                        c.commit();
                        pending = 0;
                        if ((k + 1) % 100_000 == 0) {
                            double s = (System.nanoTime() - t0) / 1e9;
                            System.out.printf("  seeded %d SRs in %.0f s (%.0f SR/s)%n", k + 1, s, (k + 1) / s);
                        }
                    }
                }
            }
            c.commit();
            return stats;
        }

        private static void alert(PreparedStatement s, long number, Clock k, String kind, long raised)
                throws SQLException {
            s.setLong(1, number);
            s.setString(2, k.kind);
            time(s, 3, k.started);
            s.setString(4, kind);
            time(s, 5, k.due);
            time(s, 6, raised);
            s.addBatch();
        }

        private static void time(PreparedStatement s, int index, Long epochMs) throws SQLException {
            if (epochMs == null) {
                s.setNull(index, Types.TIMESTAMP);
            } else {
                s.setTimestamp(index, new Timestamp(epochMs), UTC);
            }
        }

        /** What was written, for the bench: name=value lines. */
        static final class Stats {
            long first;
            long last;
            long alerts;
            long owing;
            long overdue;
            long dueClocks;
            long watched;
            final Map<String, Long> statuses = new TreeMap<>();
            long engineer1All;
            long engineer1Owing;
            long engineer1Overdue;
            long queueInProgress;

            void count(Plan p, long now) {
                statuses.merge(p.status, 1L, Long::sum);
                owing += p.owes != null ? 1 : 0;
                overdue += p.owes != null && p.owes < now ? 1 : 0;
                for (Clock k : p.clocks) {
                    watched += k.watchAt() != null ? 1 : 0;
                    dueClocks += k.watchAt() != null && k.watchAt() <= now ? 1 : 0;
                }
                queueInProgress += p.status.equals("IN_PROGRESS") ? 1 : 0;
                if ("engineer1".equals(p.assignee)) {
                    engineer1All++;
                    engineer1Owing += p.owes != null ? 1 : 0;
                    engineer1Overdue += p.owes != null && p.owes < now ? 1 : 0;
                }
            }

            void print(long now) {
                System.out.println("worked_seeded_at=" + Instant.ofEpochMilli(now));
                System.out.println("worked_statuses=" + statuses.toString().replace(" ", ""));
                System.out.println("worked_owing=" + owing);
                System.out.println("worked_overdue=" + overdue);
                System.out.println("worked_due_clocks=" + dueClocks);
                System.out.println("worked_watched_clocks=" + watched);
                System.out.println("worked_alerts_told=" + alerts);
                System.out.println("worked_in_progress=" + queueInProgress);
                System.out.println("worked_engineer1_srs=" + engineer1All);
                System.out.println("worked_engineer1_owing=" + engineer1Owing);
                System.out.println("worked_engineer1_overdue=" + engineer1Overdue);
            }
        }
    }

    private static void fail(String message) {
        System.err.println("SeedRequests: " + message);
        System.exit(2);
    }

    /** What the demo start stored and an SR of account 1001 for datacenter refers to. */
    private record Reference(List<String> categories, String offering, Map<Integer, Long> firstResponseMs,
            String email, String displayName, Map<Integer, String> counting) {

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
            Map<Integer, String> counting = new HashMap<>();
            boolean aroundTheClock = !strings(c, "SELECT id FROM products WHERE id = ? AND around_the_clock", PRODUCT)
                    .isEmpty();
            try (PreparedStatement s = c.prepareStatement("SELECT severity, within_ms, response_clock"
                    + " FROM first_response_targets WHERE offering_id = ?")) {
                s.setString(1, offerings.get(0));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        targets.put(rs.getInt(1), rs.getLong(2));
                        // casework's ServiceTerms: the product's hours around the clock, or the target's clock
                        counting.put(rs.getInt(1), aroundTheClock || rs.getString(3).equals("AROUND_THE_CLOCK")
                                ? "AROUND_THE_CLOCK" : "SUPPORT_HOURS");
                    }
                }
            }
            for (int severity = 1; severity <= 4; severity++) {
                counting.putIfAbsent(severity, aroundTheClock ? "AROUND_THE_CLOCK" : "SUPPORT_HOURS");
            }
            return new Reference(categories, offerings.get(0), targets, emails.get(0), names.get(0), counting);
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
