package org.srplatform.store.internal.db;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The resolved configuration of the database.
 *
 * @param dataDir absolute folder of the store's files
 * @param jdbcUrl an embedded Derby URL
 */
public record StoreSettings(Path dataDir, String jdbcUrl) {

    public StoreSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
        if (!jdbcUrl.startsWith("jdbc:derby:") || jdbcUrl.startsWith("jdbc:derby://")) {
            throw new IllegalArgumentException("jdbc.url must be an embedded Derby URL (jdbc:derby:<path>...) or a"
                    + " PostgreSQL one (jdbc:postgresql://host:port/database), not " + jdbcUrl);
        }
    }

    /** The defaults: database {@code db} in the data folder, created on first use. */
    public static StoreSettings in(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return new StoreSettings(dir, "jdbc:derby:" + dir.resolve("db") + ";create=true");
    }

    /**
     * @param srData the framework property {@code sr.data}, if set
     */
    public static StoreSettings resolve(StoreConfig config, Optional<String> srData) {
        Path dir = dataDir(config, srData);
        return nonBlank(config.jdbc_url()).map(url -> new StoreSettings(dir, url)).orElseGet(() -> in(dir));
    }

    /** The data folder alone, whichever database holds the data: {@code data.dir}, else {@code sr.data}, else ./data. */
    public static Path dataDir(StoreConfig config, Optional<String> srData) {
        return Path.of(nonBlank(config.data_dir()).or(() -> srData.flatMap(StoreSettings::nonBlank)).orElse("./data"))
                .toAbsolutePath().normalize();
    }

    /** The URL that shuts the database down: the database name without its attributes. */
    public String shutdownUrl() {
        int attributes = jdbcUrl.indexOf(';');
        return (attributes < 0 ? jdbcUrl : jdbcUrl.substring(0, attributes)) + ";shutdown=true";
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
