package org.srplatform.store.internal.request;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.request.SupportRequestChanges;
import org.srplatform.spi.store.Sql;
import org.srplatform.store.internal.db.Database;

/**
 * The SR changes of every node, read from the timeline ({@link TimelineFollower} says how, and why not from a
 * timestamp). Nothing is written for it: intake and every change write what they wrote before.
 */
@Component(service = SupportRequestChanges.class)
public final class TimelineChanges implements SupportRequestChanges {
    /**
     * How long a reader waits for an entry it passed unseen: far longer than any transaction stays open after
     * inserting its entry (a commit group's other works, a lock wait), short enough that a rolled-back id is soon
     * no longer asked for.
     */
    static final Duration GAP_TIMEOUT = Duration.ofMinutes(5);

    private final Database db;
    private final Clock clock;
    private final LongSupplier nanos;

    @Activate
    public TimelineChanges(@Reference Database db) {
        this(db, Clock.systemUTC(), System::nanoTime);
    }

    TimelineChanges(Database db, Clock clock, LongSupplier nanos) {
        this.db = db;
        this.clock = clock;
        this.nanos = nanos;
    }

    @Override
    public Optional<Follower> follow() {
        if (!db.sharedByNodes()) {
            return Optional.empty(); // embedded Derby: this process wrote every change, and its events told them
        }
        return Optional.of(follower(GAP_TIMEOUT));
    }

    /** A follower whatever the database (tests: also on Derby). */
    TimelineFollower follower(Duration gapTimeout) {
        return TimelineFollower.start(new SqlEntries(), gapTimeout, clock, nanos);
    }

    private final class SqlEntries implements TimelineFollower.Entries {
        @Override
        public long last() {
            return db.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT MAX(id) FROM timeline_entries");
                        ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L; // NULL (no entry) reads as 0
                }
            });
        }

        @Override
        public List<TimelineFollower.Entry> after(long id, int max) {
            String sql = db.dialect().limit("SELECT id, sr_number FROM timeline_entries WHERE id > ? ORDER BY id");
            return db.read(c -> entries(c, sql, id, max));
        }

        @Override
        public List<TimelineFollower.Entry> within(List<TimelineFollower.Ids> ranges) {
            // One index range per gap: few, and each holds a few ids at most (an open or rolled-back transaction's).
            return db.read(c -> {
                List<TimelineFollower.Entry> found = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT id, sr_number FROM timeline_entries WHERE id BETWEEN ? AND ? ORDER BY id")) {
                    for (TimelineFollower.Ids r : ranges) {
                        read(Sql.bindAll(s, r.from(), r.to()), found);
                    }
                }
                return found;
            });
        }

        private static List<TimelineFollower.Entry> entries(Connection c, String sql, Object... params)
                throws SQLException {
            List<TimelineFollower.Entry> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                read(Sql.bindAll(s, params), found);
            }
            return found;
        }

        private static void read(PreparedStatement s, List<TimelineFollower.Entry> into) throws SQLException {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    into.add(new TimelineFollower.Entry(rs.getLong(1), new SrNumber(rs.getLong(2))));
                }
            }
        }
    }
}
