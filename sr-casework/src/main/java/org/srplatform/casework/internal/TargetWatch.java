package org.srplatform.casework.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.srplatform.spi.store.JobLeases;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.casework.internal.ClockTable.StoredClock;
import org.srplatform.casework.internal.clock.SlaClock;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.request.SupportRequestUpdate;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.Transactions;

/**
 * Looks for targets at risk (the configured share of their time used) and breached, and tells the assignee
 * and the duty managers through the outbox, once per target: the SR's lock serialises watchers (threads or
 * nodes), the clock row remembers what was told, and the alert's key refuses a second one. Also closes
 * resolved SRs whose customer did not answer in time. Runs every {@code watch.interval.seconds}.
 */
@Component(service = TargetWatch.class, immediate = true /* it runs on its own */, configurationPid = CaseworkConfig.PID,
        property = {
        "sr.feature=casework",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=casework)))" })
public final class TargetWatch {
    private static final Logger LOG = LoggerFactory.getLogger(TargetWatch.class);
    static final int BATCH = 200;
    static final Actor WATCH = new Actor("casework", "SLA target watch");

    private final Transactions transactions;
    private final SupportRequestRepository requests;
    private final UserDirectory users;
    private final CustomerMessages messages;
    private final Clock clock;
    private final double closeDays;
    private final ScheduledExecutorService timer;
    /** One node at a time runs the watch when several share the database. */
    private final JobLeases leases;
    private final int every;
    static final String JOB = "casework.target-watch";

    @Activate
    public TargetWatch(@Reference Transactions transactions, @Reference SupportRequestRepository requests,
            @Reference UserDirectory users, @Reference AccountRepository accounts,
            @Reference org.srplatform.spi.catalog.CatalogRepository catalog,
            @Reference JobLeases leases, CaseworkConfig config) {
        this(transactions, requests, users, accounts, catalog, config, Clock.tick(Clock.systemUTC(),
                java.time.Duration.ofMillis(1)), true, leases);
    }

    TargetWatch(Transactions transactions, SupportRequestRepository requests, UserDirectory users,
            AccountRepository accounts, org.srplatform.spi.catalog.CatalogRepository catalog, CaseworkConfig config,
            Clock clock, boolean scheduled) {
        this(transactions, requests, users, accounts, catalog, config, clock, scheduled, JobLeases.alone());
    }

    TargetWatch(Transactions transactions, SupportRequestRepository requests, UserDirectory users,
            AccountRepository accounts, org.srplatform.spi.catalog.CatalogRepository catalog, CaseworkConfig config,
            Clock clock, boolean scheduled, JobLeases leases) {
        this.transactions = transactions;
        this.leases = leases;
        this.every = Math.max(1, config.watch_interval_seconds());
        this.requests = requests;
        this.users = users;
        this.messages = new CustomerMessages(accounts);
        this.clock = clock;
        this.closeDays = config.resolved_close_days();
        if (scheduled) {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sr-casework-target-watch");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.SECONDS);
        } else {
            this.timer = null;
        }
    }

