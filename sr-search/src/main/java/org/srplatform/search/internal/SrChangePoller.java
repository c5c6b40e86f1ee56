package org.srplatform.search.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's search index up with the SRs other nodes on the database open and change: every
 * {@code poll.millis} it has the index read the store's changes of every node (one index range of the timeline when
 * nothing changed). Its configuration is optional (etc/org.srplatform.search.cfg), so a platform upgraded without
 * that file still follows. On embedded Derby, which no other node shares, the index has nothing to read.
 */
@Component(service = {}, configurationPid = SrChangePoller.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SrChangePoller.Config.class)
public final class SrChangePoller {
    static final String PID = "org.srplatform.search";
    private static final Logger LOG = LoggerFactory.getLogger(SrChangePoller.class);

    @ObjectClassDefinition(name = "SR search",
            description = "How this node's search index follows the SRs other nodes on the database open and change")
    @interface Config {
        @AttributeDefinition(description = "Milliseconds between two reads of the SR changes of every node (one index"
                + " range when nothing changed); an SR opened or changed on another node is found here about this long"
                + " and a second later. 0: never (a platform alone on its database)")
        long poll_millis() default 2000;
    }

    private final LuceneSupportRequestIndex index;
    private final ScheduledExecutorService timer;
    /** Whether the last poll failed: a database that stays away is told once, not every poll. */
    private boolean failing;

    @Activate
    public SrChangePoller(Config config, @Reference LuceneSupportRequestIndex index) {
        this.index = index;
        long millis = config.poll_millis();
        if (millis <= 0) {
            this.timer = null;
            LOG.info("SRs opened or changed on other nodes are not followed by search (poll.millis = {})", millis);
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sr-search-changes");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One poll; never throws, so that the schedule goes on. */
    void poll() {
        try {
            index.readChanges();
            if (failing) {
                LOG.info("SR changes of other nodes are read from the database again; search catches up");
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("SR changes of other nodes could not be read from the database; search goes on with what it"
                        + " has and catches up once the database answers", e);
            }
            failing = true;
        }
    }

    /** Whether the last poll failed (tests). */
    boolean failing() {
        return failing;
    }

    @Deactivate
    void stop() throws InterruptedException {
        if (timer == null) {
            return;
        }
        // No interrupt: an interrupted Derby read closes its connection. A poll in progress ends by itself.
        timer.shutdown();
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("A read of the SR changes did not end within 10 s of stopping");
        }
    }
}
