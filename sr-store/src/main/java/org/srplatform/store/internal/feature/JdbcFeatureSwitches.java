package org.srplatform.store.internal.feature;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.spi.feature.FeatureSwitch;
import org.srplatform.spi.feature.FeatureSwitches;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.Transaction;
import org.srplatform.store.internal.db.Database;

/**
 * Feature switches in table {@code feature_switches}, with the change counter in {@code feature_switch_revision}
 * (one row). A change first increments the counter: that takes the row's lock until the change commits, so changes
 * from any node run one after the other and each commits with the next revision; a node that polls the counter
 * (a primary-key read) sees it move only once the change is visible.
 */
@Component(service = FeatureSwitches.class)
public final class JdbcFeatureSwitches implements FeatureSwitches {
    private static final int ID_MAX = 100;
    private static final int BY_MAX = 128;

    private final Database db;
    private final Clock clock;

    @Activate
    public JdbcFeatureSwitches(@Reference Database db) {
        this(db, Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)));
    }

    public JdbcFeatureSwitches(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public long revision() {
        return db.read(JdbcFeatureSwitches::revision);
    }

    @Override
    public Snapshot read() {
        return db.read(c -> {
            long revision = revision(c); // first: the rows read next are at least this new
            List<FeatureSwitch> switches = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT feature_id, enabled, changed_at, changed_by"
                    + " FROM feature_switches ORDER BY feature_id"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    switches.add(new FeatureSwitch(rs.getString(1), rs.getBoolean(2), Sql.instant(rs, "changed_at"),
                            rs.getString(4)));
                }
            }
            return new Snapshot(revision, switches);
        });
    }

    @Override
    public boolean set(Transaction tx, String featureId, boolean enabled, String changedBy) throws SQLException {
        check("featureId", featureId, ID_MAX);
        check("changedBy", changedBy, BY_MAX);
        Connection c = tx.connection();
        long revision;
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE feature_switch_revision SET revision = revision + 1 WHERE id = 1")) {
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("feature_switch_revision has no row: the store's schema script"
                        + " V10__feature_switches.sql did not run as written");
            }
        }
        revision = revision(c);
        try (PreparedStatement s = c.prepareStatement("SELECT enabled FROM feature_switches WHERE feature_id = ?");
                ResultSet rs = Sql.bindAll(s, featureId).executeQuery()) {
            boolean current = !rs.next() || rs.getBoolean(1); // no switch: enabled
            if (current == enabled) {
                return false; // the counter moved for nothing: pollers read the same switches again, no harm
            }
        }
        tx.dialect().upsert(c, "feature_switches", List.of("feature_id"),
                List.of("enabled", "changed_at", "changed_by", "revision"),
                List.of(featureId, enabled, clock.instant(), changedBy, revision));
        return true;
    }

    private static long revision(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT revision FROM feature_switch_revision WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void check(String name, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " is 1 to " + max + " characters: " + value);
        }
    }
}
