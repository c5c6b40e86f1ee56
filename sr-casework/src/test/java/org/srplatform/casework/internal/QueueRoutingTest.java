package org.srplatform.casework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.Severity;
import org.srplatform.spi.admin.QueueSetup;
import org.srplatform.spi.store.Transactions;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.SchemaMigrations;
import org.srplatform.store.internal.db.StoreSettings;
import org.srplatform.store.internal.request.StoreTransactions;

/** Queues and routing rules written in an administrator's transaction (the setup document), through the SPI. */
class QueueRoutingTest {
    @TempDir
    Path dir;
    private DerbyDatabase db;
    private Transactions transactions;
    private QueueRouting routing;
    private QueueSetup setup;

    @BeforeEach
    void open() throws IOException {
        db = new DerbyDatabase(StoreSettings.in(dir));
        List<SchemaMigrations.Script> scripts = new ArrayList<>();
        for (String name : List.of("V1__casework.sql", "V2__auto_close_warning.sql")) {
            try (InputStream in = QueueRoutingTest.class.getResourceAsStream("/schema/" + name)) {
                scripts.add(SchemaMigrations.Script.of(name, in.readAllBytes()));
            }
        }
        db.read(c -> new SchemaMigrations(db.dialect()).migrate(c, "org.srplatform.casework", "test", scripts));
        transactions = new StoreTransactions(db, Clock.systemUTC(), () -> null);
        routing = new QueueRouting(transactions);
        setup = new CaseworkQueueSetup(routing);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aRuleMayNameAQueueWrittenEarlierInTheSameTransactionAndRoutingFollowsTheCommit() {
        QueueSetup.Queue storage = new QueueSetup.Queue("storage", "Storage", true);
        QueueSetup.RoutingRule s1 = new QueueSetup.RoutingRule(Optional.of("server"), Optional.of(1), Optional.empty(),
                "storage");
        QueueSetup.RoutingRule rest = new QueueSetup.RoutingRule(Optional.empty(), Optional.empty(), Optional.empty(),
                "general");
        assertEquals(List.of(), setup.check(List.of(storage), Optional.of(List.of(s1, rest))));
        transactions.inTransaction(tx -> {
            setup.save(tx, List.of(storage), Optional.empty());
            setup.save(tx, List.of(), Optional.of(List.of(s1, rest)));
            return null;
        });
        assertEquals(List.of(s1, rest), setup.routingRules());
        assertEquals(Optional.of("storage"), routing.route("server", Severity.S1, "EMEA"));
        assertEquals(Optional.of("general"), routing.route("server", Severity.S2, "EMEA"));
    }

    @Test
    void wrongQueuesAndRulesAreNamedByTheirPlaceAndNothingIsWritten() {
        List<QueueSetup.Queue> queues = List.of(new QueueSetup.Queue("Bad Id", "x", true),
                new QueueSetup.Queue("general", "General", false));
        assertEquals(List.of(FieldError.of("queues[0].id", "is 1 to 64 lower-case letters, digits, '.', '_' or '-'"),
                FieldError.of("queues[1].active", "queue 'general' is named by routing rules; change those rules before"
                        + " deactivating it")), setup.check(queues, Optional.empty()));
        List<QueueSetup.RoutingRule> rules = List.of(new QueueSetup.RoutingRule(Optional.empty(), Optional.of(5),
                Optional.empty(), "nowhere"));
        assertEquals(List.of("routingRules[0].queue", "routingRules[0].severity"), setup.check(List.of(), Optional.of(rules))
                .stream().map(FieldError::field).toList());
        assertThrows(ValidationException.class, () -> transactions.inTransaction(tx -> {
            setup.save(tx, List.of(), Optional.of(rules));
            return null;
        }));
        assertEquals(1, setup.routingRules().size(), "the catch-all rule casework starts with is kept");
    }
}
