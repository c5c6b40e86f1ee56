package org.srplatform.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureState;
import org.srplatform.spi.audit.AuditChange;
import org.srplatform.spi.store.StoreException;

class ScrFeatureServiceTest {
    private final FakeConditionRegistration condition = new FakeConditionRegistration();
    private final FakeServiceComponentRuntime scr = new FakeServiceComponentRuntime(condition);
    private final MemoryFeatureSwitches store = new MemoryFeatureSwitches();
    @TempDir
    Path data;

    private ScrFeatureService service() {
        return new ScrFeatureService(scr, store, store, new FeatureChoices(data.resolve("features.properties")), condition::register);
    }

    /** The platform's own features: attachments use the SupportRequestService of requests. */
    private ScrFeatureService platform() {
        scr.component("VisibleSupportRequests", "requests", null)
                .component("FileAttachmentStore", "attachments", "requests", "requests")
                .component("EntitledIntakeService", "intake", null);
        return service();
    }

    private static Feature feature(ScrFeatureService service, String id) {
        return service.feature(id).orElseThrow();
    }

    @Test
    void attachmentsWaitOnDisabledRequests() {
        ScrFeatureService service = platform();
        service.setEnabled("requests", false);

        Feature attachments = feature(service, "attachments");
        assertTrue(attachments.enabled());
        assertEquals(FeatureState.WAITING, attachments.state());
        assertEquals(List.of("requests"), attachments.requires());
        assertEquals(Optional.of("requires feature 'requests', which is disabled"), attachments.reason());
        assertEquals(FeatureState.ACTIVE, feature(service, "intake").state(), "a feature that requires nothing keeps running");
    }

    @Test
    void attachmentsAreActiveAgainOnceRequestsIsEnabled() {
        ScrFeatureService service = platform();
        service.setEnabled("requests", false);
        assertEquals(FeatureState.WAITING, feature(service, "attachments").state());
        service.setEnabled("requests", true);

        Feature attachments = feature(service, "attachments");
        assertEquals(FeatureState.ACTIVE, attachments.state());
        assertEquals(Optional.empty(), attachments.reason());
        assertEquals(List.of(), feature(service, "requests").waitedOnBy());
    }

