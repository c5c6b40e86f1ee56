package org.srplatform.spi.feature;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.spi.store.Transaction;

/**
 * The feature switches where every node of the platform reads them: the store's database. A feature switched off
 * on one node is off on every node once they have read the change; a feature without a stored switch is enabled.
 *
 * <p>The feature service is their writer and their reader: it reads them at start, sets one in the transaction that
 * records the switch in the audit trail, and polls {@link #revision()} to apply the changes other nodes made.
 * Thread-safe.
 *
 * @since 1.1
 */
@ProviderType
public interface FeatureSwitches {

    /**
     * The revision of the switches: it grows with every committed {@link #set}, made by any node, in commit order.
     * One primary-key read, cheap enough to poll every second.
     *
     * @throws org.srplatform.spi.store.StoreException when the database cannot say
     */
    long revision();

    /**
     * Every stored switch, and the revision they are at least as new as (read before them, so a change committed
     * meanwhile shows as a revision that moved again).
     *
     * @throws org.srplatform.spi.store.StoreException when the database cannot say
     */
    Snapshot read();

    /**
     * Sets a switch in the caller's transaction, so that it commits with what the caller writes beside it (the
     * audit entry of the switch) or not at all. Switches set at once, on any nodes, take effect one after the other.
     *
     * @param featureId the feature, 1 to 100 characters
     * @param changedBy who sets it, 1 to 128 characters
     * @return whether this changed the switch (false when it was already so; a feature without a switch is enabled)
     * @throws SQLException as the transaction's work throws it, so that the store runs a lost lock race again
     */
    boolean set(Transaction tx, String featureId, boolean enabled, String changedBy) throws SQLException;

    /**
     * The stored switches at a revision.
     *
     * @param switches ordered by feature id
     */
    record Snapshot(long revision, List<FeatureSwitch> switches) {
        public Snapshot {
            switches = List.copyOf(switches);
        }

        /** The features switched off. */
        public Set<String> disabled() {
            Set<String> disabled = new TreeSet<>();
            switches.stream().filter(s -> !s.enabled()).forEach(s -> disabled.add(s.featureId()));
            return disabled;
        }
    }
}
