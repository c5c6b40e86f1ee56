package org.srplatform.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Features switched off and on while customers open SRs and upload files: no 5xx, no SR lost; while a feature
 * is off, its endpoints may answer 503 naming it, nothing else. The features switched are those intake load
 * touches (a new capability on the intake path joins by adding its id to {@link #SWITCHED}).
 */
class FeatureToggleIT {
    static final List<String> SWITCHED = List.of("intake", "attachments", "requests", "suggestions");

    @Test
    void switchingFeaturesUnderLoadLosesNothingAndAnswersNo5xx() {
        switchUnderLoad(SWITCHED, "3-toggles");
    }

    /**
     * Finding 6 (sr-store's commit groups, with sr-notify): switching {@code notifications} off under intake load makes
     * other clients' POST /requests and uploads answer 500. Deactivating the notification dispatcher interrupts its
     * thread; that thread was leading a commit group (CommitGroup.runGroup/runTogether/runAlone, DerbyDatabase.alone)
     * and running other requests' transactions (EntitledIntakeService.open, SupportRequestTables.insertTags) for them, so
     * Derby closes the connection ("Connection closed by unknown interrupt", StoreException "database transaction
     * failed") and those requests fail. Reproduce: this test, or intake load plus {@code PUT /admin/features/notifications
     * {"enabled":false}} then {@code true} a few times.
     */
    @Test
    void switchingNotificationsUnderLoadAnswersNo5xx() {
        switchUnderLoad(List.of("notifications"), "3-toggles-notifications");
    }

    private static void switchUnderLoad(List<String> features, String section) {
        Random random = new Random(Settings.seed() + 2);
        try (Platform platform = Platform.copy("toggles")) {
            platform.start();
            Api api = platform.api();
            IntakeLoad load = new IntakeLoad(api, Settings.clients(), Settings.seed() + 3, "toggle", true).start();
            int switches = 0;
            List<String> wrongSwitches = new ArrayList<>();
            try {
                for (int round = 1; round <= Settings.toggles(); round++) {
                    for (String feature : features) {
                        for (boolean enabled : new boolean[] {false, true}) {
                            Api.Answer a = api.putJson("admin/features/" + feature, "admin1", "{\"enabled\":" + enabled + "}");
                            switches++;
                            if (a.status() != 200) {
                                wrongSwitches.add(feature + "=" + enabled + ": " + a);
                            }
                            Platform.sleep(100 + random.nextInt(400));
                        }
                    }
                }
                // Every feature is on again: intake must come back to 201.
                assertEquals(201, awaitIntake(api).status(), "intake answers again once every feature is on");
                Platform.sleep(500);
            } finally {
                load.stop();
            }
            Problems.none(wrongSwitches, "every switch is answered 200");
            Problems.none(load.wrong(), "while features switch: every answer a 201, or a 503 naming a switched feature");
            List<String> anonymous503 = new ArrayList<>();
            for (Api.Answer a : load.unavailable()) {
                if (features.stream().noneMatch(f -> a.body().contains(f)) || !a.contentType().startsWith("application/problem+json")) {
                    anonymous503.add(a.toString());
                }
            }
            Problems.none(anonymous503, "a 503 names the feature that is off, as a problem");
            Ledger.Result r = new Ledger(api).check(load.sent(), load.unanswered(), Duration.ofSeconds(60));
            Problems.none(r.problems(), "after the switches, every acknowledged SR whole");
            assertTrue(r.srs() > 0, "SRs were made");
            Report.section(section, "## Features switched off and on under intake load\n\nSwitches: **" + switches
                    + "** (" + String.join(", ", features) + "; " + Settings.toggles() + " rounds); SRs acknowledged and"
                    + " checked whole: **" + r.srs() + "**; attachments checked: **" + r.attachments() + "**; 503 answers"
                    + " naming a switched-off feature: **" + load.unavailable().size() + "**; 5xx other than those: **0**.\n");
        }
    }

    private static Api.Answer awaitIntake(Api api) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Api.Answer a = api.postJson("requests", "customer1", FuzzCases.INTAKE);
        while (a.status() != 201 && System.nanoTime() < deadline) {
            Platform.sleep(200);
            a = api.postJson("requests", "customer1", FuzzCases.INTAKE);
        }
        return a;
    }
}
