package org.srplatform.store.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.srplatform.spi.store.Transactions;

/**
 * Moves a stopped platform's data from embedded Derby to an empty PostgreSQL database: every bundle's schema is
 * made there from the scripts in the distribution's bundles (as a start would make it), then every table is
 * copied row by row in the order of their foreign keys, the identity columns and the SR number sequence carry on
 * where Derby left them, and the row counts of both sides are compared. Run with the platform stopped (Derby
 * lets one process open its database):
 *
 * <pre>
 * java -cp 'lib/org.apache.felix.framework.jar:system/*' org.srplatform.store.internal.db.StoreCopy --from data/db \
 *      --to jdbc:postgresql://127.0.0.1:5432/sr --user sr --password ... [--bundles system]
 * </pre>
 */
public final class StoreCopy {
    private static final int BATCH = 500;

    private final PrintStream out;

    StoreCopy(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!o.containsKey("from") || !o.containsKey("to") || args.length % 2 != 0) {
            System.err.println("usage: StoreCopy --from <Derby database folder, e.g. data/db> --to"
                    + " jdbc:postgresql://host:port/db [--user U] [--password P] [--bundles system]");
            System.exit(2);
        }
        Path bundles = Path.of(o.getOrDefault("bundles", "system"));
        Map<String, List<SchemaMigrations.Script>> schemas = schemasIn(bundles);
        Properties target = new Properties();
        if (o.containsKey("user")) {
            target.setProperty("user", o.get("user"));
        }
        if (o.containsKey("password")) {
            target.setProperty("password", o.get("password"));
        }
        String from = o.get("from").startsWith("jdbc:") ? o.get("from") : "jdbc:derby:" + Path.of(o.get("from"))
                .toAbsolutePath();
        Driver derby = derbyDriver();
        try (Connection source = derby.connect(from, new Properties());
                Connection copy = DriverManager.getConnection(o.get("to"), target)) {
            new StoreCopy(System.out).copy(source, copy, schemas);
        } finally {
            try {
                derby.connect("jdbc:derby:;shutdown=true", new Properties());
            } catch (SQLException expected) {
                // XJ015: Derby's engine stopped
            }
        }
    }

    /**
     * Derby's driver: on the class path when there is one, else from the jars the store bundle embeds (its
     * Bundle-ClassPath), which a plain {@code java -cp 'system/*'} does not open.
     */
    private static Driver derbyDriver() throws Exception {
        String name = "org.apache.derby.jdbc.EmbeddedDriver";
        ClassLoader loader;
        try {
            Class.forName(name);
            loader = StoreCopy.class.getClassLoader();
        } catch (ClassNotFoundException notOnClassPath) {
            Path bundle = Path.of(StoreCopy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.createTempDirectory("sr-store-copy");
            List<URL> jars = new ArrayList<>();
            try (JarFile file = new JarFile(bundle.toFile())) {
                for (JarEntry e : Collections.list(file.entries())) {
                    if (e.getName().startsWith("lib/derby") && e.getName().endsWith(".jar")) {
                        Path jar = dir.resolve(e.getName().substring(4));
                        try (InputStream in = file.getInputStream(e)) {
                            Files.copy(in, jar);
                        }
                        jar.toFile().deleteOnExit();
                        jars.add(jar.toUri().toURL());
                    }
                }
            }
            dir.toFile().deleteOnExit();
            loader = new URLClassLoader(jars.toArray(URL[]::new), StoreCopy.class.getClassLoader());
        }
        return (Driver) Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
    }

    /**
     * The schema scripts of each bundle in a folder, by symbolic name ({@code SR-Schema} header): the store's
     * own are in its classes.
     */
    static Map<String, List<SchemaMigrations.Script>> schemasIn(Path folder) throws IOException {
        Map<String, List<SchemaMigrations.Script>> schemas = new TreeMap<>();
        schemas.put(SchemaMigrations.STORE_MODULE, SchemaMigrations.storeScripts());
        if (!Files.isDirectory(folder)) {
            throw new IOException("no bundle folder " + folder.toAbsolutePath() + ": give --bundles, the"
                    + " distribution's system/ folder");
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    Manifest manifest = file.getManifest();
                    String schema = manifest == null ? null : manifest.getMainAttributes().getValue(Transactions.SCHEMA_HEADER);
                    if (schema == null || schema.isBlank()) {
                        continue;
                    }
                    String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].strip();
                    String prefix = schema.strip() + "/";
                    List<SchemaMigrations.Script> scripts = new ArrayList<>();
                    for (JarEntry e : Collections.list(file.entries())) {
                        String entry = e.getName();
                        if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0
                                && SchemaMigrations.Script.isScriptName(entry.substring(prefix.length()))) {
                            try (InputStream in = file.getInputStream(e)) {
                                scripts.add(SchemaMigrations.Script.of(entry.substring(prefix.length()), in.readAllBytes()));
                            }
                        }
                    }
                    schemas.put(name, scripts);
                }
            }
        }
        return schemas;
    }

    /**
     * Copies every table of the source into the empty target after making each module's schema there.
     *
     * @return rows copied per table
     */
    Map<String, Long> copy(Connection source, Connection target, Map<String, List<SchemaMigrations.Script>> schemas)
            throws SQLException {
        if (tables(target).contains("module_schema_history")) {
            throw new IllegalStateException("the target database already has the platform's tables: give an empty"
                    + " database (CREATE DATABASE ... OWNER ...)");
        }
        Map<String, String> sourceVersions = moduleVersions(source);
        SchemaMigrations migrations = new SchemaMigrations(new PostgresDialect());
        for (Map.Entry<String, List<SchemaMigrations.Script>> module : schemas.entrySet()) {
            if (sourceVersions.containsKey(module.getKey())) {
                migrations.migrate(target, module.getKey(), "copy", module.getValue());
            }
        }
        for (String module : sourceVersions.keySet()) {
            if (!schemas.containsKey(module)) {
                throw new IllegalStateException("the Derby database holds tables of " + module + ", whose bundle is"
                        + " not in the bundle folder: add it (from deploy/) and copy again into an empty database");
            }
        }
        target.setAutoCommit(false);
        Map<String, Long> copied = new LinkedHashMap<>();
        try {
            try (Statement s = target.createStatement()) {
                s.execute("SET CONSTRAINTS ALL DEFERRED");
            }
            List<String> ordered = inForeignKeyOrder(target);
            ordered.remove("module_schema_history"); // made by the migrations above
            // Rows the scripts wrote (the general queue, ...) are in the source too, maybe changed since: theirs win.
            for (int i = ordered.size() - 1; i >= 0; i--) {
                try (Statement s = target.createStatement()) {
                    s.execute("DELETE FROM " + ordered.get(i));
                }
            }
            for (String table : ordered) {
                copied.put(table, copyTable(source, target, table));
            }
            continueSequences(source, target);
            target.commit();
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(true);
        }
        for (Map.Entry<String, Long> t : copied.entrySet()) {
            long there = count(target, t.getKey());
            if (there != t.getValue()) {
                throw new IllegalStateException("table " + t.getKey() + ": " + t.getValue() + " rows read, " + there
                        + " in PostgreSQL");
            }
            out.printf("%-32s %10d rows%n", t.getKey(), t.getValue());
        }
        out.printf("copied %d tables of %d modules; the SR number sequence and identity columns carry on%n",
                copied.size(), sourceVersions.size());
        return copied;
    }

    private long copyTable(Connection source, Connection target, String table) throws SQLException {
        List<String> columns = columns(target, table);
        boolean identity = !identities(target, table).isEmpty();
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ")"
                + (identity ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        long rows = 0;
        try (Statement read = source.createStatement();
                ResultSet rs = read.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table);
                PreparedStatement write = target.prepareStatement(insert)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    write.setObject(i, rs.getObject(i), meta.getColumnType(i));
                }
                write.addBatch();
                if (++rows % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return rows;
    }

    /** Identity columns and the SR number sequence continue after the highest value copied. */
    private static void continueSequences(Connection source, Connection target) throws SQLException {
        for (String table : tables(target)) {
            for (String column : identities(target, table)) {
                try (Statement s = target.createStatement()) {
                    s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), COALESCE((SELECT"
                            + " MAX(" + column + ") FROM " + table + "), 0) + 1, false)");
                }
            }
        }
        try (Statement s = source.createStatement();
                ResultSet rs = s.executeQuery("SELECT CURRENTVALUE FROM SYS.SYSSEQUENCES WHERE"
                        + " SEQUENCENAME = 'SR_NUMBER_SEQ'")) {
            if (rs.next()) {
                long next = rs.getLong(1); // Derby's next value to hand out (NULL, read as 0, when exhausted)
                try (Statement t = target.createStatement()) {
                    t.execute("SELECT setval('sr_number_seq', " + Math.max(1, next) + ", false)");
                }
            }
        }
    }

    private static Map<String, String> moduleVersions(Connection source) throws SQLException {
        Map<String, String> modules = new TreeMap<>();
        try (Statement s = source.createStatement();
                ResultSet rs = s.executeQuery("SELECT module, MAX(version) FROM module_schema_history GROUP BY module")) {
            while (rs.next()) {
                modules.put(rs.getString(1), rs.getString(2));
            }
        }
        return modules;
    }

    private static Set<String> tables(Connection c) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /** Tables referenced by foreign keys before the tables that reference them. */
    private static List<String> inForeignKeyOrder(Connection c) throws SQLException {
        Set<String> all = tables(c);
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Set<String>> needs = new TreeMap<>();
        for (String table : all) {
            Set<String> parents = new LinkedHashSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, c.getSchema(), table)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(table)) {
                        parents.add(parent);
                    }
                }
            }
            needs.put(table, parents);
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < all.size()) {
            boolean progress = false;
            for (Map.Entry<String, Set<String>> t : needs.entrySet()) {
                if (!ordered.contains(t.getKey()) && ordered.containsAll(t.getValue())) {
                    ordered.add(t.getKey());
                    progress = true;
                }
            }
            if (!progress) { // a cycle: constraints are deferred where they can be; copy the rest as they come
                needs.keySet().stream().filter(t -> !ordered.contains(t)).forEach(ordered::add);
            }
        }
        return ordered;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    /** The table's identity columns (any name: {@code id}, a timeline's {@code seq}...). */
    private static List<String> identities(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE"
                + " table_schema = current_schema() AND table_name = ? AND is_identity = 'YES'")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
