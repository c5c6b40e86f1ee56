package org.srplatform.intake.internal;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.store.Transactions;

/**
 * Removes idempotency keys older than a day, hourly, so that the table holds about a day of SRs opened with
 * a key. Runs while intake does: started on activation, stopped on deactivation.
 */
@Component(property = {
        "sr.feature=intake",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=intake)))" })
public final class IdempotencyKeyPurge {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeyPurge.class);
    static final long EVERY_MINUTES = 60;

    private final Transactions transactions;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    @Activate
    public IdempotencyKeyPurge(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
        // The first run a minute after the start, off the start-up's busy moment.
        timer.scheduleWithFixedDelay(this::purgeQuietly, 1, EVERY_MINUTES, TimeUnit.MINUTES);
    }

    IdempotencyKeyPurge(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sr-intake-idempotency-purge");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    /** Removes the keys older than a day; returns how many. */
    int purge() {
        return transactions.inTransaction(tx -> IdempotencyKeys.purge(tx.connection(),
                clock.instant().minus(IdempotencyKeys.KEPT)));
    }

    private void purgeQuietly() {
        try {
            int removed = purge();
            LOG.debug("Removed {} idempotency keys older than a day", removed);
        } catch (RuntimeException e) {
            // Kept for the next run: a failed purge only leaves old keys a little longer.
            LOG.warn("Could not remove old idempotency keys; trying again in {} minutes", EVERY_MINUTES, e);
        }
    }
}
