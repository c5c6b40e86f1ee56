package org.srplatform.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.SchemaMigrations;
import org.srplatform.store.internal.db.StoreSettings;
import org.srplatform.store.internal.request.StoreTransactions;

/**
 * The real store on Derby in a folder, with intake's own tables applied from this module's schema
 * scripts as the store applies them to the intake bundle at run time. (Tests only: at run time intake
 * sees nothing of the store but the Transactions service.)
 */
record IntakeDatabase(DerbyDatabase database, Transactions transactions) implements AutoCloseable {

    static final List<String> SCRIPTS = List.of("V1__phone_messages.sql", "V2__idempotency_keys.sql");

    static IntakeDatabase open(Path dir) {
        DerbyDatabase db = new DerbyDatabase(StoreSettings.in(dir));
        List<SchemaMigrations.Script> scripts = SCRIPTS.stream().map(IntakeDatabase::script).toList();
        db.read(c -> new SchemaMigrations(db.dialect()).migrate(c, "org.srplatform.intake", "test", scripts));
        return new IntakeDatabase(db, new StoreTransactions(db, Clock.systemUTC(), () -> null));
    }

    private static SchemaMigrations.Script script(String name) {
        try (InputStream in = IntakeDatabase.class.getResourceAsStream("/schema/" + name)) {
            return SchemaMigrations.Script.of(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