    @Deactivate
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                leases.release(JOB);
            } catch (RuntimeException e) {
                LOG.debug("Could not give up the lease of {}; it runs out by itself", JOB, e);
            }
        }
    }

    /** What one pass did. */
    record Pass(int alerts, int closed) {
    }

    private void runSafely() {
        try {
            if (!leases.hold(JOB, java.time.Duration.ofSeconds(Math.max(30, 3L * every)))) {
                return; // another node runs it
            }
            long start = System.nanoTime();
            Pass pass = runOnce();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (pass.alerts() + pass.closed() > 0) {
                LOG.info("SLA target watch: {} alerts raised, {} resolved SRs closed in {} ms", pass.alerts(),
                        pass.closed(), ms);
            } else {
                LOG.debug("SLA target watch: nothing due ({} ms)", ms);
            }
        } catch (RuntimeException e) {
            LOG.warn("SLA target watch failed; it runs again at its next interval", e);
        }
    }

    /** One pass over every clock whose time has come, and every resolution due to close. */
    Pass runOnce() {
        Instant now = clock.instant();
        int alerts = 0;
        while (true) {
            List<SrNumber> due = transactions.read(tx -> ClockTable.due(tx.connection(), now, BATCH,
                    limit(tx.dialect(), ClockTable.DUE_SQL)));
            int before = alerts;
            for (SrNumber number : due) {
                alerts += watch(number, now);
            }
            if (due.size() < BATCH || alerts == before) {
                break; // a full batch that raised nothing would come back the same
            }
        }
        for (SrNumber number : transactions.read(tx -> numbers(tx.connection(), tx.dialect(), now,
                "SELECT sr_number FROM casework_resolutions WHERE warn_at <= ? AND warned = FALSE ORDER BY warn_at"))) {
            warn(number, now);
        }
        int closed = 0;
        for (SrNumber number : transactions.read(tx -> numbers(tx.connection(), tx.dialect(), now,
                "SELECT sr_number FROM casework_resolutions WHERE closes_at <= ? ORDER BY closes_at"))) {
            closed += close(number, now) ? 1 : 0;
        }
        return new Pass(alerts, closed);
    }

    private int watch(SrNumber number, Instant now) {
        try {
            return transactions.inTransaction(tx -> {
                SupportRequest sr = tx.lockRequest(number); // watchers of one SR take turns
                Connection c = tx.connection();
                int raised = 0;
                List<TimelineEntry> entries = new ArrayList<>();
                for (StoredClock stored : ClockTable.of(c, number)) {
                    StoredClock next = stored;
                    SlaClock k = stored.clock();
                    if (!k.running()) {
                        if (stored.watchAt().isEmpty()) {
                            ClockTable.save(c, stored); // clears a stale watch time
                        }
                        continue;
                    }
                    if (!next.atRiskTold() && !now.isBefore(k.atRiskAt())) {
                        if (!k.breachedAt(now) && raise(c, sr, k, "AT_RISK", now, entries)) {
                            raised++;
                        }
                        next = new StoredClock(number, k, true, next.breachTold());
                    }
                    if (!next.breachTold() && k.breachedAt(now)) {
                        if (raise(c, sr, k, "BREACHED", now, entries)) {
                            raised++;
                        }
                        next = new StoredClock(number, k, true, true);
                    }
                    ClockTable.save(c, next);
                }
                if (!entries.isEmpty()) {
                    tx.appendTimeline(number, entries);
                    List<User> staff = new ArrayList<>();
                    sr.assignee().flatMap(users::find).ifPresent(staff::add);
                    users.withRole(Role.DUTY_MANAGER).stream().filter(u -> !staff.contains(u)).forEach(staff::add);
                    for (TimelineEntry e : entries) {
                        tx.enqueue(messages.toStaff(sr, staff, "TARGET_" + e.details().get("alert"), e.details(), now));
                    }
                }
                return raised;
            });
        } catch (NotFoundException e) {
            return 0;
        }
    }

    /** Records one alert; false when it was raised before (by another watcher, before a restart). */
    private static boolean raise(Connection c, SupportRequest sr, SlaClock k, String kind, Instant now,
            List<TimelineEntry> entries) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO casework_alerts (sr_number, clock, started_at, kind,"
                + " due_at, raised_at) SELECT ?, ?, ?, ?, ?, ? FROM casework_clocks WHERE sr_number = ? AND clock = ?"
                + " AND NOT EXISTS (SELECT 1 FROM casework_alerts a WHERE a.sr_number = ? AND a.clock = ?"
                + " AND a.started_at = ? AND a.kind = ?)")) {
            int inserted = Sql.bindAll(s, sr.number().value(), k.kind().name(), k.startedAt(), kind, k.dueAt(), now,
                    sr.number().value(), k.kind().name(), sr.number().value(), k.kind().name(), k.startedAt(), kind)
                    .executeUpdate();
            if (inserted == 0) {
                return false;
            }
        }
        String target = k.kind() == SlaClock.Kind.FIRST_RESPONSE ? "first-response" : "next-update";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("alert", kind);
        details.put("clock", k.kind().name());
        details.put("dueAt", k.dueAt().toString());
        details.put("assignee", sr.assignee().orElse(""));
        entries.add(new TimelineEntry(now, WATCH, "TARGET_" + kind, "The " + target + " target "
                + (kind.equals("AT_RISK") ? "is at risk" : "was missed") + " (due " + k.dueAt() + ")", details, true));
        return true;
    }

    /** Tells the customer, once, that their resolved SR closes soon unless they answer. */
    private void warn(SrNumber number, Instant now) {
        try {
            transactions.inTransaction(tx -> {
                SupportRequest sr = tx.lockRequest(number);
                Instant closesAt;
                try (PreparedStatement s = tx.connection().prepareStatement(
                        "SELECT closes_at FROM casework_resolutions WHERE sr_number = ? AND warned = FALSE")) {
                    try (ResultSet rs = Sql.bindAll(s, number.value()).executeQuery()) {
                        if (!rs.next()) {
                            return null; // warned by another watcher, or no longer resolved
                        }
                        closesAt = Sql.instant(rs, "closes_at");
                    }
                }
                try (PreparedStatement s = tx.connection().prepareStatement(
                        "UPDATE casework_resolutions SET warned = TRUE WHERE sr_number = ?")) {
                    Sql.bindAll(s, number.value()).executeUpdate();
                }
                if (sr.status() == SrStatus.RESOLVED) {
                    messages.toCustomer(sr, "AUTO_CLOSE_WARNING", Map.of("closesAt", closesAt.toString()), now)
                            .ifPresent(m -> tx.enqueue(List.of(m)));
                }
                return null;
            });
        } catch (NotFoundException e) {
            // the SR is gone: nothing to warn about
        }
    }

    private static List<SrNumber> numbers(Connection c, Dialect dialect, Instant now, String query) throws SQLException {
        Set<SrNumber> numbers = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement(limit(dialect, query))) {
            try (ResultSet rs = Sql.bindAll(s, now, BATCH * 5).executeQuery()) {
                while (rs.next()) {
                    numbers.add(new SrNumber(rs.getLong(1)));
                }
            }
        }
        return List.copyOf(numbers);
    }

    /** Closes a resolved SR whose customer did not answer; the participant drops its resolution. */
    private boolean close(SrNumber number, Instant now) {
        boolean[] closed = {false};
        try {
            requests.update(number, current -> {
                if (current.status() != SrStatus.RESOLVED) {
                    throw new ConflictException("SR " + number + " is " + current.status()); // only its row goes
                }
                closed[0] = true;
                return new SupportRequestUpdate(current.withStatus(SrStatus.CLOSED, now), List.of(TimelineEntry.of(now,
                        WATCH, "STATUS_CHANGED", "RESOLVED → CLOSED", Map.of("from", "RESOLVED", "to", "CLOSED",
                                "reason", "no reply from the customer within " + closeDays + " days of the resolution"))),
                        List.of());
            });
        } catch (NotFoundException | ConflictException e) {
            // unknown, or reopened or closed meanwhile: the resolution row is stale
        }
        if (!closed[0]) {
            transactions.inTransaction(tx -> {
                try (PreparedStatement s = tx.connection().prepareStatement(
                        "DELETE FROM casework_resolutions WHERE sr_number = ?")) {
                    Sql.bindAll(s, number.value()).executeUpdate();
                }
                return null;
            });
        }
        return closed[0];
    }

    private static String limit(Dialect dialect, String sql) {
        return dialect.limit(sql);
    }
}
