package org.srplatform.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCommandsTest {
    private final FakeConditionRegistration condition = new FakeConditionRegistration();
    private final FakeServiceComponentRuntime scr = new FakeServiceComponentRuntime(condition)
            .component("VisibleSupportRequests", "requests", null)
            .component("FileAttachmentStore", "attachments", "requests", "requests");

    private final MemoryFeatureSwitches store = new MemoryFeatureSwitches();

    private FeatureCommands commands(Path data) {
        return new FeatureCommands(new ScrFeatureService(scr, store, store, new FeatureChoices(data.resolve("features.properties")),
                condition::register));
    }

    private static String line(String listing, String id) {
        return listing.lines().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow(() -> new AssertionError(listing));
    }

    @Test
    void srFeaturesTellsWhyAttachmentsWait(@TempDir Path data) {
        FeatureCommands commands = commands(data);
        commands.disable("requests");
        String listing = commands.features();

        String attachments = line(listing, "attachments");
        assertTrue(attachments.matches("attachments +true +WAITING +requests +\\(requires feature 'requests', which is disabled\\)"),
                attachments);
        assertTrue(line(listing, "requests").matches("requests +false +DISABLED +- +\\(waited on by attachments\\)"), listing);
    }

    @Test
    void srDisableNamesTheFeaturesThatNowWait(@TempDir Path data) {
        assertEquals("Feature 'requests' is disabled; the choice lasts across restarts. Enabled features waiting on it: attachments.",
                commands(data).disable("requests"));
    }

    @Test
    void srEnableOfAWaitingFeatureSaysWhatItWaitsFor(@TempDir Path data) {
        FeatureCommands commands = commands(data);
        commands.disable("requests");
        commands.disable("attachments");

        assertEquals("Feature 'attachments' is enabled; the choice lasts across restarts. It waits: requires feature 'requests', "
                + "which is disabled.", commands.enable("attachments"));
        assertTrue(line(commands.features(), "attachments").contains("WAITING"));
        assertTrue(commands.enable("requests").endsWith("the choice lasts across restarts."), "nothing waits any more");
        assertTrue(line(commands.features(), "attachments").matches("attachments +true +ACTIVE +requests"), commands.features());
    }

    @Test
    void srEnableRepairsAFeatureWhoseComponentScrDisabled(@TempDir Path data) {
        FeatureCommands commands = commands(data);
        scr.disableInScr("VisibleSupportRequests");
        assertTrue(line(commands.features(), "requests").contains("VisibleSupportRequests=DISABLED"), commands.features());
        assertTrue(line(commands.features(), "requests").contains("'sr:enable requests' enables them again"), commands.features());

        assertEquals("Feature 'requests' is enabled; the choice lasts across restarts. Components that SCR held disabled were"
                + " enabled again: VisibleSupportRequests.", commands.enable("requests"));
        assertTrue(line(commands.features(), "requests").matches("requests +true +ACTIVE +-"), commands.features());
    }

    @Test
    void aSwitchOnTheConsoleIsTheShells(@TempDir Path data) {
        commands(data).disable("requests");
        assertEquals("operator", store.stored().get("requests").changedBy());
    }

    @Test
    void srEnableWithoutAnIdPrintsItsUsage(@TempDir Path data) {
        assertEquals("Usage: sr:enable ID, with ID one of: attachments, requests ('sr:features' lists them with their states).",
                commands(data).enable());
        assertTrue(commands(data).disable().startsWith("Usage: sr:disable ID"));
    }
}
