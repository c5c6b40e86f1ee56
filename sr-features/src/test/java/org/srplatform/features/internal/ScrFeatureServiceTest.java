package org.srplatform.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureState;

class ScrFeatureServiceTest {
    private final FakeConditionRegistration condition = new FakeConditionRegistration();
    private final FakeServiceComponentRuntime scr = new FakeServiceComponentRuntime(condition);
    @TempDir
    Path data;

    private ScrFeatureService service() {
        return new ScrFeatureService(scr, new FeatureChoices(data.resolve("features.properties")), condition::register);
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
    void eachSwitchIsRecordedInTheAuditTrailAndARepeatIsNot() {
        ScrFeatureService service = platform();
        List<org.srplatform.spi.audit.AuditChange> recorded = new java.util.ArrayList<>();
        service.trail(new org.srplatform.spi.audit.AuditTrail() {
            @Override
            public void record(org.srplatform.spi.store.Transaction tx, org.srplatform.spi.audit.AuditChange change) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void record(org.srplatform.spi.audit.AuditChange change) {
                recorded.add(change);
            }

            @Override
            public org.srplatform.api.common.Page<org.srplatform.spi.audit.AuditEntry> entries(
                    org.srplatform.spi.audit.AuditQuery q, org.srplatform.api.common.PageRequest p) {
                throw new UnsupportedOperationException();
            }
        });
        service.setEnabled("intake", false);
        service.setEnabled("intake", false);
        service.setEnabled("intake", true);
        assertEquals(List.of("feature.disabled", "feature.enabled"), recorded.stream().map(c -> c.action()).toList());
        assertEquals("feature:intake", recorded.get(0).target());
        assertEquals(Optional.of("{\"enabled\":false}"), recorded.get(0).after());
    }

    @Test
    void aFeatureSwitchesWhileNoAuditTrailIsThereOrItFails() {
        ScrFeatureService service = platform();
        assertFalse(service.setEnabled("intake", false).enabled());
        service.trail(new org.srplatform.spi.audit.AuditTrail() {
            @Override
            public void record(org.srplatform.spi.store.Transaction tx, org.srplatform.spi.audit.AuditChange change) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void record(org.srplatform.spi.audit.AuditChange change) {
                throw new IllegalStateException("store down");
            }

            @Override
            public org.srplatform.api.common.Page<org.srplatform.spi.audit.AuditEntry> entries(
                    org.srplatform.spi.audit.AuditQuery q, org.srplatform.api.common.PageRequest p) {
                throw new UnsupportedOperationException();
            }
        });
        assertTrue(service.setEnabled("intake", true).enabled());
    }
}
