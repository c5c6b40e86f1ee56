package org.srplatform.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.common.Actor;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.store.internal.account.JdbcAccountRepository;
import org.srplatform.store.internal.catalog.JdbcCatalogRepository;
import org.srplatform.store.internal.db.DerbyDatabase;
import org.srplatform.store.internal.db.StoreSettings;
import org.srplatform.store.internal.request.StoreTransactions;

/**
 * What an SR costs the store without HTTP: the SR, its CREATED timeline entry and its confirmation in the outbox,
 * in one durable transaction on embedded Derby, as intake writes them (the store's own transaction service and
 * its group commit), from 1 and from 16 threads. Beside the HTTP intake figure of bench/intake-load.sh it splits
 * an SR's cost between the database and the request above it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dderby.storage.pageCacheSize=8000"})
public class StoreWriteBenchmark {
    private Path dir;
    private DerbyDatabase db;
    private StoreTransactions transactions;
    private final Clock clock = Clock.systemUTC();

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("sr-jmh-store");
        db = new DerbyDatabase(StoreSettings.in(dir));
        transactions = new StoreTransactions(db, clock, () -> null);
        new JdbcCatalogRepository(db).saveProduct(new Product("datacenter", "Datacenter",
                SupportHours.twentyFourSeven(), List.of(new ProblemCategory("performance", "Performance", "Slow"))));
        JdbcAccountRepository accounts = new JdbcAccountRepository(db);
        accounts.saveOffering(new SupportOffering("production", "Production", Map.of(Severity.S2,
                new FirstResponseTarget(Duration.ofHours(4), ResponseClock.AROUND_THE_CLOCK))));
        accounts.saveAccount(new Account("1001", "Acme Corp", "C1001", "APJ", List.of(new SupportContract("datacenter",
                "production", ContractType.SUBSCRIPTION, LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 31), 0))));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** One SR as intake writes it: the request, its first timeline entry, its confirmation; one durable commit. */
    SrNumber writeOne() {
        Instant at = clock.instant();
        return transactions.inTransaction(tx -> {
            var sr = tx.createRequest(new SupportRequestDraft("1001", "datacenter", "performance", Severity.S2,
                    "Datastore latency after the upgrade", "Latency goes from 2 ms to over 300 ms for about ten"
                    + " minutes, then recovers. Only virtual machines on the shared datastore are affected.",
                    List.of("latency", "storage"), ContactMethod.EMAIL, Optional.empty(), "customer1", IntakeChannel.WEB,
                    at, at.plus(Duration.ofHours(1)), Optional.of(at.plus(Duration.ofHours(4))), false),
                    TimelineEntry.of(at, new Actor("customer1", "Casey Customer"), "CREATED", "Opened on the web",
                            Map.of()));
            tx.enqueue(List.of(new OutboundMessage("notification", Optional.of(sr.number()), "customer1@acme.example",
                    "CONFIRMATION", "{\"kind\":\"CONFIRMATION\"}", at)));
            return sr.number();
        });
    }

    @Benchmark
    @Threads(1)
    public SrNumber srWrite1Thread() {
        return writeOne();
    }

    @Benchmark
    @Threads(16)
    public SrNumber srWrite16Threads() {
        return writeOne();
    }
}
