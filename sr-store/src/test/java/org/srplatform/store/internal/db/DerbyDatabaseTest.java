package org.srplatform.store.internal.db;

import org.srplatform.spi.store.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.XADataSource;
import org.osgi.service.jdbc.DataSourceFactory;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.catalog.Product;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;

class DerbyDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void reopeningAfterShutdownKeepsTheData() {
        DerbyDatabase first = Fixtures.openDatabase(dir);
        new JdbcCatalogRepository(first).saveProduct(Fixtures.datacenter());
        first.close();

        DerbyDatabase second = Fixtures.openDatabase(dir);
        try {
            Optional<Product> product = new JdbcCatalogRepository(second).product("datacenter");
            assertEquals(Optional.of(Fixtures.datacenter()), product);
        } finally {
            second.close();
        }
    }

    @Test
    void databaseAndDerbyLogLiveInTheDataFolder() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        db.close();
        assertTrue(Files.isDirectory(dir.resolve("db")), "database folder");
        assertTrue(Files.isRegularFile(dir.resolve("derby.log")), "derby.log");
        assertEquals(dir.toAbsolutePath(), db.dataDir());
    }

    @Test
    void workThatThrowsIsRolledBack() {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO support_offerings (id, name) VALUES ('x', 'X')")) {
                    s.executeUpdate();
                }
                throw new IllegalStateException("half-way");
            }));
            assertEquals("half-way", thrown.getMessage());
            assertEquals(0L, (long) db.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM support_offerings");
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }));
        } finally {
            db.close();
        }
    }

    @Test
    void instantsRoundTripWhateverTheJvmTimeZone() {
        // 01:30 happens twice in Los Angeles that night (the build runs the tests in that zone).
        List<Instant> instants = List.of(Instant.parse("2026-11-01T08:30:00.123456Z"),
                Instant.parse("2026-11-01T09:30:00.123456Z"), Instant.parse("2026-03-08T10:30:00Z"));
        DerbyDatabase db = Fixtures.openDatabase(dir);
        try {
            List<Instant> read = db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE instants (id INTEGER NOT NULL PRIMARY KEY, moment TIMESTAMP NOT NULL)");
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO instants (id, moment) VALUES (?, ?)")) {
                    for (int i = 0; i < instants.size(); i++) {
                        Sql.bindAll(s, i, instants.get(i)).executeUpdate();
                    }
                }
                List<Instant> found = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT moment FROM instants ORDER BY id");
                        ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(Sql.instant(rs, "moment"));
                    }
                }
                return found;
            });
            assertEquals(instants, read);
        } finally {
            db.close();
        }
    }

    @Test
    void settingsDefaultToTheFrameworkDataFolderThenToData() {
        StoreSettings fromFramework = StoreSettings.resolve(config("", ""), Optional.of("/srv/sr"));
        assertEquals(Path.of("/srv/sr"), fromFramework.dataDir());
        assertEquals("jdbc:derby:/srv/sr/db;create=true", fromFramework.jdbcUrl());
        assertEquals("jdbc:derby:/srv/sr/db;shutdown=true", fromFramework.shutdownUrl());

        StoreSettings fallback = StoreSettings.resolve(config("", ""), Optional.empty());
        assertEquals(Path.of("data").toAbsolutePath(), fallback.dataDir());

        StoreSettings configured = StoreSettings.resolve(config("jdbc:derby:memory:x;create=true", "/tmp/sr"),
                Optional.of("/srv/sr"));
        assertEquals(Path.of("/tmp/sr"), configured.dataDir());
        assertEquals("jdbc:derby:memory:x;shutdown=true", configured.shutdownUrl());
    }

    @Test
    void aUrlThatIsNotEmbeddedDerbyIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.resolve(config("jdbc:postgresql://db/sr", ""), Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.resolve(config("jdbc:derby://db:1527/sr", ""), Optional.empty()));
    }

    private static StoreConfig config(String url, String dataDir) {
        return new StoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfig.class;
            }

            @Override
            public String jdbc_url() {
                return url;
            }

            @Override
            public String data_dir() {
                return dataDir;
            }

            @Override
            public int page_cache_pages() {
                return DerbyDatabase.DEFAULT_PAGE_CACHE_PAGES;
            }

            @Override
            public String jdbc_user() {
                return "sr";
            }

            @Override
            public String jdbc_password() {
                return "not-shown";
            }

            @Override
            public int pool_size() {
                return 16;
            }

            @Override
            public int socket_timeout_seconds() {
                return 300;
            }
        };
    }

    /** What the platform asks of the PostgreSQL driver's data source. */
    private static Properties asked(String url) throws SQLException {
        Properties[] seen = new Properties[1];
        DataSourceFactory factory = new DataSourceFactory() {
            @Override
            public DataSource createDataSource(Properties props) {
                seen[0] = props;
                return null;
            }

            @Override
            public ConnectionPoolDataSource createConnectionPoolDataSource(Properties props) {
                throw new UnsupportedOperationException();
            }

            @Override
            public XADataSource createXADataSource(Properties props) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Driver createDriver(Properties props) {
                throw new UnsupportedOperationException();
            }
        };
        DatabaseSetup.dataSource(factory, url, config(url, ""));
        return seen[0];
    }

    @Test
    void postgresqlConnectionsGiveUpOnASilentNetworkUnlessTheUrlSaysOtherwise() throws SQLException {
        Properties plain = asked("jdbc:postgresql://db:5432/sr");
        assertEquals("300", plain.getProperty("socketTimeout"));
        assertEquals("true", plain.getProperty("tcpKeepAlive"));
        assertEquals("not-shown", plain.getProperty(DataSourceFactory.JDBC_PASSWORD));

        Properties chosen = asked("jdbc:postgresql://db:5432/sr?socketTimeout=30&tcpKeepAlive=false");
        assertNull(chosen.getProperty("socketTimeout"), "the URL's own time-out is left to the driver");
        assertNull(chosen.getProperty("tcpKeepAlive"));
    }

    @Test
    void aPostgresqlUrlWithoutItsDriverBundleSaysWhatToInstallAndItsDataFolderIsStillTheConfiguredOne() {
        IllegalStateException noDriver = assertThrows(IllegalStateException.class, () -> DatabaseSetup.open(
                config("jdbc:postgresql://db:5432/sr", ""), "test", Optional.empty()));
        assertTrue(noDriver.getMessage().contains("org.postgresql.jdbc"), noDriver.getMessage());
        assertTrue(!noDriver.getMessage().contains("not-shown"));
        assertEquals(java.nio.file.Path.of("/srv/sr").toAbsolutePath(),
                StoreSettings.dataDir(config("jdbc:postgresql://db:5432/sr", ""), Optional.of("/srv/sr")));
    }

    @Test
    void thePageCacheIsDerbysSystemPropertyAndTooSmallACacheIsRefusedSayingTheMinimum() {
        String before = System.getProperty("derby.storage.pageCacheSize");
        try {
            StoreSettings settings = StoreSettings.resolve(config("", ""), Optional.of("/srv/sr"));
            assertEquals(settings, DerbyDatabase.withPageCache(settings, 6000));
            assertEquals("6000", System.getProperty("derby.storage.pageCacheSize"));
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> DerbyDatabase.withPageCache(settings, 10));
            assertEquals("page.cache.pages of org.srplatform.store must be at least 40, not 10", refused.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("derby.storage.pageCacheSize");
            } else {
                System.setProperty("derby.storage.pageCacheSize", before);
            }
        }
    }

    /** As Derby reports a database another JVM has booted: XJ040, then XSDB6 as the next exception. */
    @Test
    void aDatabaseBootedByAnotherProcessIsToldApartFromOtherFailures() {
        java.sql.SQLException failedToStart = new java.sql.SQLException("Failed to start database", "XJ040");
        failedToStart.setNextException(new java.sql.SQLException("Another instance of Derby may have already booted"
                + " the database", "XSDB6"));
        assertTrue(DerbyDatabase.bootedElsewhere(failedToStart));
        assertTrue(!DerbyDatabase.bootedElsewhere(new java.sql.SQLException("Failed to start database", "XJ040",
                new java.sql.SQLException("disk full", "XSDG1"))));
    }

    @Test
    void theDatabaseFilesAreTheOwnersOnly() throws Exception {
        DerbyDatabase db = Fixtures.openDatabase(dir);
        db.close();
        if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            return;
        }
        try (var files = Files.walk(dir.resolve("db"))) {
            List<String> open = files.filter(f -> {
                try {
                    return Files.getPosixFilePermissions(f).stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> dir.relativize(f).toString()).toList();
            assertEquals(List.of(), open, "files and folders others may read");
        }
    }
}
