package org.srplatform.collaboration.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.partner.CollaborationRequest;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerConnector;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerNote;
import org.srplatform.spi.outbox.Backoff;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxEntry;

/**
 * Makes the calls to partners that collaborations queued in the outbox ({@code partner:<connector>}), on its
 * own thread, never in a user's request: each claimed for a lease (one node, one thread at a time), retried
 * with back-off while the partner is down or slow, given up after {@code give.up.hours}; a call the partner
 * refuses is not retried. A connector that is not installed now keeps its calls waiting until it is back.
 * Between calls it asks each open collaboration's partner for news every {@code follow.seconds}.
 */
@Component(service = PartnerDispatcher.class, immediate = true /* it runs on its own */,
        configurationPid = CollaborationConfig.PID, property = {
        "sr.feature=collaborations",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=collaborations)))"})
public final class PartnerDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerDispatcher.class);
    static final int BATCH = 10;

    private final Outbox outbox;
    private final Connectors connectors;
    private final Collaborations collaborations;
    private final CollaborationRows rows;
    private final Backoff backoff;
    private final Duration lease;
    private final Duration follow;
    private final long pollMillis;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;
    private volatile boolean running = true;

    @Activate
    public PartnerDispatcher(@Reference Outbox outbox, @Reference Connectors connectors,
            @Reference Collaborations collaborations, CollaborationConfig config) {
        this(outbox, connectors, collaborations, config, Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)), true);
    }

    PartnerDispatcher(Outbox outbox, Connectors connectors, Collaborations collaborations, CollaborationConfig config,
            Clock clock, boolean start) {
        this.outbox = outbox;
        this.connectors = connectors;
        this.collaborations = collaborations;
        this.rows = collaborations.rows();
        Duration first = Duration.ofSeconds(Math.max(1, config.retry_first_seconds()));
        Duration max = Duration.ofSeconds(Math.max(config.retry_first_seconds(), config.retry_max_seconds()));
        this.backoff = new Backoff(first, max.compareTo(first) < 0 ? first : max,
                Duration.ofMillis(Math.round(config.give_up_hours() * 3_600_000)));
        this.lease = Duration.ofSeconds(Math.max(5, config.lease_seconds()));
        this.follow = Duration.ofSeconds(Math.max(1, config.follow_seconds()));
        this.pollMillis = Math.max(50, config.dispatch_poll_millis());
        this.clock = clock;
        if (start) {
            thread = new Thread(this::run, "sr-partner-dispatcher");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private void run() {
        while (running) {
            try {
                dispatchOnce();
                followOnce();
                collaborations.warnPastRespondBy(clock.instant());
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("The partner dispatcher failed a round; it goes on", e);
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Makes every due call of every installed connector; how many it made. */
    int dispatchOnce() {
        int done = 0;
        for (PartnerConnector connector : connectors.all()) {
            List<OutboxEntry> claimed;
            do {
                claimed = outbox.claim(Collaborations.TYPE_PREFIX + connector.id(), clock.instant(), BATCH, lease);
                for (OutboxEntry entry : claimed) {
                    handle(connector, entry);
                    done++;
                }
            } while (claimed.size() == BATCH && running);
        }
        return done;
    }

    private void handle(PartnerConnector connector, OutboxEntry entry) {
        Collaborations.Call call;
        long id;
        int seq;
        String text;
        try {
            JsonNode payload = json.readTree(entry.message().payload());
            call = Collaborations.Call.valueOf(payload.path("call").asText());
            id = payload.path("collaboration").asLong();
            seq = payload.path("seq").asInt();
            text = payload.path("text").asText("");
        } catch (IOException | IllegalArgumentException e) {
            outbox.markFailed(entry.id(), "not a partner call this platform wrote: " + e.getMessage(), null);
            return;
        }
        Optional<Collaboration> found = collaborations.transactions().read(tx -> rows.find(tx.connection(), id));
        if (found.isEmpty()) {
            outbox.markFailed(entry.id(), "collaboration " + id + " does not exist", null);
            return;
        }
        Collaboration co = found.get();
        try {
            PartnerCase result = perform(connector, call, co, seq, text);
            Instant now = clock.instant();
            collaborations.transactions().inTransaction(tx -> {
                if (tx.markSent(entry.id(), now)) { // false: another dispatcher took it when our lease ran out
                    collaborations.apply(tx, id, result, now);
                    if (call == Collaborations.Call.NOTE || call == Collaborations.Call.ANSWER) {
                        rows.markNoteSent(tx.connection(), id, seq);
                    }
                }
                return null;
            });
        } catch (PartnerException e) {
            failed(entry, call, id, e.getMessage(), e.isTransient());
        } catch (RuntimeException e) {
            LOG.warn("Partner connector {} failed on {} of collaboration {}", connector.id(), call, id, e);
            failed(entry, call, id, connector.id() + " failed: " + e, true);
        }
    }

    private PartnerCase perform(PartnerConnector connector, Collaborations.Call call, Collaboration co, int seq,
            String text) throws PartnerException {
        String correlation = "C" + co.id();
        if (call == Collaborations.Call.OPEN) {
            return connector.open(correlation, new CollaborationRequest(co.request(), co.partner(), co.summary(),
                    co.priority(), co.requestedBy(), co.detail(), co.consent(), co.fields()));
        }
        String external = co.externalId().orElseThrow(() -> new PartnerException("collaboration " + co.id()
                + " is not open at " + co.partner() + " yet", co.state() != org.srplatform.api.partner
                .CollaborationState.FAILED, null));
        return switch (call) {
            case NOTE -> connector.addNote(external, correlation + "-N" + seq, new PartnerNote(clock.instant(),
                    co.requestedBy(), text));
            case ANSWER -> connector.answer(external, correlation + "-A" + seq, text);
            case CLOSE -> connector.close(external, text);
            default -> throw new IllegalStateException(call.name());
        };
    }

    private void failed(OutboxEntry entry, Collaborations.Call call, long id, String error, boolean transientFailure) {
        Instant now = clock.instant();
        Optional<Instant> retryAt = transientFailure
                ? backoff.retryAt(entry.attempts(), now, () -> ThreadLocalRandom.current().nextDouble())
                : Optional.empty();
        outbox.markFailed(entry.id(), error, retryAt.orElse(null));
        collaborations.transactions().inTransaction(tx -> {
            collaborations.failed(tx, id, call, error, retryAt.isEmpty(), now);
            return null;
        });
    }

    /** Asks each open collaboration's partner, whose time came, for news; how many it asked. */
    int followOnce() {
        Instant now = clock.instant();
        List<Collaboration> due = collaborations.transactions().read(tx -> rows.dueToFollow(tx.connection(),
                tx.dialect(), now, 50));
        int asked = 0;
        for (Collaboration co : due) {
            Optional<PartnerConnector> connector = connectors.find(co.connector());
            if (connector.isEmpty() || co.externalId().isEmpty()) {
                continue; // asked again when its connector is back; its follow_at stays due
            }
            asked++;
            try {
                PartnerCase news = connector.get().follow(co.externalId().get());
                collaborations.transactions().inTransaction(tx -> collaborations.apply(tx, co.id(), news,
                        clock.instant()));
            } catch (PartnerException e) {
                // A partner that cannot be followed (a vendor reached by e-mail) is not asked again: staff enter
                // its answers. One that is down is asked again at the next interval.
                LOG.debug("Following collaboration {} at {} failed: {}", co.id(), co.connector(), e.toString());
                Optional<Instant> next = e.isTransient() ? Optional.of(clock.instant().plus(follow)) : Optional.empty();
                collaborations.transactions().inTransaction(tx -> {
                    rows.reschedule(tx.connection(), co.id(), next.orElse(null));
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("Following collaboration {} at {} failed", co.id(), co.connector(), e);
                collaborations.transactions().inTransaction(tx -> {
                    rows.reschedule(tx.connection(), co.id(), clock.instant().plus(follow));
                    return null;
                });
            }
        }
        return asked;
    }
}
