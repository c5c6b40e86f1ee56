package org.srplatform.spi.store;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which node runs a job that must run on one node at a time when several platform nodes share the database
 * (the SLA target watch, the escalations' overdue alerts and daily digest, purges): a lease in the database.
 * A job asks before each pass; the node that holds the lease renews it by asking, and when that node dies its
 * lease runs out and the next node that asks takes the job over.
 *
 * @since 1.2
 */
@ProviderType
public interface JobLeases {

    /**
     * Whether this node may run {@code job} now: it takes the lease if no live node holds it, or renews its own,
     * for {@code ttl} from now. Make {@code ttl} a few of the job's intervals, so a pass that runs late does not
     * lose the job to another node.
     *
     * @throws StoreException when the database cannot say (the caller skips the pass)
     */
    boolean hold(String job, Duration ttl);

    /** Gives the lease up, if this node holds it (a job stopping cleanly), so another node takes it at once. */
    void release(String job);

    /** This node's name in the leases: its host and a random part per start. */
    String node();

    /** For a platform alone on its database, and tests: every job runs here. */
    static JobLeases alone() {
        return new JobLeases() {
            @Override
            public boolean hold(String job, Duration ttl) {
                return true;
            }

            @Override
            public void release(String job) {
            }

            @Override
            public String node() {
                return "alone";
            }
        };
    }
}
