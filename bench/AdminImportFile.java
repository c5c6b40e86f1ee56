import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a setup document (docs/setup.schema.json) for bench/admin-import.sh: one 24x7 product, one offering, three
 * regions, N accounts with C contracts each (PER_INCIDENT every third) and K contacts each, and U customer users (the
 * first contacts of the accounts, one per account in turn). Deterministic: the same arguments give the same file, so a
 * second import of it must write nothing.
 * Usage: java bench/AdminImportFile.java OUT [--accounts N] [--contracts C] [--contacts K] [--users U]
 */
public final class AdminImportFile {
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java bench/AdminImportFile.java OUT [--accounts N] [--contracts C] [--contacts K]"
                    + " [--users U]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int accounts = 10_000, contracts = 3, contacts = 5, users = 0;
        for (int i = 1; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--accounts" -> accounts = v;
                case "--contracts" -> contracts = v;
                case "--contacts" -> contacts = v;
                case "--users" -> users = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String[] regions = {"AMER", "APJ", "EMEA"};
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("{\"format\":\"sr-platform-setup/1\",\n\"regions\":[{\"id\":\"AMER\",\"name\":\"Americas\"},"
                    + "{\"id\":\"APJ\",\"name\":\"Asia Pacific and Japan\"},{\"id\":\"EMEA\",\"name\":\"Europe\"}],\n");
            w.write("\"products\":[");
            for (int p = 0; p < contracts; p++) {
                w.write((p == 0 ? "" : ",") + "{\"id\":\"product" + p + "\",\"name\":\"Product " + p
                        + "\",\"supportHours\":{\"aroundTheClock\":true},\"categories\":[{\"id\":\"general\",\"name\":"
                        + "\"General\",\"description\":\"Anything\"}]}");
            }
            w.write("],\n\"offerings\":[{\"id\":\"gold\",\"name\":\"Gold\",\"targets\":{\"S1\":{\"within\":\"PT1H\","
                    + "\"clock\":\"AROUND_THE_CLOCK\"},\"S2\":{\"within\":\"PT4H\",\"clock\":\"SUPPORT_HOURS\"}}}],\n");
            w.write("\"accounts\":[\n");
            for (int a = 0; a < accounts; a++) {
                String number = Integer.toString(100_000 + a);
                w.write((a == 0 ? "" : ",\n") + "{\"number\":\"" + number + "\",\"name\":\"Customer " + a
                        + " Ltd\",\"customerNumber\":\"C" + number + "\",\"region\":\"" + regions[a % 3] + "\",\"contracts\":[");
                for (int c = 0; c < contracts; c++) {
                    boolean perIncident = (a + c) % 3 == 0;
                    w.write((c == 0 ? "" : ",") + "{\"id\":\"K" + number + "-" + c + "\",\"product\":\"product" + c
                            + "\",\"offering\":\"gold\",\"type\":\"" + (perIncident ? "PER_INCIDENT" : "SUBSCRIPTION")
                            + "\",\"validFrom\":\"2026-01-01\",\"validUntil\":\"2028-12-31\""
                            + (perIncident ? ",\"incidentsRemaining\":10" : "") + "}");
                }
                w.write("]}");
            }
            w.write("],\n\"contacts\":[\n");
            for (int a = 0; a < accounts; a++) {
                String number = Integer.toString(100_000 + a);
                for (int k = 0; k < contacts; k++) {
                    String login = "c" + number + "-" + k;
                    w.write((a == 0 && k == 0 ? "" : ",\n") + "{\"login\":\"" + login + "\",\"account\":\"" + number
                            + "\",\"name\":\"Contact " + k + " of " + number + "\",\"email\":\"" + login
                            + "@customer.example\",\"phone\":\"+1 650 555 " + (1000 + k) + "\",\"preferred\":\""
                            + (k % 2 == 0 ? "EMAIL" : "PHONE") + "\",\"language\":\"" + (k == 4 ? "zh-CN" : "en") + "\"}");
                }
            }
            w.write("],\n\"users\":[\n");
            for (int u = 0; u < Math.min(users, accounts * contacts); u++) {
                String number = Integer.toString(100_000 + u % accounts);
                String login = "c" + number + "-" + u / accounts;
                w.write((u == 0 ? "" : ",\n") + "{\"login\":\"" + login + "\",\"displayName\":\"Contact " + u / accounts
                        + " of " + number + "\",\"roles\":[\"CUSTOMER\"],\"email\":\"" + login
                        + "@customer.example\",\"accounts\":[\"" + number + "\"]}");
            }
            w.write("]}\n");
        }
        System.out.println(out + ": " + accounts + " accounts, " + accounts * contracts + " contracts, "
                + accounts * contacts + " contacts, " + Math.min(users, accounts * contacts) + " users, "
                + Files.size(out) / 1024 + " KiB");
    }
}
