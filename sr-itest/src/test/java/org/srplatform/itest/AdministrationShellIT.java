package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The administration's Gogo commands as an operator types them ({@code sr:export FILE}, {@code sr:import FILE}), on
 * the demo's data (itself imported through the same import), and the audit of feature switches.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdministrationShellIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor shell;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Test
    public void theSetupGoesOutAndComesBackByTheShellAndAWrongFileChangesNothing() throws Exception {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("admin/export", "admin1", 200, WAIT).status());
        Path dir = Files.createTempDirectory("sr-setup");
        Path file = dir.resolve("setup.json");

        String exported = Shell.run(shell, "sr:export " + file);
        assertTrue(exported, exported.contains("Exported the setup to"));
        String document = Files.readString(file);
        assertTrue(document, document.contains("\"number\" : \"1001\"") && document.contains("\"login\" : \"customer1\""));
        assertTrue("no passwords", !document.toLowerCase().contains("password"));

        String again = Shell.run(shell, "sr:import " + file);
        assertTrue(again, again.startsWith("Imported") && !again.matches("(?s).*created \\{[^}]*=[1-9].*"));
        assertEquals("an import that changes nothing audits nothing", 0,
                http.get("admin/audit?actor=operator", "admin1").json().get("items").size());

        Path wrong = dir.resolve("wrong.json");
        Files.writeString(wrong, document.replace("\"region\" : \"EMEA\"", "\"region\" : \"MARS\""));
        String refused = Shell.run(shell, "sr:import " + wrong);
        assertTrue(refused, refused.startsWith("Nothing imported: 1 wrong entries"));
        assertTrue(refused, refused.contains("accounts[1].region: is no region of the store or this document: MARS"));
        assertEquals("EMEA", http.get("admin/accounts/2002", "admin1").json().get("region").asText());

        String usage = Shell.run(shell, "sr:import");
        assertTrue(usage, usage.startsWith("Usage: sr:import FILE"));
    }

    @Test
    public void featureSwitchesAreAudited() throws Exception {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("admin/audit", "admin1", 200, WAIT).status());
        Shell.run(shell, "sr:disable suggestions");
        Shell.run(shell, "sr:enable suggestions");
        Http.Answer audit = http.get("admin/audit?action=feature.", "admin1");
        assertEquals(2, audit.json().get("items").size());
        assertEquals("feature.enabled", audit.json().get("items").get(0).get("action").asText());
        assertEquals("feature:suggestions", audit.json().get("items").get(1).get("target").asText());
        assertEquals(false, audit.json().get("items").get(1).get("after").get("enabled").asBoolean());
    }
}
