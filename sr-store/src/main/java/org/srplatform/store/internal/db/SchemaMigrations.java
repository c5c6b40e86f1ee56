package org.srplatform.store.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.Sql;

/**
 * Brings a module's tables up to date: ordered scripts {@code V<n>__<description>.sql}, each applied
 * in its own transaction and recorded in {@code module_schema_history} under the module (the bundle's
 * symbolic name) with a SHA-256 checksum and the bundle version that applied it. A script that changed
 * after it was applied stops the module. Nodes and bundles that migrate at once serialise on a lock of
 * the history table. An up-to-date module costs one query.
 *
 * <p>Flyway was tried first and dropped: 10.x has no Derby support, and 11.x, embedded with the
 * Jackson it needs, took about 0.7 s on an up-to-date schema in a fresh JVM (the start-up budget is
 * 0.3 s).
 *
 * <p>Scripts: statements end with {@code ;} at the end of a line; lines starting with {@code --} are
 * comments. Applied scripts are never edited; a change is a new script. One statement is ours, not
 * SQL: {@code DROP FOREIGN KEY ON table (column);} drops the foreign keys on a column whatever the
 * database named them.
 */
public final class SchemaMigrations {

    /** The store's own module: the core tables (catalog, accounts, users, SRs, timeline, outbox). */
    public static final String STORE_MODULE = "org.srplatform.store";

    /** The store's scripts, in order. Resources are not listable in every class loader, hence the list. */
    static final List<String> STORE_SCRIPTS = List.of("V1__initial_schema.sql", "V2__contract_ids.sql",
            "V3__demo_users.sql", "V4__lighter_sr_writes.sql", "V5__queues_and_owed_responses.sql",
            "V6__contact_language.sql", "V7__list_indexes.sql", "V8__user_activation.sql", "V9__job_leases.sql",
            "V10__feature_switches.sql", "V11__catalog_deactivation.sql",
            "V12__user_revisions.sql", "V13__sr_updated_index.sql");

    /**
     * Releases before module schemas kept one history ({@code schema_history}, keyed by version) for
     * every table; its scripts now belong to these modules. V2 moved with {@code phone_messages} into
     * intake's jar, byte for byte, so its checksum still matches.
     */
    static final Map<Integer, ModuleVersion> LEGACY_SCRIPTS = Map.of(
            1, new ModuleVersion(STORE_MODULE, 1),
            2, new ModuleVersion("org.srplatform.intake", 1));

    static final String HISTORY = "module_schema_history";
    private static final String LEGACY_HISTORY = "schema_history";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    /**
     * A statement of our scripts, not of SQL: {@code DROP FOREIGN KEY ON table (column);} drops the foreign
     * keys on that column, whatever the database named them.
     */
    private static final Pattern DROP_FOREIGN_KEYS = Pattern.compile(
            "DROP FOREIGN KEY ON (\\w+) \\((\\w+)\\)", Pattern.CASE_INSENSITIVE);
    /**
     * Derby's way of making a column required, in scripts written before PostgreSQL; other databases say
     * {@code SET NOT NULL}. Applied scripts cannot change (their checksums), so the statement is translated.
     */
    private static final Pattern ALTER_COLUMN_NOT_NULL = Pattern.compile(
            "ALTER TABLE (\\w+) ALTER COLUMN (\\w+) NOT NULL", Pattern.CASE_INSENSITIVE);
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private final Dialect dialect;

