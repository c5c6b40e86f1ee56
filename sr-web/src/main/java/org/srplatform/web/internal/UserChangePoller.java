package org.srplatform.web.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.security.UserChanges;

/**
 * Forgets the remembered credentials of users changed through other nodes (a one-time password, a deactivation, new
 * roles): {@link CredentialInvalidation} hears only this node's changes, and without this the old password would open
 * the account here, with the old roles, until the credential cache verified it again. Every
 * {@code credential.cache.poll.millis} it asks the store which users changed since the revision it read last (one
 * primary-key read when none did). A database out of reach is told once; the first read after it forgets every user
 * changed meanwhile.
 */
@Component(service = {}, configurationPid = SignInConfig.PID)
public final class UserChangePoller {
    private static final Logger LOG = LoggerFactory.getLogger(UserChangePoller.class);
    /** No revision read yet. */
    private static final long NONE = -1;

    private final CredentialCache cache;
    private final UserChanges users;
    private final ScheduledExecutorService timer;
    /** The store's revision of users up to which every change is forgotten here; used by the timer's thread only. */
    private long revision = NONE;
    private boolean failing;

    @Activate
    public UserChangePoller(SignInConfig config, @Reference CredentialCache cache, @Reference UserChanges users) {
        this(cache, users, config.credential_cache_poll_millis());
    }

    /** For tests: {@code millis} 0, and the test polls. */
    UserChangePoller(CredentialCache cache, UserChanges users, long millis) {
        this.cache = cache;
        this.users = users;
        if (millis <= 0) {
            this.timer = null;
            LOG.info("Users changed on other nodes are not followed by sign-in (credential.cache.poll.millis = {})",
                    millis);
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sr-user-changes");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** One poll; never throws, so that the schedule goes on. */
    void poll() {
        try {
            if (revision == NONE) {
                // The start: a password verified before this revision was read may be of a change that committed
                // since. Forgotten: what is verified from now on sees every change up to the revision.
                revision = users.revision();
                cache.forgetAll();
            } else {
                UserChanges.Changed changed = users.since(revision);
                changed.logins().forEach(cache::forget);
                revision = changed.revision();
            }
            if (failing) {
                LOG.info("Users changed on other nodes are read from the database again");
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Users changed on other nodes could not be read from the database; those changed meanwhile"
                        + " are forgotten here once it answers", e);
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
            LOG.warn("A read of the users changed on other nodes did not end within 10 s of stopping");
        }
    }
}
