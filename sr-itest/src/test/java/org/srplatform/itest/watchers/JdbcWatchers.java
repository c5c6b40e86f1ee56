package org.srplatform.itest.watchers;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.User;
import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.Transactions;

/** Feature {@code watchers}: its component description is in the bundle's OSGI-INF (written by hand). */
public final class JdbcWatchers implements WatcherService {

    private final Transactions transactions;
    private final SupportRequestService requests;

    public JdbcWatchers(Transactions transactions, SupportRequestService requests) {
        this.transactions = transactions;
        this.requests = requests;
    }

    @Override
    public Watcher watch(SrNumber number, String login, User caller) {
        visible(number, caller);
        Instant now = Instant.now();
        try {
            return transactions.inTransaction(tx -> {
                tx.lockRequest(number);
                // The platform's writes first, the capability's own row last: a repeat fails on the row's
                // key after the timeline entry and the message were written, and must leave neither.
                tx.appendTimeline(number, List.of(TimelineEntry.of(now, new Actor(caller.login(), caller.displayName()),
                        "WATCHER_ADDED", login + " watches this SR", Map.of("login", login))));
                tx.enqueue(List.of(new OutboundMessage("notification", Optional.of(number), login, "WATCHING",
                        "{\"kind\":\"WATCHING\"}", now)));
                try (PreparedStatement s = tx.connection().prepareStatement(
                        "INSERT INTO itest_watchers (sr_number, login, added_by, added_at) VALUES (?, ?, ?, ?)")) {
                    s.setLong(1, number.value());
                    s.setString(2, login);
                    s.setString(3, caller.login());
                    s.setTimestamp(4, java.sql.Timestamp.from(now));
                    s.executeUpdate();
                }
                return new Watcher(number.toString(), login, caller.login());
            });
        } catch (StoreException e) {
            if (e.sqlCause().filter(sql -> "23505".equals(sql.getSQLState())).isPresent()) {
                throw new ConflictException(login + " already watches SR " + number);
            }
            throw e;
        }
    }

    @Override
    public List<Watcher> watchers(SrNumber number, User caller) {
        visible(number, caller);
        return transactions.read(tx -> {
            List<Watcher> out = new ArrayList<>();
            try (PreparedStatement s = tx.connection().prepareStatement(
                    "SELECT login, added_by FROM itest_watchers WHERE sr_number = ? ORDER BY login")) {
                s.setLong(1, number.value());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Watcher(number.toString(), rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    /** Through the public, caller-checked API: another account's SR is "not found". */
    private void visible(SrNumber number, User caller) {
        if (requests.find(number, caller).isEmpty()) {
            throw new NotFoundException("No SR " + number + ".");
        }
    }
}