    public SchemaMigrations(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The store's own scripts, read from this bundle. */
    public static List<Script> storeScripts() {
        return STORE_SCRIPTS.stream().map(name -> {
            try (InputStream in = SchemaMigrations.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("schema script " + name + " is missing from the store bundle");
                }
                return Script.of(name, in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read schema script " + name, e);
            }
        }).toList();
    }

    /**
     * @param module        the bundle symbolic name the scripts belong to
     * @param moduleVersion the bundle version, recorded with each script it applies
     * @return the number of scripts applied now (0 when the module was up to date)
     * @throws IllegalStateException when an applied script no longer matches its checksum
     */
    public int migrate(Connection connection, String module, String moduleVersion, List<Script> scripts)
            throws SQLException {
        connection.setAutoCommit(true);
        Map<Integer, String> applied = applied(connection, module);
        List<Script> ordered = scripts.stream().sorted(Comparator.comparingInt(Script::version)).toList();
        verify(module, applied, ordered);
        int count = 0;
        for (Script script : ordered) {
            if (!applied.containsKey(script.version()) && apply(connection, module, moduleVersion, script)) {
                count++;
            }
        }
        return count;
    }

    /** A module's schema version, 0 when none of its scripts is applied. */
    public int version(Connection connection, String module) throws SQLException {
        return applied(connection, module).keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private Map<Integer, String> applied(Connection connection, String module) throws SQLException {
        try {
            return readHistory(connection, module);
        } catch (SQLException e) {
            if (!dialect.isUndefinedTable(e)) {
                throw e;
            }
        }
        createHistory(connection);
        return readHistory(connection, module);
    }

    /**
     * Creates the module history; on a database of a release before module schemas, moves the old
     * history into it (in the same transaction, so a crash leaves one of the two, never both or none).
     */
    private void createHistory(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + HISTORY + " (module VARCHAR(200) NOT NULL, version INTEGER NOT NULL,"
                    + " description VARCHAR(200) NOT NULL, script VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL,"
                    + " module_version VARCHAR(100) NOT NULL, installed_at TIMESTAMP NOT NULL,"
                    + " execution_ms BIGINT NOT NULL, PRIMARY KEY (module, version))");
            int moved = moveLegacyHistory(connection);
            connection.commit();
            if (moved > 0) {
                LOG.info("Schema history of {} scripts moved to per-module history ({})", moved, HISTORY);
            }
        } catch (SQLException e) {
            connection.rollback();
            if (!dialect.isAlreadyExists(e)) { // another node or bundle was quicker
                throw e;
            }
        } catch (RuntimeException e) {
            connection.rollback(); // before auto-commit comes back on, which would commit
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private int moveLegacyHistory(Connection connection) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        // PostgreSQL gives up a whole transaction at its first error: a missing legacy table must not take the new
        // history's CREATE TABLE with it, hence the savepoint.
        java.sql.Savepoint beforeLegacy = connection.setSavepoint();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT version, description, script, checksum, installed_at, execution_ms FROM " + LEGACY_HISTORY);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ModuleVersion target = LEGACY_SCRIPTS.get(rs.getInt(1));
                if (target == null) {
                    throw new IllegalStateException("The database has schema script " + rs.getString(3)
                            + " (version " + rs.getInt(1) + ") that this release does not know: it was made by a newer"
                            + " release; start that release, or restore a backup made before it");
                }
                rows.add(new Object[] {target.module(), target.version(), rs.getString(2), rs.getString(3),
                        rs.getString(4), "legacy", Sql.instant(rs, "installed_at"), rs.getLong(6)});
            }
        } catch (SQLException e) {
            if (dialect.isUndefinedTable(e)) {
                connection.rollback(beforeLegacy);
                return 0; // a new database
            }
            throw e;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + HISTORY + " (module, version,"
                + " description, script, checksum, module_version, installed_at, execution_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] row : rows) {
                Sql.bindAll(insert, row).addBatch();
            }
            insert.executeBatch();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE " + LEGACY_HISTORY);
        }
        return rows.size();
    }

    private static Map<Integer, String> readHistory(Connection connection, String module) throws SQLException {
        Map<Integer, String> applied = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT version, checksum FROM " + HISTORY + " WHERE module = ?")) {
            s.setString(1, module);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return applied;
    }

    private static void verify(String module, Map<Integer, String> applied, List<Script> scripts) {
        for (Script script : scripts) {
            String checksum = applied.get(script.version());
            if (checksum != null && !checksum.equals(script.checksum())) {
                throw new IllegalStateException("Schema script " + script.name() + " of " + module
                        + " changed after it was applied (checksum " + script.checksum() + ", applied " + checksum
                        + "): restore the script as it was and put the change in a new script");
            }
        }
        int known = scripts.stream().mapToInt(Script::version).max().orElse(0);
        applied.keySet().stream().filter(v -> v > known).findAny().ifPresent(v -> LOG.warn(
                "The schema of {} is at version {}, newer than its bundle knows ({}): was it downgraded?", module, v,
                known));
    }

    /** Applies one script in one transaction; false when another node applied it meanwhile. */
    private boolean apply(Connection connection, String module, String moduleVersion, Script script)
            throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute(dialect.lockTable(HISTORY));
            try (PreparedStatement check = connection.prepareStatement(
                    "SELECT COUNT(*) FROM " + HISTORY + " WHERE module = ? AND version = ?")) {
                Sql.bindAll(check, module, script.version());
                try (ResultSet rs = check.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        connection.rollback();
                        return false;
                    }
                }
            }
            for (String statement : script.statements()) {
                Matcher dropForeignKeys = DROP_FOREIGN_KEYS.matcher(statement);
                Matcher notNull = ALTER_COLUMN_NOT_NULL.matcher(statement);
                if (dropForeignKeys.matches()) {
                    dropForeignKeys(connection, dropForeignKeys.group(1), dropForeignKeys.group(2));
                } else if (notNull.matches() && !connection.getMetaData().getDatabaseProductName().contains("Derby")) {
                    s.execute("ALTER TABLE " + notNull.group(1) + " ALTER COLUMN " + notNull.group(2) + " SET NOT NULL");
                } else {
                    s.execute(statement);
                }
            }
            try (PreparedStatement record = connection.prepareStatement("INSERT INTO " + HISTORY + " (module, version,"
                    + " description, script, checksum, module_version, installed_at, execution_ms)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                Sql.bindAll(record, module, script.version(), script.description(), script.name(), script.checksum(),
                        moduleVersion, Instant.now(), (System.nanoTime() - start) / 1_000_000);
                record.executeUpdate();
            }
            connection.commit();
            LOG.info("Applied schema script {} of {} in {} ms", script.name(), module,
                    (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Drops the foreign keys on one column of a table. The database named them (scripts declare them inline),
     * so a portable script cannot: the names come from JDBC's metadata, the same on every database.
     */
    private static void dropForeignKeys(Connection connection, String table, String column) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String t = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table.toLowerCase(Locale.ROOT);
        String col = meta.storesUpperCaseIdentifiers() ? column.toUpperCase(Locale.ROOT) : column.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        try (ResultSet keys = meta.getImportedKeys(null, connection.getSchema(), t)) {
            while (keys.next()) {
                if (col.equals(keys.getString("FKCOLUMN_NAME"))) {
                    names.add(keys.getString("FK_NAME"));
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            for (String name : names) {
                s.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + name + "\""); // as named: may hold a -
            }
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

    record ModuleVersion(String module, int version) {
    }

    /** One schema script: its version and description come from its name. */
    public record Script(int version, String description, String name, String checksum, List<String> statements) {

        /**
         * @param name  the file name, {@code V<n>__<description>.sql}
         * @param bytes its content, UTF-8
         */
        public static Script of(String name, byte[] bytes) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalArgumentException("a schema script is named V<n>__<description>.sql: " + name);
            }
            // Line ends normalised so that a checkout with CRLF has the same checksum.
            String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
            return new Script(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), name, sha256(text),
                    SchemaMigrations.statements(text));
        }

        public static boolean isScriptName(String name) {
            return NAME.matcher(name).matches();
        }
    }
}
