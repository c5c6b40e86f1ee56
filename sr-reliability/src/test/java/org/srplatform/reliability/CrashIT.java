package org.srplatform.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Crash: under concurrent intake (with attachments), the platform is killed with SIGKILL at a random moment and
 * started again on its data; every SR whose number a client received must be there, whole, with its acknowledged
 * attachments and its confirmation (sent or in the outbox), and a POST cut off by the kill, sent again with its
 * {@code Idempotency-Key}, must give exactly one SR. Repeated {@code reliability.crashes} times; at the end every
 * SR of every round is checked again (a later crash must not lose an earlier SR).
 *
 * <p>A background job joins this test by leaving a trace the {@link Ledger} checks after the restart (as the
 * notification dispatcher's confirmation).
 */
class CrashIT {

    @Test
    void everyAcknowledgedSrSurvivesSigkillWhole() {
        Random random = new Random(Settings.seed());
        List<IntakeLoad.Sent> all = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        int crashes = 0;
        int unanswered = 0;
        int files = 0;
        long loadMillis = Math.round(Settings.loadSeconds() * 1000);
        try (Platform platform = Platform.copy("crash")) {
            platform.start();
            for (int round = 1; round <= Settings.crashes(); round++) {
                IntakeLoad load = new IntakeLoad(platform.api(), Settings.clients(), random.nextLong(), "crash" + round, true)
                        .start();
                long killAfter = 200 + (long) (random.nextDouble() * Math.max(1, loadMillis - 200));
                Platform.sleep(killAfter);
                platform.kill();
                crashes++;
                load.stop();
                Problems.none(load.wrong(), "round " + round + ": every answer before the kill is a 201");
                platform.start();

                Ledger.Result r = new Ledger(platform.api()).check(load.sent(), load.unanswered(), Duration.ofSeconds(60));
                Problems.none(r.problems(), "round " + round + " (killed after " + killAfter + " ms, seed "
                        + Settings.seed() + ")");
                all.addAll(load.sent());
                unanswered += load.unanswered().size();
                files += load.attachmentsAcknowledged();
                rows.add("| " + round + " | " + killAfter + " | " + r.srs() + " | " + load.attachmentsAcknowledged() + " | "
                        + r.attachments() + " | " + r.confirmationsSent() + " | " + r.confirmationsWaiting() + " | "
                        + load.unanswered().size() + " | " + r.resent() + " |");
            }
            Ledger.Result again = new Ledger(platform.api()).check(all, List.of(), Duration.ofSeconds(60));
            Problems.none(again.problems(), "after the last crash, every round's SRs (seed " + Settings.seed() + ")");
            assertTrue(all.size() > 0, "the load made SRs before the kills");

            StringBuilder md = new StringBuilder("## Crash (SIGKILL under intake load)\n\n");
            md.append("Crashes survived: **").append(crashes).append("**; SRs acknowledged and checked whole: **")
                    .append(all.size()).append("** (each checked after its crash and again after the last); attachments acknowledged: **")
                    .append(files).append("**; POSTs cut off by a kill and sent again with their Idempotency-Key: **")
                    .append(unanswered).append("**; problems: **0**. ").append(Settings.clients())
                    .append(" clients as customer1, kill at a random moment within ").append(loadMillis).append(" ms of load.\n\n");
            md.append("| round | killed after ms | SRs checked | attachments acknowledged | attachments checked (bytes) "
                    + "| confirmations sent | confirmations in outbox | POSTs unanswered | sent again, one SR |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            rows.forEach(r -> md.append(r).append('\n'));
            Report.section("1-crash", md.toString());
        }
    }
}
