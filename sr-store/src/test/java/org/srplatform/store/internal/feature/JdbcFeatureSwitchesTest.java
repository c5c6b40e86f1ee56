package org.srplatform.store.internal.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.spi.feature.FeatureSwitch;
import org.srplatform.spi.feature.FeatureSwitches;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.Fixtures;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.request.StoreTransactions;

/** The switches every node shares (Derby, and PostgreSQL in sr-store's postgres run). */
class JdbcFeatureSwitchesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private Transactions transactions;
    private JdbcFeatureSwitches switches;

    @BeforeEach
    void open() {
        db = Fixtures.openStore(dir);
        transactions = new StoreTransactions(db, Clock.systemUTC(), () -> null);
        switches = new JdbcFeatureSwitches(db, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private boolean set(String feature, boolean enabled, String by) {
        return transactions.inTransaction(tx -> switches.set(tx, feature, enabled, by));
    }

    @Test
    void aNewDatabaseHasNoSwitchesEveryFeatureIsEnabled() {
        assertEquals(0, switches.revision());
        assertEquals(new FeatureSwitches.Snapshot(0, List.of()), switches.read());
    }

    @Test
    void aSwitchIsKeptWithWhoAndWhenAndEachChangeMovesTheRevision() {
        assertTrue(set("intake", false, "operator"));
        long afterDisable = switches.revision();
        assertTrue(afterDisable > 0);
        FeatureSwitches.Snapshot snapshot = switches.read();
        assertEquals(afterDisable, snapshot.revision());
        assertEquals(List.of(new FeatureSwitch("intake", false, NOW, "operator")), snapshot.switches());
        assertEquals(Set.of("intake"), snapshot.disabled());

        assertFalse(set("intake", false, "operator"), "already off");
        assertFalse(set("suggestions", true, "operator"), "a feature without a switch is on");
        assertTrue(set("intake", true, "features.properties"));
        assertTrue(switches.revision() > afterDisable);
        assertEquals(List.of(new FeatureSwitch("intake", true, NOW, "features.properties")), switches.read().switches());
        assertEquals(Set.of(), switches.read().disabled());
    }

    @Test
    void aSwitchIsSetWithItsTransactionOrNotAtAll() {
        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(tx -> {
            switches.set(tx, "intake", false, "operator");
            throw new IllegalStateException("the audit entry could not be written");
        }));
        assertEquals(0, switches.revision(), "the counter rolled back with the switch");
        assertEquals(List.of(), switches.read().switches());
    }

    @Test
    void switchesSetAtOnceGetOneRevisionEachInTheOrderTheyCommit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> nodes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String feature = "feature-" + i;
                nodes.add(() -> set(feature, false, "node-" + feature));
            }
            for (Future<Boolean> f : pool.invokeAll(nodes)) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, switches.revision());
        Set<Long> revisions = db.read(c -> {
            Set<Long> r = new TreeSet<>();
            try (var s = c.prepareStatement("SELECT revision FROM feature_switches"); var rs = s.executeQuery()) {
                while (rs.next()) {
                    r.add(rs.getLong(1));
                }
            }
            return r;
        });
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), revisions, "no two changes share a revision");
        assertEquals(8, switches.read().disabled().size());
    }

    @Test
    void anIdOrAuthorOutOfBoundsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> set(" ", false, "operator"));
        assertThrows(IllegalArgumentException.class, () -> set("x".repeat(101), false, "operator"));
        assertThrows(IllegalArgumentException.class, () -> set("intake", false, ""));
    }
}
