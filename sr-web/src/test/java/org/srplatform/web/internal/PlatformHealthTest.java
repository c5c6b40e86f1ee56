package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureComponent;
import org.srplatform.spi.feature.FeatureState;

class PlatformHealthTest {
    private static final PlatformHealth.CoreBundle STORE_UP = store("ACTIVE", "ACTIVE");
    private static final PlatformHealth.CoreBundle SWITCHING_UP = new PlatformHealth.CoreBundle(PlatformHealth.FEATURES_BUNDLE,
            true, List.of(component("org.srplatform.features.internal.ScrFeatureService", "ACTIVE")));

    private static FeatureComponent component(String name, String state) {
        return new FeatureComponent(name, "org.srplatform.x", state);
    }

    /** The store's database and user directory in these states. */
    private static PlatformHealth.CoreBundle store(String database, String users) {
        return new PlatformHealth.CoreBundle(PlatformHealth.STORE_BUNDLE, true, List.of(
                component(PlatformHealth.DATABASE_COMPONENT, database),
                component("org.srplatform.store.internal.security.JdbcUserDirectory", users)));
    }

    private static Feature feature(String id, FeatureState state, String componentState) {
        return new Feature(id, state != FeatureState.DISABLED, state,
                List.of(component("org.srplatform." + id + ".internal.Service", componentState)));
    }

    private static PlatformHealth.Check check(PlatformHealth.Health health, String name) {
        return health.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    @Test
    void upWhenTheStoreAndEveryEnabledFeatureAreActive() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP, Optional.of(List.of(
                feature("intake", FeatureState.ACTIVE, "ACTIVE"), feature("suggestions", FeatureState.DISABLED, "UNSATISFIED_REFERENCE"))));

