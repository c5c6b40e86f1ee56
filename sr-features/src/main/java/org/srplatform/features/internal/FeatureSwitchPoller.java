package org.srplatform.features.internal;

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
 * Follows the feature switches other nodes change: every {@code poll.millis} it asks the feature service to apply
 * what moved in the store (one primary-key read when nothing did). Its configuration is optional
 * (etc/org.srplatform.features.cfg), so a platform upgraded without that file still follows.
 */
@Component(service = {}, configurationPid = FeatureSwitchPoller.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FeatureSwitchPoller.Config.class)
public final class FeatureSwitchPoller {
    static final String PID = "org.srplatform.features";
    private static final Logger LOG = LoggerFactory.getLogger(FeatureSwitchPoller.class);

    @ObjectClassDefinition(name = "SR feature switches",
            description = "How this node follows the feature switches other nodes on the database change")
    @interface Config {
        @AttributeDefinition(description = "Milliseconds between two reads of the switches' revision (one primary-key"
                + " read); a switch made on another node applies here within about this long. 0: never (a platform"
                + " alone on its database)")
        long poll_millis() default 2000;
    }

    private final ScrFeatureService features;
    private final ScheduledExecutorService timer;
    /** Whether the last poll failed: a database that stays away is told once, not every poll. */
    private boolean failing;

    @Activate
    public FeatureSwitchPoller(Config config, @Reference ScrFeatureService features) {
        this.features = features;
        long millis = config.poll_millis();
        if (millis <= 0) {
            this.timer = null;
            LOG.info("Feature switches changed on other nodes are not followed (poll.millis = {})", millis);
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sr-feature-switches");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One poll; never throws, so that the schedule goes on. */
    void poll() {
        try {
            features.follow();
            if (failing) {
                LOG.info("Feature switches are read from the database again");
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Feature switches could not be read from the database; this node keeps its switches and"
                        + " tries again", e);
            }
            failing = true;
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        if (timer == null) {
            return;
        }
        // No interrupt: an interrupted Derby read closes its connection. A poll in progress ends by itself.
        timer.shutdown();
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("A poll of the feature switches did not end within 10 s of stopping");
        }
    }
}
