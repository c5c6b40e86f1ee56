package org.srplatform.spi.store;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;

/**
 * How model values map to columns. Instants are TIMESTAMP columns holding UTC: read and written with
 * a UTC calendar, so no JVM time zone or daylight-saving gap shifts them.
 */
public final class Sql {

    private Sql() {
    }

    /** Binds a model value: null or an empty Optional as NULL, enums by name, java.time as SQL types. */
    public static void bind(PreparedStatement s, int index, Object value) throws SQLException {
        Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
        if (v == null) {
            s.setObject(index, null); // the driver takes the parameter's own type
        } else if (v instanceof Instant i) {
            s.setTimestamp(index, Timestamp.from(i), utc());
        } else if (v instanceof LocalDate d) {
            s.setDate(index, Date.valueOf(d));
        } else if (v instanceof LocalTime t) {
            s.setTime(index, Time.valueOf(t));
        } else if (v instanceof Enum<?> e) {
            s.setString(index, e.name());
        } else {
            s.setObject(index, v);
        }
    }

    /** Binds values to parameters 1, 2, ... */
    public static PreparedStatement bindAll(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            bind(s, i + 1, values[i]);
        }
        return s;
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column, utc());
        return t == null ? null : t.toInstant();
    }

    public static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(instant(rs, column));
    }

    public static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    public static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    public static LocalTime localTime(ResultSet rs, String column) throws SQLException {
        Time t = rs.getTime(column);
        return t == null ? null : t.toLocalTime();
    }

    /** A new calendar each time: drivers may change the one they are given. */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
