package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.suggest.SuggestionProvider;
import org.srplatform.spi.audit.AuditEntry;
import org.srplatform.spi.audit.AuditQuery;
import org.srplatform.spi.audit.AuditTrail;
import org.srplatform.spi.feature.FeatureService;
import org.srplatform.spi.feature.FeatureState;
import org.srplatform.spi.feature.FeatureSwitch;
import org.srplatform.spi.feature.FeatureSwitches;
import org.srplatform.spi.store.Transactions;

/**
 * Feature switches kept in the database, as several nodes on one database share them. Another node is simulated by
 * writing the switches through the store's SPI, as that node's feature service would: this node picks the change up
 * at its next poll of the switches' revision, with nothing else telling it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeatureSwitchesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SUGGEST = "suggestions?product=datacenter&category=performance&q=latency";

    @Inject
    private BundleContext context;

    @Inject
    private FeatureService features;

    @Inject
    private FeatureSwitches switches;

    @Inject
    private Transactions transactions;

    @Inject
    private AuditTrail audit;

    @Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    private Http http() throws InterruptedException {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("health", null, 200, WAIT).status());
        assertEquals(200, http.await("me", "admin1", 200, WAIT).status()); // the demo data is in
        return http;
    }

    /** What another node's feature service writes when its operator switches. */
    private void switchOnAnotherNode(String feature, boolean enabled) {
        assertTrue(transactions.inTransaction(tx -> switches.set(tx, feature, enabled, "operator")));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private boolean suggestionsRun() {
        return context.getServiceReference(SuggestionProvider.class) != null;
    }

    @Test
    public void aFeatureDisabledOnAnotherNodeGoesAwayHereAndComesBackWhenItIsEnabledThere() throws Exception {
        Http http = http();
        assertEquals(FeatureState.ACTIVE, features.feature("suggestions").orElseThrow().state());
        assertEquals(200, http.get(SUGGEST, "customer1").status());
        long before = switches.revision();

        switchOnAnotherNode("suggestions", false);

        await("suggestions switched off on this node", () -> !features.feature("suggestions").orElseThrow().enabled());
        await("the suggestion service gone", () -> !suggestionsRun());
        assertEquals(FeatureState.DISABLED, features.feature("suggestions").orElseThrow().state());
        Http.Answer off = http.await(SUGGEST, "customer1", 503, WAIT);
        assertEquals(off.body(), 503, off.status());
        assertEquals("suggestions", off.json().get("feature").asText());
        assertTrue(switches.revision() > before);

        switchOnAnotherNode("suggestions", true);

        await("suggestions active again", () -> features.feature("suggestions").orElseThrow().state() == FeatureState.ACTIVE);
        assertEquals(200, http.await(SUGGEST, "customer1", 200, WAIT).status());
    }

    @Test
    public void aSwitchMadeHereIsStoredForTheOtherNodesWithItsAuditEntry() throws Exception {
        Http http = http();
        assertEquals(200, http.put("admin/features/intake", "admin1", "{\"enabled\": false}").status());
        try {
            FeatureSwitch stored = switches.read().switches().stream().filter(s -> s.featureId().equals("intake"))
                    .findFirst().orElseThrow();
            assertFalse(stored.enabled());
            assertEquals("admin1", stored.changedBy()); // the administrator who switched, not a generic "operator"
            List<AuditEntry> entries = audit.entries(new AuditQuery(Optional.empty(), Optional.of("feature.disabled"),
                    Optional.empty(), Optional.empty()), PageRequest.first(10)).items();
            assertTrue(entries.toString(), entries.stream().anyMatch(e -> e.change().target().equals("feature:intake")
                    && e.change().actor().equals("admin1")));
        } finally {
            assertEquals(200, http.put("admin/features/intake", "admin1", "{\"enabled\": true}").status());
        }
        assertTrue(switches.read().switches().stream().filter(s -> s.featureId().equals("intake")).allMatch(FeatureSwitch::enabled));
    }
}
