package org.srplatform.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.srplatform.spi.feature.FeatureState;
import org.srplatform.spi.feature.FeatureSwitches;
import org.srplatform.spi.store.Transaction;

/** Two nodes on one database: a switch made on one is applied on the other when it polls. */
class FeatureSwitchFollowingTest {
    private final MemoryFeatureSwitches database = new MemoryFeatureSwitches();
    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    /** One platform node: its own SCR, condition and data folder, the shared database. */
    private record Node(ScrFeatureService service, FakeConditionRegistration condition, FakeServiceComponentRuntime scr) {
    }

    private Node node(Path data, FeatureSwitches switches) {
        FakeConditionRegistration condition = new FakeConditionRegistration();
        FakeServiceComponentRuntime scr = new FakeServiceComponentRuntime(condition)
                .component("VisibleSupportRequests", "requests", null)
                .component("EntitledIntakeService", "intake", null);
        return new Node(new ScrFeatureService(scr, switches, database, new FeatureChoices(data.resolve("features.properties")),
                condition::register), condition, scr);
    }

    @Test
    void aFeatureDisabledOnOneNodeIsDisabledOnTheOtherAtItsNextPoll() {
        Node a = node(dataA, database);
        Node b = node(dataB, database);
        a.service().setEnabled("intake", false);
        assertTrue(b.service().feature("intake").orElseThrow().enabled(), "not yet polled");

        b.service().follow();

        assertEquals(Set.of("intake"), b.condition().disabled());
        assertEquals(FeatureState.DISABLED, b.service().feature("intake").orElseThrow().state());
        assertEquals("UNSATISFIED_REFERENCE", b.service().feature("intake").orElseThrow().components().get(0).state(),
                "its components are gone on node b too");

        a.service().setEnabled("intake", true);
        b.service().follow();
        assertEquals(Set.of(), b.condition().disabled());
        assertEquals(FeatureState.ACTIVE, b.service().feature("intake").orElseThrow().state());
    }

    @Test
    void aPollWithoutAChangeReadsOnlyTheRevision() {
        Node b = node(dataB, database);
        int atStart = database.snapshotReads();
        b.service().follow();
        b.service().follow();
        assertEquals(atStart, database.snapshotReads());

        database.switchOnAnotherNode("requests", false);
        b.service().follow();
        b.service().follow();
        assertEquals(atStart + 1, database.snapshotReads(), "read once when the revision moved, then not again");
    }

    @Test
    void aRemoteEnableRepairsComponentsScrHoldsDisabledAsALocalOneDoes() {
        Node b = node(dataB, database);
        database.switchOnAnotherNode("intake", false);
        b.service().follow();
        b.scr().disableInScr("EntitledIntakeService");

        database.switchOnAnotherNode("intake", true);
        b.service().follow();

        assertEquals(FeatureState.ACTIVE, b.service().feature("intake").orElseThrow().state());
    }

    @Test
    void aReadThatALocalSwitchOvertookIsNotApplied() {
        // Node b's poll reads the switches; before it applies them, b's operator disables intake (the read is older).
        ScrFeatureService[] b = new ScrFeatureService[1];
        boolean[] overtaken = {false};
        FeatureSwitches racing = new FeatureSwitches() {
            @Override
            public long revision() {
                return database.revision();
            }

            @Override
            public Snapshot read() {
                Snapshot before = database.read();
                if (b[0] != null && !overtaken[0]) {
                    overtaken[0] = true;
                    b[0].setEnabled("intake", false);
                }
                return before;
            }

            @Override
            public boolean set(Transaction tx, String featureId, boolean enabled, String changedBy) {
                return database.set(tx, featureId, enabled, changedBy);
            }
        };
        b[0] = node(dataB, racing).service();
        database.switchOnAnotherNode("requests", false);

        b[0].follow();
        assertFalse(b[0].feature("intake").orElseThrow().enabled(), "the older read did not switch intake on again");
        b[0].follow();
        assertEquals(Set.of("intake", "requests"), database.read().disabled());
        assertFalse(b[0].feature("requests").orElseThrow().enabled(), "the next poll applies the other node's switch");
    }

    @Test
    void thePollerKeepsGoingWhileTheDatabaseIsAwayAndCatchesUp() {
        Node b = node(dataB, database);
        FeatureSwitchPoller poller = new FeatureSwitchPoller(config(0), b.service());
        database.down(true);
        poller.poll(); // logged once, not thrown: the schedule would stop
        poller.poll();
        database.down(false);
        database.switchOnAnotherNode("intake", false);

        poller.poll();

        assertEquals(Set.of("intake"), b.condition().disabled());
    }

    private static FeatureSwitchPoller.Config config(long pollMillis) {
        return (FeatureSwitchPoller.Config) Proxy.newProxyInstance(FeatureSwitchPoller.Config.class.getClassLoader(),
                new Class<?>[] {FeatureSwitchPoller.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "poll_millis" -> pollMillis;
                    case "annotationType" -> FeatureSwitchPoller.Config.class;
                    default -> method.getDefaultValue();
                });
    }
}
