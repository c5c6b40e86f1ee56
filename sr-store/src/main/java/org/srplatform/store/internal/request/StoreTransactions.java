package org.srplatform.store.internal.request;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.event.SupportRequestEvents;
import org.srplatform.spi.store.TransactionWork;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.db.Database;

/**
 * Transactions of the store, for its own repositories and (through {@link BundleTransactions}) for
 * capability bundles: one code path for every write that touches an SR, its timeline or the outbox.
 */
public final class StoreTransactions implements Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(StoreTransactions.class);

    private final Database db;
    private final Clock clock;
    private final RequestEvents events;
    private final KnownReferences references;
    private final Participants participants;

    /** Checks each new SR's account and product with a query (tests, tools). */
    public StoreTransactions(Database db, Clock clock, Supplier<EventAdmin> eventAdmin) {
        this(db, clock, eventAdmin, KnownReferences.queried(), Participants.NONE);
    }

    /** @param eventAdmin the Event Admin now, or null: read at each announcement (it comes and goes) */
    StoreTransactions(Database db, Clock clock, Supplier<EventAdmin> eventAdmin, KnownReferences references,
            Participants participants) {
        this.db = db;
        this.participants = participants;
        this.clock = clock;
        this.references = references;
        this.events = (topic, number, entry) -> {
            EventAdmin admin = eventAdmin.get();
            if (admin != null) {
                admin.postEvent(new Event(topic, Map.of(SupportRequestEvents.NUMBER, number.toString(),
                        SupportRequestEvents.ACTOR, entry.actor().id(), SupportRequestEvents.KIND, entry.kind())));
            }
        };
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        return inStoreTransaction(tx -> work.run(tx));
    }

    /** The same, with the store's own view of the transaction. */
    <T> T inStoreTransaction(StoreWork<T> work) {
        StoreTransaction[] last = new StoreTransaction[1];
        T result = db.inTransaction(c -> {
            StoreTransaction tx = new StoreTransaction(c, db.dialect(), clock, events, references, participants);
            last[0] = tx; // each attempt starts afresh: only the committed one's actions run
            try {
                return work.run(tx);
            } catch (StoreTransaction.SqlFailure e) {
                throw e.sql(); // so that the store retries a lost lock race and reports the rest
            }
        });
        runAll(last[0].committed());
        return result;
    }

    @FunctionalInterface
    interface StoreWork<T> {
        T run(StoreTransaction transaction) throws java.sql.SQLException;
    }

    @Override
    public <T> T read(TransactionWork<T> work) {
        return db.read(c -> {
            try {
                return work.run(new StoreTransaction(c, db.dialect(), clock, events, references, participants));
            } catch (StoreTransaction.SqlFailure e) {
                throw e.sql();
            }
        });
    }

    private static void runAll(List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("An action after a committed transaction failed; the transaction stands", e);
            }
        }
    }
}
