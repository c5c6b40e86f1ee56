import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fills a stopped platform's database with open escalations, as sr-escalation would hold them once worked, so
 * that bench/escalation-review.sh can measure the daily review (GET /api/v1/escalations, the digest) over many
 * of them. Each open escalation is of a different open SR already stored (escalations.open_sr is unique: seed
 * the SRs first, bench/SeedRequests.java), in a region and state drawn from --regions and --states, owing what
 * its state owes (REQUESTED: the acceptance, ACCEPTED: the plans, ACTIVE and TOO_SLOW: the next update by the
 * communication plan's cadence) by a due spread around now: --overdue-share of them past (up to 3 days), the
 * others after the --quiet-minutes following the seeding and within the span the state allows. Beside the row:
 * its action plan revisions (every ACTIVE and TOO_SLOW one, --plans-share of the ACCEPTED ones), the last
 * update given, its history steps. The overdue watch's {@code watch_at} is NULL (told already, or never to be
 * looked at: the bench measures the review, not the alerts) except for exactly --watched overdue ones, which
 * the watch's first pass alerts. --de-escalated adds closed escalations (no due, open_sr NULL) of the same SRs.
 * Rows are written in the order they were requested, so ids grow with the request time as the platform's do.
 * <p>
 * Usage (the platform stopped; derby, derbyshared and derbytools of the platform on the class path):
 * {@code java -cp ... SeedEscalations.java --db DATA/db --count N [...]}; {@code --help} tells every option.
 * Prints key=value lines (escalations_...) that the script reads: the counts per region, state, region and
 * state, and what a digest of each region flags overdue at seeding time.
 */
