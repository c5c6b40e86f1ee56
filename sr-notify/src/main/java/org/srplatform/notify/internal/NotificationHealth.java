package org.srplatform.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.health.HealthCheck;
import org.srplatform.spi.health.HealthIndicator;
import org.srplatform.spi.outbox.Outbox;
import org.srplatform.spi.outbox.OutboxState;

/**
 * The promise of a confirmation within the hour, watched: health check {@code outbox} is DEGRADED
 * while confirmations are overdue or at risk (not sent a configured time before they are due), while
 * messages are DEAD, or while a template was refused. Counted every 15 s off the request path.
 */
@Component(configurationPid = NotifyConfig.PID)
public final class NotificationHealth implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationHealth.class);
    static final String CONFIRMATION = "CONFIRMATION";

    private final Outbox outbox;
    private final TemplateService templates;
    private final Duration atRisk;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile HealthCheck current = HealthCheck.up();

    @Activate
    public NotificationHealth(@Reference Outbox outbox, @Reference TemplateService templates, NotifyConfig config) {
        this.outbox = outbox;
        this.templates = templates;
        this.atRisk = Duration.ofMinutes(Math.max(0, config.confirmation_at_risk_minutes()));
        this.clock = Clock.systemUTC();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sr-notify-health");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, 15, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    @Override
    public String name() {
        return "outbox"; // not "notifications": that is the feature's own check
    }

    @Override
    public HealthCheck check() {
        return current;
    }

    void refresh() {
        try {
            current = evaluate(clock.instant());
        } catch (RuntimeException e) {
            LOG.debug("Notification health not refreshed", e);
        }
    }

    HealthCheck evaluate(Instant now) {
        long overdue = outbox.countUnsent(Dispatcher.TYPE, CONFIRMATION, now);
        long soon = outbox.countUnsent(Dispatcher.TYPE, CONFIRMATION, now.plus(atRisk)) - overdue;
        int dead = outbox.list(OutboxState.FAILED, 1000).size();
        int refused = templates.library().problems().size();
        List<String> said = new ArrayList<>();
        if (overdue > 0) {
            said.add(overdue + " confirmation" + (overdue == 1 ? " is" : "s are") + " overdue (promised within the hour)");
        }
        if (soon > 0) {
            said.add(soon + " confirmation" + (soon == 1 ? "" : "s") + " due within " + atRisk.toMinutes()
                    + " minutes not sent yet");
        }
        if (dead > 0) {
            said.add((dead >= 1000 ? "1000 or more" : Integer.toString(dead)) + " message" + (dead == 1 ? " is" : "s are")
                    + " DEAD: GET /api/v1/admin/outbox?state=DEAD");
        }
        if (refused > 0) {
            said.add(refused + " message template" + (refused == 1 ? " was" : "s were") + " refused; the log says why");
        }
        return said.isEmpty() ? HealthCheck.up() : HealthCheck.degraded(String.join("; ", said));
    }
}
