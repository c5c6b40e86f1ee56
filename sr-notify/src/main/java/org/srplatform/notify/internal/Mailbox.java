package org.srplatform.notify.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.notify.Delivery;
import org.srplatform.api.notify.DeliveryException;
import org.srplatform.api.notify.Notification;
import org.srplatform.api.notify.NotificationChannel;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.Transactions;

/**
 * A channel that keeps every e-mail the platform sends in a table, readable through {@code GET
 * /api/v1/mailbox}: in demo mode (no mail server needed to see the confirmation), or always when an
 * operator sets {@code mailbox = always}. Keeping a message twice (a retry) keeps it once.
 */
@Header(name = Transactions.SCHEMA_HEADER, value = "schema")
@Component(service = {NotificationChannel.class, Mailbox.class},
        configurationPid = {NotifyConfig.PID, "org.srplatform.platform"})
public final class Mailbox implements NotificationChannel {
    static final String ID = "mailbox";

    /** One kept message. */
    public record Kept(String id, String number, String kind, String to, String name, String subject, String body,
            Instant keptAt) {
    }

    @interface Platform {
        boolean demo() default false;
    }

    private final Transactions transactions;
    private final boolean keeping;
    private final Clock clock;

    @Activate
    public Mailbox(@Reference Transactions transactions, NotifyConfig config, Platform platform) {
        this(transactions, switch (config.mailbox().strip().toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            default -> platform.demo();
        }, Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1)));
    }

    Mailbox(Transactions transactions, boolean keeping, Clock clock) {
        this.transactions = transactions;
        this.keeping = keeping;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Whether messages are kept here now. */
    public boolean keeping() {
        return keeping;
    }

    @Override
    public boolean accepts(Notification n) {
        return keeping && n.recipient().email().isPresent();
    }

    @Override
    public Delivery deliver(Notification n) throws DeliveryException {
        Instant now = clock.instant();
        try {
            transactions.inTransaction(tx -> {
                try (PreparedStatement s = tx.connection().prepareStatement(
                        "SELECT 1 FROM notify_mailbox WHERE notification_id = ?")) {
                    try (ResultSet rs = Sql.bindAll(s, n.id()).executeQuery()) {
                        if (rs.next()) {
                            return null; // kept by an earlier attempt (the lease keeps two from racing)
                        }
                    }
                }
                try (PreparedStatement s = tx.connection().prepareStatement("INSERT INTO notify_mailbox"
                        + " (notification_id, sr_number, kind, recipient_name, address, subject, body, kept_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Sql.bindAll(s, n.id(), n.request().map(SrNumber::value).orElse(null), n.kind(),
                            clip(n.recipient().name(), 200), clip(n.recipient().email().orElseThrow(), 320),
                            clip(n.subject(), 1000), clip(n.body(), 32672), now).executeUpdate();
                }
                return null;
            });
        } catch (StoreException e) {
            throw new DeliveryException("the mailbox could not keep it: " + e.getMessage(), true, e);
        }
        return new Delivery(ID, "mailbox-" + n.id(), now);
    }

    /** Kept messages, newest first, for an SR and/or an address. */
    public List<Kept> list(Optional<SrNumber> number, Optional<String> to, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        number.ifPresent(n -> {
            where.add("sr_number = ?");
            params.add(n.value());
        });
        to.ifPresent(t -> {
            where.add("address = ?");
            params.add(t);
        });
        return transactions.read(tx -> {
            String sql = tx.dialect().limit("SELECT notification_id, sr_number, kind, address, recipient_name, subject,"
                    + " body, kept_at FROM notify_mailbox" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                    + " ORDER BY seq DESC");
            params.add(limit);
            List<Kept> out = new ArrayList<>();
            try (PreparedStatement s = tx.connection().prepareStatement(sql)) {
                try (ResultSet rs = Sql.bindAll(s, params.toArray()).executeQuery()) {
                    while (rs.next()) {
                        long sr = rs.getLong(2);
                        // 0: a message about no SR (a phone message taken without an SR number)
                        out.add(new Kept(rs.getString(1), rs.wasNull() || sr == 0 ? null : new SrNumber(sr).toString(),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                Sql.instant(rs, "kept_at")));
                    }
                }
            }
            return out;
        });
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
