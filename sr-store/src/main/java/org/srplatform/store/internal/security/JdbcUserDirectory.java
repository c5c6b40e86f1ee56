package org.srplatform.store.internal.security;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.security.NewUser;
import org.srplatform.spi.security.StoredUser;
import org.srplatform.spi.security.UserEvents;
import org.srplatform.spi.store.Transaction;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.store.internal.db.Database;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.StoreException;

/**
 * Users with their roles, accounts and password hashes in SQL tables. Hashing, the slow part, runs
 * outside any transaction.
 * <p>
 * Shortest password: {@code password.min.length} (org.srplatform.store.users, never below 8). The demo's
 * users sign in with their names ("rem1"); that rule is the demo's own, {@code demo.password.min.length}
 * of org.srplatform.demo, and counts only while org.srplatform.platform says {@code demo = true}. Not a
 * configuration the demo bundle writes: Config Admin keeps it in the data folder, so a later normal
 * start on the same data would inherit it. So a normal start, or one without configuration, always
 * gets the normal rule.
 * <p>
 * Demo users: every user created while the platform runs in demo mode is marked {@code demo} in the store
 * (and store script V3 marks the demo's logins stored before). Outside demo mode they never sign in, so a
 * normal start on data that a demo start made does not open to {@code admin1:admin1}; the demo rule for
 * short passwords applies to them alone, so an operator's own password is never weakened in demo mode.
 */
// Also registered as itself, for FirstAdministrator in this bundle (which administrators count is the store's business).
@Component(service = {UserDirectory.class, JdbcUserDirectory.class},
        configurationPid = {"org.srplatform.store.users", "org.srplatform.demo", "org.srplatform.platform"},
        configurationPolicy = ConfigurationPolicy.REQUIRE) // a demo start must not create its users under the normal rule first
