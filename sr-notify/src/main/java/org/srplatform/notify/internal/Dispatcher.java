package org.srplatform.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.common.Actor;
import org.srplatform.api.event.SupportRequestEvents;
import org.srplatform.api.notify.Delivery;
import org.srplatform.api.notify.DeliveryException;
import org.srplatform.api.notify.Notification;
import org.srplatform.api.notify.NotificationChannel;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.outbox.Backoff;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Transactions;

/**
 * Drains the outbox: threads claim due notifications for a lease (so two threads or nodes never send one
 * at once), compose each from its template, hand it to every channel that accepts it, and record the
 * delivery with its timeline entry in one transaction. A failure is retried with back-off and jitter until
 * the configured time is used, then the message is DEAD for an operator; a message no retry can send (no
 * template, an address the server refuses) is DEAD at once. A new SR wakes the threads, so its confirmation
 * leaves at once rather than at the next poll.
 */
@Designate(ocd = NotifyConfig.class)
@Component(service = EventHandler.class, immediate = true, configurationPid = NotifyConfig.PID, property = {
        EventConstants.EVENT_TOPIC + "=" + SupportRequestEvents.CREATED,
        "sr.feature=notifications",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=notifications)))" })
public final class Dispatcher implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final String TYPE = "notification";
    static final Actor DISPATCHER = new Actor("notifications", "Notifications");

    private final Outbox outbox;
    private final Transactions transactions;
    private final MessageComposer composer;
    private final Backoff backoff;
    private final Clock clock;
    private final int batch;
    private final Duration lease;
    private final long pollMillis;
    private final List<Thread> threads = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private volatile boolean running = true;
    private volatile boolean woken;

    /** Channels come and go (a partner's bundle, the e-mail settings); each message sees those there now. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<NotificationChannel> channels = List.of();

    @Activate
    public Dispatcher(@Reference Outbox outbox, @Reference Transactions transactions,
            @Reference SupportRequestRepository requests, @Reference AccountRepository accounts,
            @Reference UserDirectory users, @Reference TemplateService templates, NotifyConfig config) {
        this(outbox, transactions, new MessageComposer(requests, accounts, users, templates::library),
                backoff(config), Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)) /* API times in ms */, config);
        for (int i = 0; i < Math.max(1, config.dispatcher_threads()); i++) {
            Thread t = new Thread(this::run, "sr-notify-dispatcher-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Without threads: tests call {@link #dispatchOnce()}. */
    Dispatcher(Outbox outbox, Transactions transactions, MessageComposer composer, Backoff backoff, Clock clock,
            NotifyConfig config) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.composer = composer;
        this.backoff = backoff;
        this.clock = clock;
        this.batch = Math.max(1, config.claim_batch());
        this.lease = Duration.ofSeconds(Math.max(10, config.lease_seconds()));
        this.pollMillis = Math.max(50, config.poll_millis());
    }

    static Backoff backoff(NotifyConfig config) {
        Duration first = Duration.ofSeconds(Math.max(1, config.retry_first_seconds()));
        Duration max = Duration.ofSeconds(Math.max(config.retry_first_seconds(), config.retry_max_seconds()));
        return new Backoff(first, max, Duration.ofMillis(Math.round(config.give_up_hours() * 3_600_000)));
    }

    void setChannels(List<NotificationChannel> now) {
        this.channels = List.copyOf(now);
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            t.join(5_000);
        }
    }

    @Override
    public void handleEvent(Event event) {
        lock.lock();
        try {
            woken = true;
            work.signal(); // one thread per new SR: waking all made each SR cost every thread a claim
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                // A short batch means the outbox had no more due: wait for a new SR or the next poll.
                if (dispatchOnce() < batch) {
                    idle();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("The notification dispatcher failed a round; it goes on", e);
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void idle() throws InterruptedException {
        lock.lock();
        try {
            if (!woken) {
                work.await(pollMillis, TimeUnit.MILLISECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    /** Claims and handles one batch; how many messages it handled. */
    int dispatchOnce() {
        List<OutboxEntry> claimed = outbox.claim(TYPE, clock.instant(), batch, lease);
        for (OutboxEntry entry : claimed) {
            handle(entry);
        }
        return claimed.size();
    }

    private void handle(OutboxEntry entry) {
        MessageComposer.Composed composed;
        try {
            composed = composer.compose(entry);
        } catch (MessageComposer.Unsendable e) {
            dead(entry, e.getMessage());
            return;
        } catch (RuntimeException e) {
            retry(entry, "could not compose the message: " + e);
            return;
        }
        Notification n = composed.notification();
        List<NotificationChannel> accepting = channels.stream().filter(c -> accepts(c, n)).toList();
        if (accepting.isEmpty()) {
            retry(entry, channels.isEmpty() ? "no notification channel is installed: configure e-mail in"
                    + " etc/org.srplatform.notify.email.cfg" : "no channel accepts it (the recipient has no address"
                    + " on any installed channel)");
            return;
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (NotificationChannel channel : accepting) {
            try {
                deliveries.add(channel.deliver(n)); // channels drop repeats of an id, so all are tried again on failure
            } catch (DeliveryException e) {
                String reason = channel.id() + ": " + e.getMessage();
                if (e.isTransient()) {
                    retry(entry, reason);
                } else {
                    dead(entry, reason);
                }
                return;
            } catch (RuntimeException e) {
                retry(entry, channel.id() + " failed: " + e);
                return;
            }
        }
        recordSent(entry, composed, deliveries);
    }

    private static boolean accepts(NotificationChannel channel, Notification n) {
        try {
            return channel.accepts(n);
        } catch (RuntimeException e) {
            LOG.warn("Channel {} failed to say whether it accepts a message", channel.id(), e);
            return false;
        }
    }

    private void recordSent(OutboxEntry entry, MessageComposer.Composed composed, List<Delivery> deliveries) {
        Instant now = clock.instant();
        Notification n = composed.notification();
        String channelNames = String.join(", ", deliveries.stream().map(Delivery::channel).toList());
        String to = n.recipient().email().orElse(n.recipient().name());
        transactions.inTransaction(tx -> {
            if (!tx.markSent(entry.id(), now)) {
                return null; // its lease ran out and another dispatcher has it: that one records it
            }
            n.request().ifPresent(number -> tx.appendTimeline(number, List.of(new TimelineEntry(now, DISPATCHER,
                    "NOTIFICATION_SENT", n.kind() + " sent to " + to + " (" + channelNames + ")",
                    Map.of("kind", n.kind(), "channel", channelNames, "recipient", to, "outboxId",
                            Long.toString(entry.id()), "reference", deliveries.get(0).reference()),
                    composed.forStaff()))));
            return null;
        });
    }

    private void retry(OutboxEntry entry, String reason) {
        Optional<Instant> at = backoff.retryAt(entry.attempts(), clock.instant(), () -> ThreadLocalRandom.current().nextDouble());
        if (at.isEmpty()) {
            dead(entry, "gave up after " + entry.attempts() + " attempts: " + reason);
            return;
        }
        LOG.debug("Notification {} failed (attempt {}), retried at {}: {}", entry.id(), entry.attempts(), at.get(), reason);
        outbox.markFailed(entry.id(), reason, at.get());
    }

    private void dead(OutboxEntry entry, String reason) {
        LOG.warn("Notification {} ({} to {}) is DEAD: {}; an administrator retries it with POST"
                + " /api/v1/admin/outbox/{}/retry", entry.id(), entry.message().subject(), entry.message().destination(),
                reason, entry.id());
        outbox.markFailed(entry.id(), reason, null);
    }
}
