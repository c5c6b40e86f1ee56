package org.srplatform.store.internal.db;

import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.srplatform.spi.store.Dialect;

/**
 * The store's one {@link Database} service, whichever database {@link DatabaseSetup} opened: made by it with the
 * open database as a private property, so that no configuration key (the database password above all) becomes a
 * property of the service, as DS would make it of a configured component's.
 */
@Component(factory = StoreDatabase.FACTORY, service = Database.class)
public final class StoreDatabase implements Database {
    static final String FACTORY = "org.srplatform.store.database.service";
    /** The private property with the open database (a leading dot keeps it out of the registry). */
    static final String DATABASE = ".database";

    private final Database database;

    @Activate
    public StoreDatabase(Map<String, Object> properties) {
        this.database = (Database) properties.get(DATABASE);
    }

    /** Closed by its owner, {@link DatabaseSetup}, after the service is gone. */
    @Override
    public void close() {
    }

    @Override
    public Dialect dialect() {
        return database.dialect();
    }

    @Override
    public Path dataDir() {
        return database.dataDir();
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        return database.inTransaction(work);
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        return database.read(work);
    }

    @Override
    public boolean sharedByNodes() {
        return database.sharedByNodes();
    }
}