public final class JdbcUserDirectory implements UserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcUserDirectory.class);
    private static final int MAX_LOGIN_LENGTH = 64;

    private final Database db;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final boolean demoMode;
    /** The rule for users who are not demo users, in every mode. */
    private final int minPasswordLength;
    /** The rule for demo users, in demo mode. */
    private final int demoMinPasswordLength;
    /** Demo users refused since this start, each logged once. */
    private final Set<String> refusedDemoUsers = ConcurrentHashMap.newKeySet();
    /**
     * Stored for a user created without a password (administration, import): no hash of any password matches
     * it, so the user signs in only once an administrator gives a one-time password.
     */
    static final String NO_PASSWORD = "none";
    /** The assignment that records the revision {@link #countChange} made, in a user's UPDATE. */
    private static final String REVISION = "revision = (SELECT r.revision FROM user_revision r WHERE r.id = 1)";

    /** Told after each committed change of a user, so that sign-in forgets remembered credentials; optional. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    @Activate
    public JdbcUserDirectory(@Reference Database db, UserDirectoryConfig config, DemoConfig demo, PlatformConfig platform) {
        this(db, config.password_iterations(), Clock.systemUTC(), minPasswordLength(config),
                demoMinPasswordLength(config, demo, platform), platform.demo());
        if (!platform.demo()) {
            long demoUsers = countDemoUsers();
            if (demoUsers > 0) {
                LOG.warn("{} demo users are in the store (a demo start made them); outside demo mode they cannot sign in",
                        demoUsers);
            }
        }
    }

    /** Outside demo mode, with the default password rule. */
    public JdbcUserDirectory(Database db, int iterations, Clock clock) {
        this(db, iterations, clock, UserDirectoryConfig.DEFAULT_MIN_PASSWORD_LENGTH,
                UserDirectoryConfig.DEFAULT_MIN_PASSWORD_LENGTH, false);
    }

    JdbcUserDirectory(Database db, int iterations, Clock clock, int minPasswordLength, int demoMinPasswordLength,
            boolean demoMode) {
        this.db = db;
        this.hasher = new PasswordHasher(iterations, new SecureRandom());
        this.clock = clock;
        this.minPasswordLength = minPasswordLength;
        this.demoMinPasswordLength = demoMinPasswordLength;
        this.demoMode = demoMode;
    }

    /** For tests: a directory in demo mode, whose demo users' passwords need {@code demoMinPasswordLength} characters. */
    static JdbcUserDirectory inDemoMode(Database db, int iterations, int demoMinPasswordLength) {
        return new JdbcUserDirectory(db, iterations, Clock.systemUTC(), UserDirectoryConfig.DEFAULT_MIN_PASSWORD_LENGTH,
                demoMinPasswordLength, true);
    }

    static int demoMinPasswordLength(UserDirectoryConfig config, DemoConfig demo, PlatformConfig platform) {
        if (platform.demo() && demo.demo_password_min_length() > 0) {
            LOG.warn("Demo mode: passwords of {} characters or more are accepted for demo users (demo.password.min.length"
                    + " of org.srplatform.demo)", demo.demo_password_min_length());
            return demo.demo_password_min_length();
        }
        // The normal rule (its warning about a lowered value comes from minPasswordLength).
        return Math.max(config.password_min_length(), UserDirectoryConfig.DEFAULT_MIN_PASSWORD_LENGTH);
    }

    static int minPasswordLength(UserDirectoryConfig config) {
        if (config.password_min_length() < UserDirectoryConfig.DEFAULT_MIN_PASSWORD_LENGTH) {
            LOG.warn("password.min.length = {} in org.srplatform.store.users is below the floor; {} applies",
                    config.password_min_length(), UserDirectoryConfig.DEFAULT_MIN_PASSWORD_LENGTH);
            return UserDirectoryConfig.DEFAULT_MIN_PASSWORD_LENGTH;
        }
        return config.password_min_length();
    }

    @Override
    public Optional<User> authenticate(String login, char[] password) {
        char[] given = password == null ? new char[0] : password;
        Optional<Credentials> stored = login == null ? Optional.empty() : db.read(c -> credentials(c, login));
        if (stored.isEmpty()) {
            hasher.verifyNothing(given);
            return Optional.empty();
        }
        String hash = stored.get().passwordHash();
        if (!hasher.verify(given, hash)) {
            return Optional.empty();
        }
        // Checked after the hash, so that a refused demo user costs what a wrong password costs.
        if (stored.get().demo() && !demoMode) {
            if (refusedDemoUsers.add(login)) {
                LOG.warn("Demo user '{}' refused: demo users sign in only in demo mode (bin/sr-platform --demo)", login);
            }
            return Optional.empty();
        }
        if (!stored.get().active()) { // deactivated: kept for the history that names them, never signed in
            return Optional.empty();
        }
        if (hasher.isWeakerThanConfigured(hash)) { // the cost was raised since this hash was made
            String stronger = hasher.hash(given);
            db.inTransaction(c -> update(c, "UPDATE users SET password_hash = ? WHERE login = ? AND password_hash = ?",
                    stronger, login, hash));
        }
        return find(login);
    }

    @Override
    public Optional<User> find(String login) {
        return db.read(c -> load(c, login));
    }

    @Override
    public List<User> withRole(Role role) {
        return db.read(c -> {
            List<String> logins = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT r.login FROM user_roles r JOIN users u ON u.login = r.login"
                    + " WHERE r.role_name = ? AND u.active = TRUE" + (demoMode ? "" : " AND u.demo = FALSE") + " ORDER BY r.login")) {
                try (ResultSet rs = Sql.bindAll(s, role.name()).executeQuery()) {
                    while (rs.next()) {
                        logins.add(rs.getString(1));
                    }
                }
            }
            List<User> users = new ArrayList<>();
            for (String login : logins) {
                load(c, login).ifPresent(users::add);
            }
            return users;
        });
    }

    @Override
    public User create(NewUser user, char[] password) {
        List<FieldError> errors = new ArrayList<>();
        if (user.login().isBlank()) {
            errors.add(FieldError.of("login", "must not be empty"));
        } else if (user.login().length() > MAX_LOGIN_LENGTH || !user.login().equals(user.login().strip())) {
            errors.add(FieldError.of("login", "must be at most " + MAX_LOGIN_LENGTH
                    + " characters without leading or trailing spaces"));
        }
        if (user.displayName().isBlank()) {
            errors.add(FieldError.of("displayName", "must not be empty"));
        }
        if (user.roles().isEmpty()) {
            errors.add(FieldError.of("roles", "must name at least one role"));
        }
        // In demo mode every new user is a demo user: made under the demo's rules, for the demo only.
        passwordError(password, demoMode).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String hash = hasher.hash(password);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO users (login, display_name, email, region,"
                        + " password_hash, must_change_password, created_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Sql.bindAll(s, user.login(), user.displayName(), user.email(), user.region(), hash,
                            user.mustChangePassword(), clock.instant(), demoMode).executeUpdate();
                }
                insertAll(c, "INSERT INTO user_roles (login, role_name) VALUES (?, ?)", user.login(),
                        user.roles().stream().map(Role::name).toList());
                insertAll(c, "INSERT INTO user_accounts (login, account_number) VALUES (?, ?)", user.login(),
                        List.copyOf(user.accounts()));
                return null;
            });
        } catch (StoreException e) {
            if (e.sqlCause().filter(db.dialect()::isUniqueViolation).isPresent()) {
                throw new ConflictException("The login '" + user.login() + "' is taken.");
            }
            throw e;
        }
        return new User(user.login(), user.displayName(), user.roles(), user.email(), user.region(), user.accounts(),
                user.mustChangePassword());
    }

    @Override
    public void changePassword(String login, char[] newPassword) {
        boolean demoUser = demoMode && db.read(c -> credentials(c, login)).map(Credentials::demo).orElse(false);
        passwordError(newPassword, demoUser).ifPresent(e -> {
            throw new ValidationException(e);
        });
        storePassword(login, hasher.hash(newPassword));
    }

    @Override
    public void presetDemoPassword(String login, String passwordHash) {
        boolean demoUser = demoMode && db.read(c -> credentials(c, login)).map(Credentials::demo).orElse(false);
        if (!demoUser) {
            throw new ValidationException(List.of(FieldError.of("login", "is not a demo user in demo mode; only their"
                    + " public passwords may be set already hashed")));
        }
        if (!hasher.readable(passwordHash)) {
            throw new ValidationException(List.of(FieldError.of("passwordHash", "is not a hash this directory verifies"
                    + " against (" + PasswordHasher.SCHEME + "$<iterations>$<salt>$<hash>, Base64)")));
        }
        storePassword(login, passwordHash);
    }

    /** A new password (its hash), no longer one to change, counted as a change every node hears of. */
    private void storePassword(String login, String hash) {
        int rows = db.inTransaction(c -> {
            countChange(c);
            return update(c, "UPDATE users SET password_hash = ?, must_change_password = ?, " + REVISION
                    + " WHERE login = ?", hash, false, login);
        });
        if (rows == 0) {
            throw new NotFoundException("no user " + login);
        }
        announce(login);
    }

    @Override
    public long count() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public List<StoredUser> users() {
        // Three queries whatever the count (the export reads every user): not four per user.
        return db.read(c -> {
            String demo = demoMode ? "" : " WHERE u.demo = FALSE";
            Map<String, Set<Role>> roles = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT r.login, r.role_name FROM user_roles r"
                    + " JOIN users u ON u.login = r.login" + demo); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    roles.computeIfAbsent(rs.getString(1), k -> EnumSet.noneOf(Role.class)).add(Role.valueOf(rs.getString(2)));
                }
            }
            Map<String, Set<String>> accounts = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT a.login, a.account_number FROM user_accounts a"
                    + " JOIN users u ON u.login = a.login" + demo); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    accounts.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
            List<StoredUser> users = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT u.login, u.display_name, u.email, u.region,"
                    + " u.must_change_password, u.active, u.demo FROM users u" + demo + " ORDER BY u.login");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String login = rs.getString("login");
                    User user = new User(login, rs.getString("display_name"), roles.getOrDefault(login, Set.of()),
                            Sql.optionalString(rs, "email"), Sql.optionalString(rs, "region"),
                            accounts.getOrDefault(login, Set.of()), rs.getBoolean("must_change_password"));
                    users.add(new StoredUser(user, rs.getBoolean("active"), rs.getBoolean("demo")));
                }
            }
            return users;
        });
    }

    @Override
    public Optional<StoredUser> stored(String login) {
        return db.read(c -> stored(c, login));
    }

    private static Optional<StoredUser> stored(Connection c, String login) throws SQLException {
        Optional<User> user = load(c, login);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Credentials credentials = credentials(c, login).orElseThrow();
        return Optional.of(new StoredUser(user.get(), credentials.active(), credentials.demo()));
    }

    @Override
    public void create(Transaction tx, NewUser user) {
        List<FieldError> errors = userErrors(user);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        try {
            Connection c = tx.connection();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (login, display_name, email, region,"
                    + " password_hash, must_change_password, created_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                Sql.bindAll(s, user.login(), user.displayName(), user.email(), user.region(), NO_PASSWORD, true,
                        clock.instant(), demoMode).executeUpdate();
            }
            insertAll(c, "INSERT INTO user_roles (login, role_name) VALUES (?, ?)", user.login(),
                    user.roles().stream().map(Role::name).toList());
            insertAll(c, "INSERT INTO user_accounts (login, account_number) VALUES (?, ?)", user.login(),
                    List.copyOf(user.accounts()));
        } catch (SQLException e) {
            if (tx.dialect().isUniqueViolation(e)) {
                throw new ConflictException("The login '" + user.login() + "' is taken.");
            }
            throw new StoreException("cannot create the user " + user.login() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void update(Transaction tx, NewUser user) {
        List<FieldError> errors = userErrors(user);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        try {
            Connection c = tx.connection();
            countChange(c);
            if (update(c, "UPDATE users SET display_name = ?, email = ?, region = ?, " + REVISION + " WHERE login = ?",
                    user.displayName(), user.email(), user.region(), user.login()) == 0) {
                throw new NotFoundException("no user " + user.login());
            }
            update(c, "DELETE FROM user_roles WHERE login = ?", user.login());
            update(c, "DELETE FROM user_accounts WHERE login = ?", user.login());
            insertAll(c, "INSERT INTO user_roles (login, role_name) VALUES (?, ?)", user.login(),
                    user.roles().stream().map(Role::name).toList());
            insertAll(c, "INSERT INTO user_accounts (login, account_number) VALUES (?, ?)", user.login(),
                    List.copyOf(user.accounts()));
        } catch (SQLException e) {
            throw new StoreException("cannot change the user " + user.login() + ": " + e.getMessage(), e);
        }
        announceAfterCommit(tx, user.login()); // roles and accounts of a remembered sign-in are stale
    }

    @Override
    public void setActive(Transaction tx, String login, boolean active) {
        try {
            countChange(tx.connection());
            if (update(tx.connection(), "UPDATE users SET active = ?, " + REVISION + " WHERE login = ?", active,
                    login) == 0) {
                throw new NotFoundException("no user " + login);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot change the user " + login + ": " + e.getMessage(), e);
        }
        announceAfterCommit(tx, login);
    }

    @Override
    public void setOneTimePassword(Transaction tx, String login, char[] password) {
        boolean demoUser;
        try {
            demoUser = demoMode && credentials(tx.connection(), login).map(Credentials::demo).orElse(false);
        } catch (SQLException e) {
            throw new StoreException("cannot read the user " + login + ": " + e.getMessage(), e);
        }
        passwordError(password, demoUser).ifPresent(e -> {
            throw new ValidationException(e);
        });
        String hash = hasher.hash(password);
        try {
            countChange(tx.connection());
            if (update(tx.connection(), "UPDATE users SET password_hash = ?, must_change_password = ?, " + REVISION
                    + " WHERE login = ?", hash, true, login) == 0) {
                throw new NotFoundException("no user " + login);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot change the user " + login + ": " + e.getMessage(), e);
        }
        announceAfterCommit(tx, login);
    }

    /**
     * Counts a change of a user for the other nodes' sign-in (V12, {@link JdbcUserChanges}), first in the change's
     * transaction: the counter row's lock, held until the commit, puts the changes of every node in commit order. The
     * changed user's UPDATE then records the new revision ({@link #REVISION}).
     */
    private static void countChange(Connection c) throws SQLException {
        if (update(c, "UPDATE user_revision SET revision = revision + 1 WHERE id = 1") != 1) {
            throw new IllegalStateException("user_revision has no row: the store's schema script V12__user_revisions.sql"
                    + " did not run as written");
        }
    }

    private void announceAfterCommit(Transaction tx, String login) {
        tx.afterCommit(() -> announce(login));
    }

    /**
     * Synchronous (after the commit): when the change's answer reaches the administrator, sign-in has forgotten the
     * user's remembered credentials, so a deactivated user's next call is refused.
     */
    private void announce(String login) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.sendEvent(new Event(UserEvents.CHANGED, java.util.Map.of(UserEvents.LOGIN, login)));
        }
    }

    private static List<FieldError> userErrors(NewUser user) {
        List<FieldError> errors = new ArrayList<>();
        if (user.login().isBlank()) {
            errors.add(FieldError.of("login", "must not be empty"));
        } else if (user.login().length() > MAX_LOGIN_LENGTH || !user.login().equals(user.login().strip())
                || user.login().contains(":")) {
            errors.add(FieldError.of("login", "must be at most " + MAX_LOGIN_LENGTH
                    + " characters without ':' and without leading or trailing spaces"));
        }
        if (user.displayName().isBlank()) {
            errors.add(FieldError.of("displayName", "must not be empty"));
        }
        if (user.roles().isEmpty()) {
            errors.add(FieldError.of("roles", "must name at least one role"));
        }
        return errors;
    }

    /**
     * Whether an administrator exists who is not a demo user: the operator's way in. Demo users do not count,
     * since outside demo mode they cannot sign in.
     */
    boolean hasOperatorAdministrator() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users u JOIN user_roles r ON r.login = u.login"
                    + " WHERE r.role_name = ? AND u.demo = FALSE AND u.active = TRUE")) {
                try (ResultSet rs = Sql.bindAll(s, Role.ADMINISTRATOR.name()).executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    private long countDemoUsers() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users WHERE demo = TRUE");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private Optional<FieldError> passwordError(char[] password, boolean demoUser) {
        int min = demoUser ? demoMinPasswordLength : minPasswordLength;
        return password == null || password.length < min
                ? Optional.of(FieldError.of("password", "must have at least " + min + " characters"))
                : Optional.empty();
    }

    private record Credentials(String passwordHash, boolean demo, boolean active) {
    }

    private static Optional<Credentials> credentials(Connection c, String login) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT password_hash, demo, active FROM users WHERE login = ?")) {
            try (ResultSet rs = Sql.bindAll(s, login).executeQuery()) {
                return rs.next() ? Optional.of(new Credentials(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)))
                        : Optional.empty();
            }
        }
    }

    private static Optional<User> load(Connection c, String login) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        try (PreparedStatement s = c.prepareStatement("SELECT role_name FROM user_roles WHERE login = ?")) {
            try (ResultSet rs = Sql.bindAll(s, login).executeQuery()) {
                while (rs.next()) {
                    roles.add(Role.valueOf(rs.getString(1)));
                }
            }
        }
        Set<String> accounts = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT account_number FROM user_accounts WHERE login = ?")) {
            try (ResultSet rs = Sql.bindAll(s, login).executeQuery()) {
                while (rs.next()) {
                    accounts.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT login, display_name, email, region, must_change_password"
                + " FROM users WHERE login = ?")) {
            try (ResultSet rs = Sql.bindAll(s, login).executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new User(rs.getString(1), rs.getString(2), roles, Sql.optionalString(rs, "email"),
                        Sql.optionalString(rs, "region"), accounts, rs.getBoolean(5)));
            }
        }
    }

    private static void insertAll(Connection c, String insert, String login, List<String> values)
            throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(insert)) {
            for (String v : values) {
                Sql.bindAll(s, login, v).addBatch();
            }
            s.executeBatch();
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            return Sql.bindAll(s, params).executeUpdate();
        }
    }
}
