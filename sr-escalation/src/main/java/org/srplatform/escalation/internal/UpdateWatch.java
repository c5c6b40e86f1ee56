package org.srplatform.escalation.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import org.srplatform.api.common.Page;
import org.srplatform.api.escalation.Escalation;
import org.srplatform.api.escalation.EscalationDue;
import org.srplatform.api.escalation.EscalationQuery;
import org.srplatform.api.escalation.EscalationStep;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.Transactions;

/**
 * Looks after escalations between steps: tells the escalation engineer and the region's managers once when
 * what is owed (acceptance, plans, an update) falls due, and sends each region's managers the daily review at
 * {@code digest.hour}. Both are exactly once, after restarts too: an alert clears the escalation's
 * {@code watch_at} in its transaction, a digest claims its region and day.
 */
@Component(service = UpdateWatch.class, immediate = true /* it runs on its own */,
        configurationPid = EscalationConfig.PID, property = {
        "sr.feature=escalation",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=escalation)))"})
public final class UpdateWatch {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateWatch.class);
    static final Actor WATCH = new Actor("system", "Escalation watch");
    /** Escalations alerted per transaction: a backlog is worked through in bounded steps. */
    static final int BATCH = 50;

    private final Transactions transactions;
    private final Escalations escalations;
    private final UserDirectory users;
    private final EscalationRows rows;
    private final int digestHour;
    private final ZoneId digestZone;
    private final int digestLines;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    /** One node at a time tells what is overdue and sends the digests when several share the database. */
    private final JobLeases leases;
    private final int every;
    static final String JOB = "escalation.watch";

    @Activate
    public UpdateWatch(@Reference Transactions transactions, @Reference Escalations escalations,
            @Reference UserDirectory users, @Reference JobLeases leases, EscalationConfig config) {
        this(transactions, escalations, users, config, Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)), true,
                leases);
    }

    UpdateWatch(Transactions transactions, Escalations escalations, UserDirectory users, EscalationConfig config,
            Clock clock, boolean scheduled) {
        this(transactions, escalations, users, config, clock, scheduled, JobLeases.alone());
    }

    UpdateWatch(Transactions transactions, Escalations escalations, UserDirectory users, EscalationConfig config,
            Clock clock, boolean scheduled, JobLeases leases) {
        this.transactions = transactions;
        this.leases = leases;
        this.every = Math.max(1, config.watch_interval_seconds());
        this.escalations = escalations;
        this.users = users;
        this.rows = escalations.rows();
        this.digestHour = config.digest_hour();
        this.digestZone = zone(config.digest_zone());
        this.digestLines = Math.max(1, config.digest_lines());
        this.clock = clock;
        if (scheduled) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sr-escalation-watch");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::runSafely, 1, every, TimeUnit.SECONDS);
        } else {
            timer = null;
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

    private void runSafely() {
        try {
            if (!leases.hold(JOB, Duration.ofSeconds(Math.max(30, 3L * every)))) {
                return; // another node runs it
            }
            long start = System.nanoTime();
            int alerts = alertOverdue();
            int digests = sendDigests();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (alerts + digests > 0) {
                LOG.info("Escalation watch: {} overdue alerts, {} digests in {} ms", alerts, digests, ms);
            }
        } catch (RuntimeException e) {
            LOG.warn("The escalation watch failed; it runs again at its next interval", e);
        }
    }

    /** Tells, once per due, about every escalation whose due passed; how many it told about. */
    int alertOverdue() {
        int told = 0;
        while (true) {
            Instant now = clock.instant();
            int done = transactions.inTransaction(tx -> {
                int n = 0;
                for (EscalationRows.Stored due : rows.watchDue(tx.connection(), tx.dialect(), now, BATCH)) {
                    tx.lockRequest(due.escalation().request());
                    // As it is now that its SR is locked: a step may have moved or met the due meanwhile.
                    Optional<EscalationRows.Stored> current = rows.find(tx.connection(), due.id())
                            .filter(s -> s.watchAt().filter(at -> !at.isAfter(now)).isPresent());
                    if (current.isPresent()) {
                        alert(tx, current.get(), now);
                        n++;
                    }
                }
                return n;
            });
            told += done;
            if (done < BATCH) {
                return told;
            }
        }
    }

    private void alert(Transaction tx, EscalationRows.Stored stored, Instant now) throws SQLException {
        EscalationDraft d = new EscalationDraft(stored);
        d.watchAt = Optional.empty();
        EscalationRows.Stored next = d.build(stored.escalation().updatedAt());
        rows.update(tx.connection(), next);
        Escalation e = next.escalation();
        EscalationDue due = e.due().orElseThrow();
        String what = switch (due.kind()) {
            case ACCEPTANCE -> "acceptance by a regional escalation manager";
            case PLANS -> "the action plan and the communication plan";
            case UPDATE -> "the next update to the customer";
        };
        String summary = "Overdue: " + what + " was due at " + due.at();
        rows.addStep(tx.connection(), stored.id(), new EscalationStep(now, WATCH, "OVERDUE_" + due.kind(), summary,
                true));
        tx.appendTimeline(e.request(), List.of(new TimelineEntry(now, WATCH, "ESCALATION_OVERDUE", summary,
                Map.of("escalation", e.id(), "due", due.kind().name(), "dueAt", due.at().toString()), true)));
        List<User> told = new ArrayList<>(escalations.regionalManagers(e.region()));
        e.escalationEngineer().flatMap(users::find).ifPresent(told::add);
        if (told.isEmpty()) {
            told.addAll(users.withRole(Role.DUTY_MANAGER));
        }
        tx.enqueue(escalations.messages().toStaff(e, told, "ESCALATION_OVERDUE", Map.of("due", what,
                "dueAt", due.at().toString()), now));
    }

    /** Sends each region's daily review once its hour came today; how many regions it sent. */
    int sendDigests() {
        if (digestHour < 0) {
            return 0;
        }
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(digestZone);
        if (local.getHour() < digestHour) {
            return 0;
        }
        LocalDate day = local.toLocalDate();
        // The regions whose managers read a digest (regions and managers are data: the users' regions).
        Set<String> regions = new TreeSet<>();
        users.withRole(Role.REGIONAL_ESCALATION_MANAGER).forEach(u -> u.region().ifPresent(regions::add));
        int sent = 0;
        for (String region : regions) {
            if (sendDigest(region, day, now)) {
                sent++;
            }
        }
        return sent;
    }

    /** One region's digest for a day, unless it went out already or the region has no open escalation. */
    boolean sendDigest(String region, LocalDate day, Instant now) {
        List<User> managers = escalations.regionalManagers(region);
        if (managers.isEmpty()) {
            return false; // no one to read it; the daily review lists these escalations for every member of staff
        }
        return transactions.inTransaction(tx -> {
            // Checked before anything is read: every pass after the hour comes here, and the digest is sent once.
            if (rows.digestSent(tx.connection(), region, day) || !rows.hasOpen(tx.connection(), tx.dialect(), region)) {
                return false;
            }
            Digest digest = digest(tx, region, now);
            if (!rows.claimDigest(tx.connection(), region, day, now, digest.total())) {
                return false;
            }
            for (User manager : managers) {
                tx.enqueue(List.of(escalations.messages().digest(manager, Map.of("region", region, "day",
                        day.toString(), "total", Integer.toString(digest.total()), "overdue",
                        Integer.toString(digest.overdue()), "list", digest.text()), now)));
            }
            return true;
        });
    }

    /** A region's open escalations as the daily review lists them, overdue (owed soonest) first. */
    record Digest(int total, int overdue, String text) {
    }

    /** The counts from the index, the first {@code digest.lines} escalations listed: one page, not the region. */
    Digest digest(Transaction tx, String region, Instant now) throws SQLException {
        int[] counts = rows.openAndOverdue(tx.connection(), region, now);
        StringBuilder text = new StringBuilder();
        Page<Escalation> page = rows.review(tx.connection(), tx.dialect(),
                new EscalationQuery(Optional.empty(), Optional.of(region)), Optional.empty(), digestLines);
        for (Escalation e : page.items()) {
            List<String> flags = e.overdueAt(now);
            text.append("- ").append(e.id()).append(" SR ").append(e.request()).append(' ').append(e.state())
                    .append(", ").append(e.asked().reason()).append(", engineer ")
                    .append(e.escalationEngineer().orElse("-")).append(", due ")
                    .append(e.due().map(d -> d.kind() + " " + d.at()).orElse("-"))
                    .append(flags.isEmpty() ? "" : " OVERDUE " + flags).append('\n');
        }
        if (counts[0] > page.items().size()) {
            text.append("… and ").append(counts[0] - page.items().size()).append(" more: GET /api/v1/escalations?region=")
                    .append(region).append('\n');
        }
        return new Digest(counts[0], counts[1], text.toString());
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            LOG.warn("digest.zone '{}' of {} is not a time zone; UTC applies", id, EscalationConfig.PID);
            return ZoneId.of("UTC");
        }
    }
}
