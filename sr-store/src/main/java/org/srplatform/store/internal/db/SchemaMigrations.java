package org.srplatform.store.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date at start: ordered scripts {@code V<n>__<description>.sql} from this
 * package, each applied in its own transaction and recorded in {@code schema_history} with a SHA-256
 * checksum. A script that changed after it was applied stops the start. Nodes that start together
 * serialise on a lock of the history table. An up-to-date schema costs one query.
 *
 * <p>Flyway was tried first and dropped: 10.x has no Derby support, and 11.x, embedded with the
 * Jackson it needs, took about 0.7 s on an up-to-date schema in a fresh JVM (the start-up budget is
 * 0.3 s).
 *
 * <p>Scripts: statements end with {@code ;} at the end of a line; lines starting with {@code --} are
 * comments. A new script is added to {@link #SCRIPTS}; applied scripts are never edited.
 */
public final class SchemaMigrations {

    /** Every script, in order. Resources are not listable in every class loader, hence the list. */
    static final List<String> SCRIPTS = List.of("V1__initial_schema.sql", "V2__phone_messages.sql");

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private final Dialect dialect;
    private final List<Script> scripts;

    public SchemaMigrations(Dialect dialect) {
        this(dialect, SCRIPTS);
    }

    SchemaMigrations(Dialect dialect, List<String> scriptNames) {
        this.dialect = dialect;
        this.scripts = scriptNames.stream().map(SchemaMigrations::load).toList();
    }

    /**
     * @return the number of scripts applied now (0 when the schema was up to date)
     * @throws IllegalStateException when an applied script no longer matches its checksum
     */
    public int migrate(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        Map<Integer, String> applied = applied(connection);
        verify(applied);
        int count = 0;
        for (Script script : scripts) {
            if (!applied.containsKey(script.version()) && apply(connection, script)) {
                count++;
            }
        }
        return count;
    }

    /** The schema version, 0 for an empty database. */
    public int version(Connection connection) throws SQLException {
        return applied(connection).keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private Map<Integer, String> applied(Connection connection) throws SQLException {
        try {
            return readHistory(connection);
        } catch (SQLException e) {
            if (!dialect.isUndefinedTable(e)) {
                throw e;
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE schema_history (version INTEGER NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, script VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL,"
                    + " installed_at TIMESTAMP NOT NULL, execution_ms BIGINT NOT NULL)");
        } catch (SQLException e) {
            if (!dialect.isAlreadyExists(e)) { // another node was quicker
                throw e;
            }
        }
        return readHistory(connection);
    }

    private static Map<Integer, String> readHistory(Connection connection) throws SQLException {
        Map<Integer, String> applied = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT version, checksum FROM schema_history");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private void verify(Map<Integer, String> applied) {
        for (Script script : scripts) {
            String checksum = applied.get(script.version());
            if (checksum != null && !checksum.equals(script.checksum())) {
                throw new IllegalStateException("Schema script " + script.name() + " changed after it was applied"
                        + " (checksum " + script.checksum() + ", applied " + checksum + "): restore the script as it"
                        + " was and put the change in a new script");
            }
        }
        int known = scripts.stream().mapToInt(Script::version).max().orElse(0);
        applied.keySet().stream().filter(v -> v > known).findAny().ifPresent(v -> LOG.warn(
                "The database schema is at version {}, newer than this store knows ({}): was the store downgraded?",
                v, known));
    }

    /** Applies one script in one transaction; false when another node applied it meanwhile. */
    private boolean apply(Connection connection, Script script) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute(dialect.lockTable("schema_history"));
            try (PreparedStatement check = connection.prepareStatement(
                    "SELECT COUNT(*) FROM schema_history WHERE version = ?")) {
                check.setInt(1, script.version());
                try (ResultSet rs = check.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        connection.rollback();
                        return false;
                    }
                }
            }
            for (String statement : script.statements()) {
                s.execute(statement);
            }
            try (PreparedStatement record = connection.prepareStatement("INSERT INTO schema_history"
                    + " (version, description, script, checksum, installed_at, execution_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                Sql.bindAll(record, script.version(), script.description(), script.name(), script.checksum(),
                        Instant.now(), (System.nanoTime() - start) / 1_000_000);
                record.executeUpdate();
            }
            connection.commit();
            LOG.info("Applied schema script {} in {} ms", script.name(), (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static Script load(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("a schema script is named V<n>__<description>.sql: " + name);
        }
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + name + " is missing from the bundle");
            }
            // Line ends normalised so that a checkout with CRLF has the same checksum.
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return new Script(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), name, sha256(text),
                    statements(text));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema script " + name, e);
        }
    }

    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(current.isEmpty() ? "" : "\n").append(line);
            if (trimmed.endsWith(";")) {
                current.setLength(current.length() - (line.length() - line.stripTrailing().length()) - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("a schema script ends without ';': " + current);
        }
        return statements;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Script(int version, String description, String name, String checksum, List<String> statements) {
    }
}
