package org.srplatform.store.internal.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.spi.security.UserChanges;
import org.srplatform.spi.store.Sql;
import org.srplatform.store.internal.db.Database;

/**
 * The users changed through any node, from the change counter {@link JdbcUserDirectory} raises with each change of a
 * password, roles, accounts or activation (V12): revisions grow in commit order, so every revision up to the counter's
 * value is committed and visible once the counter is.
 */
@Component(service = UserChanges.class)
public final class JdbcUserChanges implements UserChanges {
    private final Database db;

    @Activate
    public JdbcUserChanges(@Reference Database db) {
        this.db = db;
    }

    @Override
    public long revision() {
        return db.read(JdbcUserChanges::revision);
    }

    @Override
    public Changed since(long after) {
        return db.read(c -> {
            long now = revision(c); // first: the users read next are at least this new
            if (now == after) {
                return new Changed(now, Set.of());
            }
            Set<String> logins = new TreeSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT login FROM users WHERE revision > ?")) {
                try (ResultSet rs = Sql.bindAll(s, after).executeQuery()) {
                    while (rs.next()) {
                        logins.add(rs.getString(1));
                    }
                }
            }
            return new Changed(now, logins);
        });
    }

    private static long revision(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT revision FROM user_revision WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