public final class SeedEscalations {
    private static final long MINUTE = 60_000, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
    // Short transactions seed faster in Derby (see SeedRequests.COMMIT_EVERY); an escalation writes ~6 rows.
    private static final int COMMIT_EVERY = 250;
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    private static final String[] STATES = {"REQUESTED", "ACCEPTED", "ACTIVE", "TOO_SLOW"};
    private static final String[] REASONS = {"PRODUCTION_DOWN_DURING_UPGRADE", "CRITICAL_BUSINESS_IMPACT",
        "UNSATISFIED_WITH_PROGRESS"};
    private static final int[] EVERY_HOURS = {4, 8, 12, 24};
    private static final String[] ASKERS = {"customer1", "customer1", "customer1", "engineer1", "duty1"};
    private static final String[] MILESTONES = {"Go-live", "Quarter-end close", "Board demo", "Data centre move",
        "Cut-over weekend", "Audit"};
    private static final String[] DETAIL = {
        "The cluster lost quorum twice during the upgrade window and production stayed down for four hours.",
        "Order processing is halted: every payment batch times out against the datastore.",
        "Three weeks without a root cause; the customer's CIO asked for management attention.",
        "Workaround of restarting the hosts nightly is not acceptable to the business.",
        "The go-live date cannot move; the vendor's fix must be in place a week before it.",
        "Two previous SRs on the same symptom were closed without a fix."};
    private static final String[] PLAN = {
        "1. Collect support bundles from all hosts of the affected cluster within 4 hours.",
        "2. Engineering reproduces the fault on the customer's firmware level in the lab.",
        "3. A hot patch is built and tested against the customer's configuration.",
        "4. Roll-out in the next maintenance window with the customer's operations team on a bridge.",
        "5. Root-cause analysis delivered in writing within five working days of the fix.",
        "Risks: the maintenance window may move; the storage vendor must join the bridge."};
    private static final String[] UPDATES = {
        "Lab reproduction succeeded; engineering is testing the candidate fix.",
        "Support bundles received and analysed; the fault lies in the storage driver's retry path.",
        "Hot patch built; QA runs the regression suite tonight.",
        "No new occurrence since the workaround was applied; monitoring continues."};
    private static final String[] REGIONAL = {"rem1", "rem2", "rem3"};

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (!Files.isDirectory(o.db)) {
            fail("no database at " + o.db + " (start the platform once with --demo on its data folder first)");
        }
        System.setProperty("derby.stream.error.file", o.db.resolveSibling("derby-seed.log").toString());
        System.setProperty("derby.storage.useDefaultFilePermissions", "false");
        Driver driver = (Driver) Class.forName("org.apache.derby.iapi.jdbc.AutoloadedDriver")
                .getDeclaredConstructor().newInstance();
        try (Connection c = driver.connect("jdbc:derby:" + o.db, new Properties())) {
            new SeedEscalations(o).seed(c);
        } finally {
            try {
                driver.connect("jdbc:derby:;shutdown=true", new Properties());
            } catch (SQLException expected) {
                // Derby answers a clean shutdown with an exception
            }
        }
        System.out.printf("database size after seeding escalations: %d MB%n", size(o.db) / (1024 * 1024));
    }

    private final Options o;
    private long now;

    private SeedEscalations(Options o) {
        this.o = o;
    }

    /** One escalation as the platform would hold it (times in epoch ms; null: none). */
    static final class Plan {
        long sr;
        boolean open;
        String region;
        String state;
        String reason;
        String requestedBy;
        long requestedAt;
        Long acceptedAt;
        String acceptedBy;
        String engineer;
        String resources = "";
        List<Long> planTimes = new ArrayList<>();
        Long activatedAt;
        Integer everyHours;
        String channels;
        Long lastUpdateAt;
        Long lastUpdateDue;
        String dueKind;
        Long dueAt;
        boolean watched;
        boolean conferenceCallDue;
        Long tooSlowAt;
        Long deEscalatedAt;
        long updatedAt;
        SplittableRandom text; // the texts are drawn when written
    }

    void seed(Connection c) throws SQLException {
        requireSchema(c);
        c.setAutoCommit(false);
        now = Instant.now().toEpochMilli(); // API times are milliseconds
        long t0 = System.nanoTime();
        long[] srs = pickRequests(c);
        SplittableRandom r = new SplittableRandom(o.seed);
        List<Plan> plans = new ArrayList<>(o.count + o.deEscalated);
        List<Integer> overdue = new ArrayList<>();
        for (int i = 0; i < o.count; i++) {
            Plan p = open(r, srs[i]);
            if (p.dueAt < now) {
                overdue.add(i);
            }
            plans.add(p);
        }
        if (o.watched > overdue.size()) {
            fail("--watched " + o.watched + " is more than the " + overdue.size() + " overdue escalations seeded:"
                    + " raise --overdue-share or lower --watched");
        }
        // exactly K overdue ones keep their watch_at: selection sampling
        long needed = o.watched;
        long left = overdue.size();
        for (int i : overdue) {
            if (needed > 0 && r.nextLong(left) < needed) {
                plans.get(i).watched = true;
                needed--;
            }
            left--;
        }
        for (int i = 0; i < o.deEscalated; i++) {
            plans.add(deEscalated(r, srs[r.nextInt(srs.length)]));
        }
        plans.sort((a, b) -> Long.compare(a.requestedAt, b.requestedAt));
        System.out.printf("  planned %d open and %d de-escalated escalations of %d SRs in %.1f s; writing them%n",
                o.count, o.deEscalated, srs.length, (System.nanoTime() - t0) / 1e9);
        long[] rows = write(c, plans);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "seeded_escalations=%d  seed_escalations_per_s=%.0f  (%.1f s; %d open, %d"
                + " de-escalated; %d action plan revisions, %d updates, %d history steps; commits every %d)%n",
                plans.size(), plans.size() / Math.max(s, 1e-9), s, o.count, o.deEscalated, rows[0], rows[1], rows[2],
                COMMIT_EVERY);
        print(plans);
    }

    /** The open SRs that have no open escalation yet, --count of them drawn evenly. */
    private long[] pickRequests(Connection c) throws SQLException {
        Set<Long> escalated = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT open_sr FROM escalations WHERE open_sr IS NOT NULL")) {
            while (rs.next()) {
                escalated.add(rs.getLong(1));
            }
        }
        List<Long> open = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sr_number FROM support_requests"
                + " WHERE status NOT IN ('RESOLVED', 'CLOSED') ORDER BY sr_number")) {
            while (rs.next()) {
                if (!escalated.contains(rs.getLong(1))) {
                    open.add(rs.getLong(1));
                }
            }
        }
        if (open.size() < o.count) {
            fail("--count " + o.count + " needs as many open SRs without an open escalation; the database has "
                    + open.size() + ": seed more SRs (bench/SeedRequests.java) or fewer escalations");
        }
        SplittableRandom r = new SplittableRandom(o.seed ^ 0x5DEECE66DL);
        long[] picked = new long[o.count];
        int n = 0;
        long left = open.size();
        for (long sr : open) {
            if (n < o.count && r.nextLong(left) < o.count - n) {
                picked[n++] = sr;
            }
            left--;
        }
        // drawn in SR order; escalated in random order
        for (int i = picked.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = picked[i];
            picked[i] = picked[j];
            picked[j] = t;
        }
        return picked;
    }

    private static long between(SplittableRandom r, long from, long to) {
        return to > from ? from + r.nextLong(to - from) : from;
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String draw(SplittableRandom r, Map<String, Double> shares) {
        double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        double d = r.nextDouble() * sum;
        String last = null;
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            last = e.getKey();
            d -= e.getValue();
            if (d < 0) {
                return last;
            }
        }
        return last;
    }

    /** An open escalation: its state's steps lie before now, its due passed or after the quiet period. */
    private Plan open(SplittableRandom r, long sr) {
        Plan p = new Plan();
        p.sr = sr;
        p.open = true;
        p.region = draw(r, o.regions);
        p.state = draw(r, o.states);
        p.reason = pick(r, REASONS);
        p.requestedBy = pick(r, ASKERS);
        boolean overdue = r.nextDouble() < o.overdueShare;
        long span = switch (p.state) {
            case "REQUESTED" -> o.acceptanceMs;
            case "ACCEPTED" -> o.plansMs;
            default -> {
                p.everyHours = EVERY_HOURS[r.nextInt(EVERY_HOURS.length)];
                yield p.everyHours * HOUR;
            }
        };
        // the due, and the start of what is owed (the request, the acceptance, the last update or the activation)
        p.dueAt = overdue ? now - between(r, MINUTE, 3 * DAY) : now + between(r, o.quietMs, span + 1);
        long start = p.dueAt - span;
        switch (p.state) {
            case "REQUESTED" -> {
                p.dueKind = "ACCEPTANCE";
                p.requestedAt = start;
            }
            case "ACCEPTED" -> {
                p.dueKind = "PLANS";
                accepted(r, p, start);
                if (r.nextDouble() < o.plansShare) {
                    p.planTimes.add(between(r, start, Math.min(now, p.dueAt)));
                }
            }
            default -> {
                p.dueKind = "UPDATE";
                boolean updated = r.nextInt(5) != 0; // a fifth owe their first update
                p.activatedAt = updated ? start - between(r, 0, 20 * DAY) : start;
                accepted(r, p, p.activatedAt - between(r, 30 * MINUTE, o.plansMs));
                if (updated) {
                    p.lastUpdateAt = start;
                    p.lastUpdateDue = start - between(r, 0, 2 * HOUR); // given a little before it was due
                }
                p.planTimes.add(p.activatedAt - between(r, 0, 10 * MINUTE));
                for (int v = r.nextInt(3); v > 0; v--) {
                    p.planTimes.add(between(r, p.activatedAt, now));
                }
                p.planTimes.sort(Long::compare);
                p.channels = r.nextBoolean() ? "EMAIL,PHONE" : r.nextBoolean() ? "EMAIL" : "CONFERENCE_CALL,EMAIL";
                if (p.state.equals("TOO_SLOW")) {
                    p.tooSlowAt = between(r, p.activatedAt, now);
                    p.conferenceCallDue = true;
                }
            }
        }
        p.updatedAt = Stream.of(p.requestedAt, p.acceptedAt, p.lastUpdateAt, p.tooSlowAt, p.activatedAt)
                .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).max().orElseThrow();
        for (long t : p.planTimes) {
            p.updatedAt = Math.max(p.updatedAt, t);
        }
        p.text = r.split();
        return p;
    }

    private void accepted(SplittableRandom r, Plan p, long at) {
        p.acceptedAt = at;
        p.requestedAt = at - between(r, 5 * MINUTE, o.acceptanceMs);
        p.acceptedBy = p.region.equals("APJ") ? "rem1" : pick(r, REGIONAL);
        p.engineer = "escalation" + (1 + r.nextInt(o.engineers));
        p.resources = r.nextBoolean() ? "" : "Storage engineering on call; lab time booked";
    }

    /** A closed escalation: requested 30 to 365 days ago, de-escalated with the customer's agreement. */
    private Plan deEscalated(SplittableRandom r, long sr) {
        Plan p = new Plan();
        p.sr = sr;
        p.region = draw(r, o.regions);
        p.state = "DE_ESCALATED";
        p.reason = pick(r, REASONS);
        p.requestedBy = pick(r, ASKERS);
        p.everyHours = EVERY_HOURS[r.nextInt(EVERY_HOURS.length)];
        p.channels = "EMAIL,PHONE";
        long requested = now - between(r, 30 * DAY, 365 * DAY);
        accepted(r, p, requested + between(r, 5 * MINUTE, o.acceptanceMs));
        p.requestedAt = requested;
        p.activatedAt = p.acceptedAt + between(r, 30 * MINUTE, o.plansMs);
        p.planTimes.add(p.activatedAt);
        p.lastUpdateAt = p.activatedAt + between(r, HOUR, 5 * DAY);
        p.lastUpdateDue = p.lastUpdateAt;
        p.deEscalatedAt = p.lastUpdateAt + between(r, HOUR, 20 * DAY);
        p.updatedAt = p.deEscalatedAt;
        p.text = r.split();
        return p;
    }

    /** Writes the escalations in the order given; the rows of action plans, updates and history written. */
    private long[] write(Connection c, List<Plan> plans) throws SQLException {
        long planRows = 0;
        long updateRows = 0;
        long historyRows = 0;
        long t0 = System.nanoTime();
        try (PreparedStatement e = c.prepareStatement("INSERT INTO escalations (sr_number, open_sr, region, state,"
                + " reason, problem_statement_confirmed, business_impact_confirmed, workaround_unacceptable, milestones,"
                + " detail, requested_by, requested_at, escalation_engineer, resources, process_corrections,"
                + " action_plan_revision, comm_channels, comm_every_hours, comm_participants, last_update_at, due_kind,"
                + " due_at, watch_at, conference_call_due, too_slow_at, agreement_name, agreement_at, agreement_note,"
                + " de_escalated_at, updated_at) VALUES (?, ?, ?, ?, ?, TRUE, TRUE, TRUE, ?, ?, ?, ?, ?, ?, '', ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                PreparedStatement plan = c.prepareStatement("INSERT INTO escalation_action_plans (escalation_id,"
                        + " revision, text, written_by, written_by_name, written_at) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement update = c.prepareStatement("INSERT INTO escalation_updates (escalation_id, seq,"
                        + " given_at, given_by, given_by_name, channel, text, due_at, late) VALUES (?, 1, ?, ?, ?,"
                        + " 'EMAIL', ?, ?, FALSE)");
                PreparedStatement step = c.prepareStatement("INSERT INTO escalation_history (escalation_id, seq, happened_at,"
                        + " actor, actor_name, kind, summary, internal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (int i = 0; i < plans.size(); i++) {
                Plan p = plans.get(i);
                SplittableRandom r = p.text;
                LocalDate milestone = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate()
                        .plusDays(between(r, 7, 120));
                e.setLong(1, p.sr);
                if (p.open) {
                    e.setLong(2, p.sr);
                } else {
                    e.setNull(2, Types.BIGINT);
                }
                e.setString(3, p.region);
                e.setString(4, p.state);
                e.setString(5, p.reason);
                e.setString(6, "[{\"name\":\"" + pick(r, MILESTONES) + "\",\"date\":\"" + milestone + "\"}]");
                e.setString(7, pick(r, DETAIL) + " " + pick(r, DETAIL));
                e.setString(8, p.requestedBy);
                time(e, 9, p.requestedAt);
                e.setString(10, p.engineer);
                e.setString(11, p.resources);
                e.setInt(12, p.planTimes.size());
                e.setString(13, p.channels);
                if (p.everyHours == null || p.channels == null) {
                    e.setNull(14, Types.INTEGER);
                    e.setNull(15, Types.VARCHAR);
                } else {
                    e.setInt(14, p.everyHours);
                    e.setString(15, "[\"Customer CIO\",\"" + p.engineer + "\",\"Duty manager\"]");
                }
                time(e, 16, p.lastUpdateAt);
                e.setString(17, p.dueKind);
                time(e, 18, p.dueAt);
                time(e, 19, p.watched ? p.dueAt : null);
                e.setBoolean(20, p.conferenceCallDue);
                time(e, 21, p.tooSlowAt);
                if (p.deEscalatedAt == null) {
                    e.setNull(22, Types.VARCHAR);
                    time(e, 23, null);
                    e.setNull(24, Types.VARCHAR);
                } else {
                    e.setString(22, "Customer CIO");
                    time(e, 23, p.deEscalatedAt - HOUR);
                    e.setString(24, "agreed on the bridge call");
                }
                time(e, 25, p.deEscalatedAt);
                time(e, 26, p.updatedAt);
                e.executeUpdate();
                long id;
                try (ResultSet keys = e.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }

                for (int v = 0; v < p.planTimes.size(); v++) {
                    plan.setLong(1, id);
                    plan.setInt(2, v + 1);
                    StringBuilder text = new StringBuilder("Action plan revision ").append(v + 1).append('.');
                    for (int k = 2 + r.nextInt(4); k > 0; k--) {
                        text.append(' ').append(pick(r, PLAN));
                    }
                    plan.setString(3, text.toString());
                    plan.setString(4, p.engineer);
                    plan.setString(5, "Escalation engineer " + p.engineer.substring("escalation".length()));
                    time(plan, 6, p.planTimes.get(v));
                    plan.addBatch();
                    planRows++;
                }
                if (p.lastUpdateAt != null) {
                    update.setLong(1, id);
                    time(update, 2, p.lastUpdateAt);
                    update.setString(3, p.engineer);
                    update.setString(4, "Escalation engineer " + p.engineer.substring("escalation".length()));
                    update.setString(5, pick(r, UPDATES));
                    time(update, 6, p.lastUpdateDue);
                    update.addBatch();
                    updateRows++;
                }
                int seq = 0;
                seq = step(step, id, seq, p.requestedAt, p.requestedBy, "REQUESTED", "Escalation requested ("
                        + p.reason + ")", false);
                if (p.acceptedAt != null) {
                    seq = step(step, id, seq, p.acceptedAt, p.acceptedBy, "ACCEPTED", "Accepted; " + p.engineer
                            + " is the escalation engineer", false);
                }
                for (int v = 0; v < p.planTimes.size(); v++) {
                    seq = step(step, id, seq, p.planTimes.get(v), p.engineer, "ACTION_PLAN", "Action plan revision "
                            + (v + 1), false);
                }
                if (p.activatedAt != null) {
                    seq = step(step, id, seq, p.activatedAt, p.engineer, "COMMUNICATION_PLAN", "Communication plan: "
                            + p.channels + " every " + p.everyHours + " h", false);
                }
                if (p.lastUpdateAt != null) {
                    seq = step(step, id, seq, p.lastUpdateAt, p.engineer, "UPDATE", "Update by EMAIL", false);
                }
                if (p.tooSlowAt != null) {
                    seq = step(step, id, seq, p.tooSlowAt, p.requestedBy, "TOO_SLOW", "Too slow: no progress for a"
                            + " week; management told, a conference call of all parties is due", false);
                }
                if (p.open && p.dueAt < now && !p.watched) { // the overdue alert went out already
                    seq = step(step, id, seq, Math.min(now, p.dueAt + MINUTE), "system", "OVERDUE_" + p.dueKind,
                            "Overdue: " + p.dueKind + " was due at " + Instant.ofEpochMilli(p.dueAt), true);
                }
                if (p.deEscalatedAt != null) {
                    seq = step(step, id, seq, p.deEscalatedAt, p.engineer, "DE_ESCALATED", "De-escalated: action plan"
                            + " accepted, root cause confirmed; Customer CIO agreed", false);
                }
                historyRows += seq;

                if (++pending == COMMIT_EVERY || i == plans.size() - 1) {
                    plan.executeBatch();
                    update.executeBatch();
                    step.executeBatch();
                    c.commit();
                    pending = 0;
                    if ((i + 1) % 50_000 == 0) {
                        double s = (System.nanoTime() - t0) / 1e9;
                        System.out.printf("  seeded %d escalations in %.0f s (%.0f/s)%n", i + 1, s, (i + 1) / s);
                    }
                }
            }
        }
        c.commit();
        return new long[] {planRows, updateRows, historyRows};
    }

    private static int step(PreparedStatement s, long id, int seq, long at, String actor, String kind, String summary,
            boolean internal) throws SQLException {
        s.setLong(1, id);
        s.setInt(2, seq + 1);
        time(s, 3, at);
        s.setString(4, actor);
        s.setString(5, actor.equals("system") ? "Escalation watch" : actor);
        s.setString(6, kind);
        s.setString(7, summary);
        s.setBoolean(8, internal);
        s.addBatch();
        return seq + 1;
    }

    private static void time(PreparedStatement s, int index, Long epochMs) throws SQLException {
        if (epochMs == null) {
            s.setNull(index, Types.TIMESTAMP);
        } else {
            s.setTimestamp(index, new Timestamp(epochMs), UTC);
        }
    }

    /** The figures the script reads: counts per region, state and both; what each region's digest flags. */
    private void print(List<Plan> plans) {
        Map<String, Integer> regions = new TreeMap<>();
        Map<String, Integer> states = new TreeMap<>();
        Map<String, Integer> both = new TreeMap<>();
        Map<String, Integer> flagged = new TreeMap<>();
        int overdue = 0;
        int watched = 0;
        for (Plan p : plans) {
            if (!p.open) {
                continue;
            }
            regions.merge(p.region, 1, Integer::sum);
            states.merge(p.state, 1, Integer::sum);
            both.merge(p.region + "_" + p.state, 1, Integer::sum);
            overdue += p.dueAt < now ? 1 : 0;
            watched += p.watched ? 1 : 0;
            // Escalation.overdueAt: the due passed, or a conference call is due (TOO_SLOW)
            if (p.dueAt < now || p.conferenceCallDue) {
                flagged.merge(p.region, 1, Integer::sum);
            }
        }
        System.out.println("escalations_seeded_at=" + Instant.ofEpochMilli(now));
        System.out.println("escalations_open=" + o.count);
        System.out.println("escalations_de_escalated=" + o.deEscalated);
        System.out.println("escalations_overdue=" + overdue);
        System.out.println("escalations_watched=" + watched);
        System.out.println("escalations_quiet_minutes=" + o.quietMs / MINUTE);
        regions.forEach((k, v) -> System.out.println("escalations_region_" + k + "=" + v));
        states.forEach((k, v) -> System.out.println("escalations_state_" + k + "=" + v));
        both.forEach((k, v) -> System.out.println("escalations_region_state_" + k + "=" + v));
        flagged.forEach((k, v) -> System.out.println("escalations_flagged_" + k + "=" + v));
    }

    private static void requireSchema(Connection c) throws SQLException {
        for (String table : List.of("ESCALATIONS", "ESCALATION_ACTION_PLANS", "ESCALATION_UPDATES",
                "ESCALATION_HISTORY")) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
                if (!rs.next()) {
                    fail("the database has no table " + table + ": start the platform once with the sr-escalation"
                            + " bundle (its schema is created when the bundle starts)");
                }
            }
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void fail(String message) {
        System.err.println("SeedEscalations: " + message);
        System.exit(2);
    }

    // ---------------------------------------------------------------- options

    private static final String USAGE = """
            Usage: java -cp <derby, derbyshared, derbytools> bench/SeedEscalations.java --db DATA/db --count N [...]
              --db DIR             the database of a stopped platform that started once with the sr-escalation bundle
                                   (its tables) and holds at least N open SRs (bench/SeedRequests.java)
              --count N            open escalations, each of a different open SR without one (drawn evenly)
              --regions LIST       region shares in percent (default APJ=70,EMEA=20,AMER=10; rem1 is APJ's)
              --states LIST        state shares in percent, of REQUESTED, ACCEPTED, ACTIVE, TOO_SLOW (default
                                   REQUESTED=10,ACCEPTED=15,ACTIVE=65,TOO_SLOW=10)
              --overdue-share P    share whose due passed: up to 3 days ago, the alert told (default 0.2)
              --quiet-minutes M    no other due falls in the M minutes after seeding (default 60), so the counts hold
                                   while a bench runs; the others fall due within what the state allows after that
              --watched K          overdue ones whose watch_at stays (= due_at): the overdue watch's first pass alerts
                                   exactly them; every other watch_at is NULL (default 20)
              --plans-share S      share of the ACCEPTED ones with an action plan already (default 0.5); every ACTIVE
                                   and TOO_SLOW one has 1 to 3 revisions and a communication plan
              --de-escalated M     closed escalations (DE_ESCALATED, no due, open_sr NULL) of the same SRs (default 0)
              --engineers N        escalation engineers escalation1..escalationN (default 20; escalation1 is a demo user)
              --acceptance-hours H as acceptance.hours of org.srplatform.escalation (default 2)
              --plans-hours H      as plans.hours (default 8)
              --seed N             random seed (default 20261129)
              --help               this text
            """;

    /** The command line. */
    static final class Options {
        Path db;
        int count = -1;
        Map<String, Double> regions = shares("--regions", "APJ=70,EMEA=20,AMER=10", null);
        Map<String, Double> states = shares("--states", "REQUESTED=10,ACCEPTED=15,ACTIVE=65,TOO_SLOW=10",
                Set.of(STATES));
        double overdueShare = 0.2;
        long quietMs = 60 * MINUTE;
        long watched = 20;
        double plansShare = 0.5;
        int deEscalated = 0;
        int engineers = 20;
        long acceptanceMs = 2 * HOUR;
        long plansMs = 8 * HOUR;
        long seed = 20261129L;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                if (i + 1 >= args.length) {
                    fail(name + " needs a value (--help tells the options)");
                }
                String value = args[++i];
                switch (name) {
                    case "--db" -> o.db = Path.of(value).toAbsolutePath();
                    case "--count" -> o.count = (int) whole(name, value, 0, 50_000_000);
                    case "--regions" -> o.regions = shares(name, value, null);
                    case "--states" -> o.states = shares(name, value, Set.of(STATES));
                    case "--overdue-share" -> o.overdueShare = number(name, value, 0, 1);
                    case "--quiet-minutes" -> o.quietMs = whole(name, value, 0, 10_000) * MINUTE;
                    case "--watched" -> o.watched = whole(name, value, 0, Long.MAX_VALUE);
                    case "--plans-share" -> o.plansShare = number(name, value, 0, 1);
                    case "--de-escalated" -> o.deEscalated = (int) whole(name, value, 0, 50_000_000);
                    case "--engineers" -> o.engineers = (int) whole(name, value, 1, 100_000);
                    case "--acceptance-hours" -> o.acceptanceMs = Math.round(number(name, value, 0.01, 10_000) * HOUR);
                    case "--plans-hours" -> o.plansMs = Math.round(number(name, value, 0.01, 10_000) * HOUR);
                    case "--seed" -> o.seed = whole(name, value, 0, Long.MAX_VALUE);
                    default -> fail("unknown option " + name + " (--help tells the options)");
                }
            }
            if (o.db == null || o.count < 0) {
                fail("expected --db DIR --count N (--help tells the options)");
            }
            // a due that has not passed lies after the quiet period and within what its state allows
            long shortest = Math.min(Math.min(o.acceptanceMs, o.plansMs), EVERY_HOURS[0] * HOUR);
            if (o.overdueShare < 1 && shortest - o.quietMs < MINUTE) {
                fail("--quiet-minutes " + o.quietMs / MINUTE + " leaves no time for the shortest span a state owes ("
                        + shortest / MINUTE + " minutes): shorten it");
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

        private static double number(String name, String value, double min, double max) {
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

        private static Map<String, Double> shares(String name, String value, Set<String> allowed) {
            Map<String, Double> shares = new LinkedHashMap<>();
            for (String part : value.split(",")) {
                String[] kv = part.split("=");
                String key = kv[0].trim().toUpperCase(Locale.ROOT);
                if (kv.length != 2 || key.isEmpty() || key.length() > 16 || allowed != null && !allowed.contains(key)) {
                    fail(name + " takes NAME=PERCENT pairs" + (allowed == null ? "" : " of " + Arrays.toString(STATES))
                            + ", not '" + part + "'");
                }
                shares.merge(key, number(name + " " + key, kv[1], 0, 1e9), Double::sum);
            }
            if (shares.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                fail(name + " must give some share above 0");
            }
            return shares;
        }
    }
}