        assertEquals("UP", health.status());
        assertTrue(health.checks().stream().allMatch(c -> c.status().equals("UP") && c.detail() == null), health.toString());
        assertEquals(List.of("intake", "suggestions"), health.features().stream().map(PlatformHealth.FeatureHealth::id).toList());
    }

    @Test
    void startingWhileTheStoreIsNotOpenYet() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), store("ACTIVE", "UNSATISFIED_CONFIGURATION"),
                SWITCHING_UP, Optional.of(List.of(feature("intake", FeatureState.ACTIVE, "ACTIVE"))));

        assertEquals("STARTING", health.status());
        assertEquals(new PlatformHealth.Check("store", "STARTING", "waiting: 1 component for its configuration"),
                check(health, "store"));
    }

    @Test
    void startingWhileTheFrameworkStartsItsBundlesEvenIfAllThatIsThereRuns() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.of("start level 3 of 4"), STORE_UP, SWITCHING_UP,
                Optional.of(List.of()));

        assertEquals("STARTING", health.status());
        assertEquals("start level 3 of 4", check(health, "platform").detail());
    }

    @Test
    void startingWhileAnEnabledFeatureIsNotActiveYet() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP,
                Optional.of(List.of(feature("intake", FeatureState.UNSATISFIED, "UNSATISFIED_REFERENCE"))));

        assertEquals("STARTING", health.status());
        assertEquals("waiting: 1 component for a service it needs", check(health, "intake").detail());
    }

    @Test
    void downNamingTheFeatureWhoseComponentFailedToActivate() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP,
                Optional.of(List.of(feature("suggestions", FeatureState.UNSATISFIED, "FAILED_ACTIVATION"),
                        feature("intake", FeatureState.UNSATISFIED, "UNSATISFIED_REFERENCE"))));

        assertEquals("DOWN", health.status(), "a failure outweighs what is still starting");
        assertEquals(new PlatformHealth.Check("suggestions", "DOWN", "1 component failed to start; the log says why"),
                check(health, "suggestions"));
    }

    @Test
    void downNamingAFeatureWithAComponentScrHoldsDisabledAndHowToRepairIt() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP,
                Optional.of(List.of(feature("intake", FeatureState.UNSATISFIED, "DISABLED"))));

        assertEquals("DOWN", health.status());
        String detail = check(health, "intake").detail();
        assertTrue(detail.contains("disabled in SCR") && detail.contains("'sr:enable intake'"), detail);
        assertFalse(detail.contains("internal"), "no component (class) names in a public answer: " + detail);
    }

    @Test
    void downWhenTheDatabaseCannotBeOpened() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), store("FAILED_ACTIVATION", "UNSATISFIED_REFERENCE"),
                SWITCHING_UP, Optional.of(List.of()));

        assertEquals("DOWN", health.status());
        assertTrue(check(health, "store").detail().startsWith("the database could not be opened"), health.toString());
    }

    @Test
    void downWhenTheStoreBundleIsNotRunningOnceStarted() {
        PlatformHealth.CoreBundle stopped = new PlatformHealth.CoreBundle(PlatformHealth.STORE_BUNDLE, false, List.of());
        assertEquals("DOWN", PlatformHealth.evaluate(Optional.empty(), stopped, SWITCHING_UP, Optional.of(List.of())).status());
        assertEquals("STARTING", PlatformHealth.evaluate(Optional.of("start level 2 of 4"), stopped, SWITCHING_UP,
                Optional.empty()).status());
    }

    @Test
    void startingWithoutTheFeatureService() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP, Optional.empty());

        assertEquals("STARTING", health.status());
        assertEquals(List.of(), health.features());
    }

    /** A capability still loading its data (the demo's first load) holds readiness; DEGRADED does not. */
    @Test
    void aContributedCheckThatIsStartingKeepsThePlatformStarting() {
        PlatformHealth.Check loading = new PlatformHealth.Check("demo", "STARTING", "loading the demo data");
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP,
                Optional.of(List.of()), Optional.empty(), List.of(loading));
        assertEquals("STARTING", health.status());
        assertEquals(loading, check(health, "demo"));
        assertEquals("UP", PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP, Optional.of(List.of()),
                Optional.empty(), List.of(new PlatformHealth.Check("email", "DEGRADED", "refused"))).status());
    }

    @Test
    void endpointsThatHaveNotJoinedTheApiYetKeepThePlatformStarting() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP,
                Optional.of(List.of()), Optional.of("2 endpoints are joining the API"));
        assertEquals("STARTING", health.status());
        assertEquals(new PlatformHealth.Check("api", "STARTING", "2 endpoints are joining the API"), check(health, "api"));
        assertEquals("UP", PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP, Optional.of(List.of()),
                Optional.empty()).status());
    }

    @Test
    void aFeatureWaitingOnOneAnOperatorDisabledDoesNotHoldReadiness() {
        Feature requests = feature("requests", FeatureState.DISABLED, "UNSATISFIED_REFERENCE");
        Feature attachments = new Feature("attachments", true, FeatureState.WAITING,
                List.of(component("org.srplatform.attachments.internal.FileAttachmentStore", "UNSATISFIED_REFERENCE")),
                List.of("requests"), Optional.of("requires feature 'requests', which is disabled"), List.of());

        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.empty(), STORE_UP, SWITCHING_UP,
                Optional.of(List.of(attachments, requests)));

        assertEquals("UP", health.status());
        assertEquals("WAITING", health.features().get(0).state(), "still told in the features");
        assertEquals(new PlatformHealth.Check("attachments", "WAITING", "requires feature 'requests', which is disabled"),
                check(health, "attachments"), "and in the checks, with why");
    }

    @Test
    void componentsScrHasNotEnabledYetWhileBundlesStartAreStartingNotDown() {
        PlatformHealth.Health health = PlatformHealth.evaluate(Optional.of("start level 4 of 4"), store("DISABLED", "DISABLED"),
                SWITCHING_UP, Optional.of(List.of(feature("intake", FeatureState.UNSATISFIED, "DISABLED"))));

        assertEquals("STARTING", health.status());
        assertEquals("waiting: 2 components not enabled yet", check(health, "store").detail());
    }
}
