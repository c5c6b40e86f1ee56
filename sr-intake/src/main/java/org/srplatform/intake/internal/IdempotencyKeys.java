package org.srplatform.intake.internal;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequestForm;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.StoreException;

/**
 * Intake's table {@code idempotency_keys} (schema/V2__idempotency_keys.sql): per caller and key, the SR the
 * key opened and a hash of the request, kept for a day.
 */
final class IdempotencyKeys {
    static final String FIELD = "Idempotency-Key";
    static final int KEY_MAX = 200;
    /** How long a key returns its SR; older rows are purged. */
    static final Duration KEPT = Duration.ofDays(1);

    /** A key's row: the SR it opened and the hash of the request that opened it. */
    record Entry(SrNumber number, String requestHash, Instant createdAt) {
    }

    private IdempotencyKeys() {
    }

    /** The key as given, when it is 1 to 200 printable ASCII characters; else a 400 naming the header. */
    static String check(String key) {
        if (key == null || key.isBlank()) {
            throw new ValidationException(FieldError.of(FIELD, "is empty; send 1 to " + KEY_MAX
                    + " printable ASCII characters, a new value (a UUID) for each SR you mean to open"));
        }
        if (key.length() > KEY_MAX || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new ValidationException(FieldError.of(FIELD, "must be 1 to " + KEY_MAX
                    + " printable ASCII characters (letters, digits, punctuation), such as a UUID"));
        }
        return key;
    }

    /**
     * SHA-256 of everything the request asks for: the channel and every field of the form, each length-prefixed
     * so that no two different forms give the same text (a field added to the form is included by itself).
     */
    static String hash(SupportRequestForm form, IntakeChannel channel) {
        StringBuilder text = new StringBuilder();
        append(text, channel.name());
        for (RecordComponent component : SupportRequestForm.class.getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(form);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of the form", e);
            }
            append(text, component.getName());
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            if (value instanceof Collection<?> values) {
                append(text, "list:" + values.size());
                values.forEach(v -> append(text, v));
            } else {
                append(text, value);
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(StringBuilder text, Object value) {
        String s = value == null ? "-" : "+" + value;
        text.append(s.length()).append(':').append(s);
    }

    /** The caller's key if it was recorded at or after {@code since}. */
    static Optional<Entry> find(Connection c, String caller, String key, Instant since) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT sr_number, request_hash, created_at FROM idempotency_keys"
                + " WHERE caller = ? AND idem_key = ? AND created_at >= ?")) {
            try (ResultSet rs = Sql.bindAll(s, caller, key, since).executeQuery()) {
                return rs.next() ? Optional.of(new Entry(new SrNumber(rs.getLong("sr_number")), rs.getString("request_hash"),
                        Sql.instant(rs, "created_at"))) : Optional.empty();
            }
        }
    }

    /**
     * Records the key in the SR's transaction. A row of the same key older than {@code since} is gone first;
     * a concurrent call that recorded it a moment ago makes the insert fail (see {@link #isTaken}).
     */
    static void record(Connection c, String caller, String key, SrNumber number, String requestHash, Instant at, Instant since)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM idempotency_keys WHERE caller = ? AND idem_key = ?"
                + " AND created_at < ?")) {
            Sql.bindAll(s, caller, key, since).executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_keys (caller, idem_key, sr_number,"
                + " request_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
            Sql.bindAll(s, caller, key, number.value(), requestHash, at).executeUpdate();
        }
    }

    /** Removes the keys recorded before {@code before}; returns how many. */
    static int purge(Connection c, Instant before) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM idempotency_keys WHERE created_at < ?")) {
            return Sql.bindAll(s, before).executeUpdate();
        }
    }

    /** Whether the store failed because the key's row is already there (SQL state 23505, a duplicate key). */
    static boolean isTaken(StoreException e) {
        for (SQLException s = e.sqlCause().orElse(null); s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
