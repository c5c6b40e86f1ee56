package org.srplatform.itest.watchers;

import java.util.List;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.security.User;

/**
 * A capability built the way every capability is: people who follow an SR. Its own table, its own
 * endpoint, its writes in one transaction with the SR's timeline and the outbox. Lives in the test
 * module only, installed into a running platform by {@code CapabilityBundleIT}.
 */
public interface WatcherService {

    /** Adds a watcher; a second time for the same login is a conflict and writes nothing. */
    Watcher watch(SrNumber number, String login, User caller);

    List<Watcher> watchers(SrNumber number, User caller);

    record Watcher(String number, String login, String addedBy) {
    }
}