    @Test
    void attachmentsWaitOnRequestsThatIsEnabledButUnsatisfied() {
        scr.hold("VisibleSupportRequests", ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        ScrFeatureService service = platform();

        Feature attachments = feature(service, "attachments");
        assertEquals(FeatureState.WAITING, attachments.state());
        assertTrue(attachments.reason().orElseThrow().startsWith("requires feature 'requests', which is enabled but not active"),
                attachments.reason().orElseThrow());
        assertEquals(FeatureState.UNSATISFIED, feature(service, "requests").state());
        assertEquals(List.of("attachments"), feature(service, "requests").waitedOnBy());
    }

    @Test
    void aFeatureRequiringAWaitingFeatureWaitsToo() {
        // The archive's own component keeps running here: it waits because attachments waits, not because SCR says so.
        scr.component("AttachmentArchive", "archive", "attachments");
        ScrFeatureService service = platform();
        Feature requests = service.setEnabled("requests", false);

        Feature archive = feature(service, "archive");
        assertEquals(FeatureState.WAITING, archive.state());
        assertEquals(Optional.of("requires feature 'attachments', which waits on 'requests'"), archive.reason());
        assertEquals(List.of("archive", "attachments"), requests.waitedOnBy());
        assertEquals(List.of("archive"), feature(service, "attachments").waitedOnBy());
    }

    @Test
    void aRequirementCycleIsReportedWithoutLooping() {
        scr.component("Tickets", "a", "b", "b").component("Boards", "b", "a", "a");
        ScrFeatureService service = service();
        assertEquals(List.of(FeatureState.ACTIVE, FeatureState.ACTIVE), service.features().stream().map(Feature::state).toList(),
                "features requiring each other run while both are enabled");

        Feature a = service.setEnabled("a", false);
        assertEquals(FeatureState.DISABLED, a.state());
        assertEquals(List.of("b"), a.waitedOnBy());
        Feature b = feature(service, "b");
        assertEquals(FeatureState.WAITING, b.state());
        assertEquals(Optional.of("requires feature 'a', which is disabled"), b.reason());
    }

    @Test
    void aFeatureRequiringAFeatureThatIsNotInstalledWaits() {
        scr.component("PartnerBridge", "partners", "escalation");
        Feature partners = feature(service(), "partners");

        assertEquals(FeatureState.WAITING, partners.state());
        assertEquals(Optional.of("requires feature 'escalation', which is not installed"), partners.reason());
    }

    @Test
    void aFeatureRequiresWhatAnyOfItsComponentsRequires() {
        scr.component("VisibleSupportRequests", "requests", null)
                .component("EntitledIntakeService", "intake", null)
                .component("Reports", "reports", new String[] { "requests", "intake", "reports" })
                .component("ReportMailer", "reports", "suggestions");
        Feature reports = feature(service(), "reports");

        assertEquals(List.of("intake", "requests", "suggestions"), reports.requires(), "its own id is no requirement");
        assertEquals(Optional.of("requires feature 'suggestions', which is not installed"), reports.reason());
    }

    @Test
    void disablingRequestsNamesTheFeaturesThatNowWaitOnIt() {
        Feature requests = platform().setEnabled("requests", false);

        assertEquals(FeatureState.DISABLED, requests.state());
        assertEquals(List.of("attachments"), requests.waitedOnBy());
        assertEquals(Optional.empty(), requests.reason());
    }

    @Test
    void attachmentsStillWaitAfterARestartWithRequestsDisabled() {
        platform().setEnabled("requests", false);
        ScrFeatureService restarted = service();

        assertEquals(FeatureState.WAITING, feature(restarted, "attachments").state());
    }

    @Test
    void enablingAFeatureEnablesItsComponentsThatScrHoldsDisabled() {
        ScrFeatureService service = platform();
        scr.disableInScr("EntitledIntakeService"); // 'disable intake...' typed in Gogo: scr:disable
        Feature broken = feature(service, "intake");
        assertTrue(broken.enabled(), "the switch still says enabled");
        assertEquals(FeatureState.UNSATISFIED, broken.state(), "a feature with a component SCR disabled is not active");
        assertEquals("DISABLED", broken.components().get(0).state());

        Feature repaired = service.setEnabled("intake", true);

        assertEquals(FeatureState.ACTIVE, repaired.state());
        assertTrue(scr.isComponentEnabled(scr.getComponentDescriptionDTO(null, "EntitledIntakeService")));
    }

    @Test
    void eachSwitchIsRecordedInTheAuditTrailInItsTransactionAndARepeatIsNot() {
        ScrFeatureService service = platform();
        service.trail(store.trail());
        service.setEnabled("intake", false);
        service.setEnabled("intake", false);
        service.setEnabled("intake", true);
        List<AuditChange> recorded = store.audited();
        assertEquals(List.of("feature.disabled", "feature.enabled"), recorded.stream().map(c -> c.action()).toList());
        assertEquals("feature:intake", recorded.get(0).target());
        assertEquals(Optional.of("{\"enabled\":false}"), recorded.get(0).after());
        assertEquals("operator", store.stored().get("intake").changedBy());
    }

    @Test
    void aSwitchIsRecordedAsWhoeverTheCallerSaysSwitchedIt() {
        ScrFeatureService service = platform();
        service.trail(store.trail());
        service.setEnabled("intake", false, "admin1");
        service.setEnabled("intake", true, "shell");
        assertEquals(List.of("admin1", "shell"), store.audited().stream().map(c -> c.actor()).toList());
        assertEquals("shell", store.stored().get("intake").changedBy());
        assertThrows(IllegalArgumentException.class, () -> service.setEnabled("intake", false, " "));
        assertTrue(feature(service, "intake").enabled(), "a switch without anyone changes nothing");
    }

    @Test
    void aFeatureSwitchesWhileNoAuditTrailIsThereOrItFails() {
        ScrFeatureService service = platform();
        assertFalse(service.setEnabled("intake", false).enabled());
        assertFalse(store.stored().get("intake").enabled(), "stored without a trail");
        service.trail(store.trail());
        store.auditFails(true);

        assertTrue(service.setEnabled("intake", true).enabled());
        assertTrue(store.stored().get("intake").enabled(), "stored alone when its audit entry could not be written");
        assertEquals(List.of(), store.audited(), "the failed entry rolled back with its first transaction");
    }

    @Test
    void aSwitchTheStoreCannotKeepIsRefusedAndChangesNothingHere() {
        ScrFeatureService service = platform();
        store.down(true);
        assertThrows(StoreException.class, () -> service.setEnabled("intake", false));
        store.down(false);

        assertTrue(feature(service, "intake").enabled());
        assertEquals(Set.of(), condition.disabled());
    }

    @Test
    void theSwitchesAreStoredForEveryNodeNotInTheDataFolder() {
        platform().setEnabled("requests", false);

        assertFalse(store.stored().get("requests").enabled());
        assertFalse(Files.exists(data.resolve("features.properties")), "the data folder is this node's only");
    }

    @Test
    void aFeaturesFileOfAnEarlierReleaseIsStoredOnceAndMovedAside() throws Exception {
        Files.writeString(data.resolve("features.properties"), "# Features switched off by an operator\nrequests=false\n");
        ScrFeatureService upgraded = platform();

        assertEquals(FeatureState.DISABLED, feature(upgraded, "requests").state());
        assertEquals(Set.of("requests"), condition.disabled(), "off from the condition's first registration");
        assertEquals("features.properties", store.stored().get("requests").changedBy());
        assertFalse(Files.exists(data.resolve("features.properties")));
        assertTrue(Files.readString(data.resolve("features.properties.applied")).contains("requests=false"));

        store.switchOnAnotherNode("requests", true);
        assertTrue(feature(service(), "requests").enabled(), "a restart does not take the old file in again");
    }

    @Test
    void switchesWrittenIntoTheFileBeforeAStartApplyAtThatStart() throws Exception {
        platform().setEnabled("intake", false);
        Files.writeString(data.resolve("features.properties"), "intake=true\nsuggestions=false\nnonsense=maybe\n");
        ScrFeatureService restarted = service();

        assertTrue(feature(restarted, "intake").enabled());
        assertEquals(Set.of("suggestions"), condition.disabled());
        assertEquals(Set.of("intake", "suggestions"), store.stored().keySet());
    }
}
