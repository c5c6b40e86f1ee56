package org.srplatform.casework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.request.Severity;
import org.srplatform.spi.catalog.UpdateCadence;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.StoreSettings;
import org.srplatform.store.internal.request.StoreTransactions;

/** The update cadence: the offering's own (read through the catalog SPI), else this bundle's configuration. */
class ServiceTermsTest {
    @TempDir
    Path dir;
    private DerbyDatabase db;
    private JdbcCatalogRepository catalog;
    private ServiceTerms terms;

    /** The configuration's defaults: update.hours.severity1..4 = 4, 12, 36, 60. */
    private static CaseworkConfig defaults() {
        return (CaseworkConfig) Proxy.newProxyInstance(CaseworkConfig.class.getClassLoader(),
                new Class<?>[] {CaseworkConfig.class}, (proxy, method, args) -> method.getDefaultValue());
    }

    @BeforeEach
    void open() {
        db = new DerbyDatabase(StoreSettings.in(dir));
        catalog = new JdbcCatalogRepository(db);
        JdbcAccountRepository accounts = new JdbcAccountRepository(db);
        accounts.saveOffering(new SupportOffering("gold", "Gold", Map.of(Severity.S1,
                new FirstResponseTarget(Duration.ofHours(1), ResponseClock.AROUND_THE_CLOCK))));
        accounts.saveOffering(new SupportOffering("basic", "Basic", Map.of(Severity.S1,
                new FirstResponseTarget(Duration.ofHours(8), ResponseClock.SUPPORT_HOURS))));
        terms = new ServiceTerms(accounts, catalog, defaults());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anOfferingsOwnCadenceWinsAndTheConfigurationAnswersForTheRest() {
        assertEquals(Duration.ofHours(4), terms.updateEvery("gold", Severity.S1), "no cadence of its own yet");
        new StoreTransactions(db, Clock.systemUTC(), () -> null).inTransaction(tx -> {
            catalog.saveUpdateCadence(tx, "gold", new UpdateCadence(Map.of(Severity.S1, Duration.ofMinutes(90))));
            return null;
        });
        assertEquals(Duration.ofMinutes(90), terms.updateEvery("gold", Severity.S1));
        assertEquals(Duration.ofHours(12), terms.updateEvery("gold", Severity.S2), "a severity it does not name");
        assertEquals(Duration.ofHours(4), terms.updateEvery("basic", Severity.S1), "another offering");
        assertEquals(Duration.ofHours(60), terms.updateEvery("none", Severity.S4), "an SR under no contract");
    }
}
