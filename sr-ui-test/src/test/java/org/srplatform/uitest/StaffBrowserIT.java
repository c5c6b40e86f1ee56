package org.srplatform.uitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff side of the web UI in headless Chromium against the distribution run as a process: a regional escalation
 * manager accepting an escalation on the board and the escalation engineer presenting the plans and de-escalating it
 * with the customer's recorded agreement; the support console's queue with its SLA clocks and an SR worked from its
 * page; the charts drawn by Chart.js under the UI's CSP; the operator's Bundles, connectors and dead letters.
 * Screenshots of each main page land in target/screenshots. Without Chromium the tests are skipped, saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Platform platform;
    private Browser browser;
    private String number;
    private String escalation;
    /** The escalation opened for the chart of open escalations by age, still open. */
    private String second;

    @BeforeAll
    void start() throws Exception {
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, () -> "Browser tests skipped: " + missing);
        platform = Platform.start();
        browser = new Browser(platform);
        // customer1's account 1001 is in region APJ, whose regional escalation manager is rem1.
        number = openSr("Datastore down after the upgrade", 1);
        HttpResponse<String> asked = platform.api("POST", "requests/" + number + "/escalations", "customer1",
                JSON.writeValueAsString(Map.of("reason", "CRITICAL_BUSINESS_IMPACT", "problemStatementConfirmed", true,
                        "businessImpactConfirmed", true, "workaroundUnacceptable", true,
                        "milestones", List.of(Map.of("name", "Go-live", "date", LocalDate.now().plusDays(7).toString())),
                        "detail", "Month-end close is blocked.")));
        assertEquals(201, asked.statusCode(), asked.body());
        escalation = JSON.readTree(asked.body()).get("id").asText();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private String openSr(String subject, int severity) throws Exception {
        HttpResponse<String> r = platform.api("POST", "requests", "customer1", JSON.writeValueAsString(Map.of("account", "1001",
                "product", "datacenter", "category", "performance", "severity", severity, "subject", subject,
                "description", "Latency <b>spikes</b> since the upgrade.", "contactMethod", "PHONE",
                "phone", "+1 650 555 0100")));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("number").asText();
    }

    private JsonNode escalationNow() throws Exception {
        return escalationNow(escalation);
    }

    private JsonNode escalationNow(String id) throws Exception {
        return JSON.readTree(platform.api("GET", "escalations/" + id, "rem1", null).body());
    }

    /** Clicks a button after scrolling it to the middle of the window, clear of the status line at the bottom. */
    private void press(By by) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", browser.await(by));
        browser.click(by);
    }

    private void awaitState(String state) {
        browser.await(By.cssSelector("#escalation-state[data-state='" + state + "']"));
    }

    @Test
    @Order(1)
    void aRegionalEscalationManagerAcceptsAnEscalationFromTheBoard() throws Exception {
        browser.signIn("rem1");
        browser.click(By.linkText("Escalations"));
        browser.await(By.cssSelector("#board tr[data-escalation='" + escalation + "']"));
        assertTrue(browser.driver().findElement(By.cssSelector("#board tr[data-escalation='" + escalation + "']")).getText()
                .contains(number));
        browser.screenshot("escalation-board");

        browser.click(By.linkText(escalation));
        awaitState("REQUESTED");
        // Accepting without naming the engineer is refused in the page, saying what is missing.
        press(By.id("accept"));
        browser.awaitText(By.id("status"), "Name the escalation engineer");
        browser.type(By.id("accept-engineer"), "escalation1");
        browser.type(By.id("accept-resources"), "Storage team on call");
        browser.screenshot("escalation-accept");
        press(By.id("accept"));
        awaitState("ACCEPTED");
        browser.awaitText(By.id("status"), "Escalation accepted.");
        assertEquals("escalation1", escalationNow().get("escalationEngineer").asText());
        assertTrue(browser.driver().findElement(By.cssSelector("[data-fact='engineer']")).getText().contains("escalation1"));
        browser.signOut();
    }

    @Test
    @Order(2)
    void theEscalationEngineerPresentsThePlansAndDeEscalatesWithTheCustomersAgreement() throws Exception {
        browser.signIn("escalation1");
        browser.open("/#/escalations/" + escalation);
        awaitState("ACCEPTED");
        // De-escalation before the checks hold is refused by the page, and by the platform with its reason.
        press(By.id("de-escalate"));
        browser.awaitText(By.id("status"), "Confirm each check");

        browser.type(By.id("action-plan-text"), "1. Roll back the storage driver. 2. Verify latency. 3. Root-cause report.");
        press(By.id("save-action-plan"));
        browser.awaitText(By.id("action-plan"), "Roll back the storage driver");
        press(By.id("save-communication-plan"));
        browser.awaitText(By.id("communication-plan"), "every 4 hours");
        awaitState("ACTIVE");
        browser.type(By.id("update-text"), "Rollback done; latency back to normal.");
        press(By.id("give-update"));
        browser.awaitText(By.id("updates"), "Rollback done");

        press(By.id("check-actionPlanAccepted"));
        press(By.id("check-rootCauseConfirmed"));
        browser.type(By.id("agreement-name"), "Casey Customer");
        browser.type(By.id("agreement-note"), "agreed on the call");
        browser.screenshot("escalation-de-escalate");
        press(By.id("de-escalate"));
        awaitState("DE_ESCALATED");
        browser.awaitText(By.cssSelector("[data-fact='agreement']"), "Casey Customer");
        JsonNode done = escalationNow();
        assertEquals("DE_ESCALATED", done.get("state").asText());
        assertEquals("Casey Customer", done.get("agreement").get("name").asText());
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("escalation-de-escalated");
        browser.signOut();
    }

    @Test
    @Order(3)
    void anEngineerWorksAnSrFromTheQueueWithItsClocks() throws Exception {
        String sr = openSr("Console walk-through", 2);
        browser.signIn("engineer1");
        browser.click(By.linkText("Queue"));
        browser.await(By.cssSelector("#queue tr[data-number='" + sr + "'] [data-clock='confirmation']"));
        browser.await(By.cssSelector("#queue tr[data-number='" + sr + "'] [data-clock='firstResponse']"));
        browser.screenshot("console-queue");

        browser.click(By.linkText(sr));
        browser.awaitText(By.tagName("h1"), sr);
        // Markup in the description is shown as text.
        assertEquals("Latency <b>spikes</b> since the upgrade.", browser.driver().findElement(By.id("description")).getText());
        press(By.id("assign-self"));
        press(By.id("assign"));
        browser.awaitText(By.cssSelector("[data-fact='assignee']"), "engineer1");
        // The customer asked to be phoned: the phone is preselected, with the call's outcome.
        assertEquals("PHONE", new org.openqa.selenium.support.ui.Select(browser.await(By.id("response-channel")))
                .getFirstSelectedOption().getAttribute("value"));
        new org.openqa.selenium.support.ui.Select(browser.await(By.id("response-outcome"))).selectByValue("REACHED");
        browser.type(By.id("response-text"), "Called the customer: rollback advised.");
        press(By.id("respond"));
        browser.awaitText(By.id("status"), "Response recorded.");
        browser.awaitText(By.cssSelector("[data-fact='firstResponse']"), "responded");
        browser.type(By.id("comment-text"), "Internal: looks like the known driver issue.");
        press(By.id("comment"));
        browser.awaitText(By.id("timeline"), "known driver issue");
        browser.await(By.cssSelector("#timeline li.internal"));
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("console-request");
        JsonNode seen = JSON.readTree(platform.api("GET", "requests/" + sr, "customer1", null).body());
        assertTrue(seen.get("firstRespondedAt").isTextual(), seen.toString());
        assertTrue(!seen.toString().contains("known driver issue"), "an internal comment is never shown to the customer");

        // A caller gives their customer number: the SR is opened for their account.
        browser.click(By.linkText("Phone intake"));
        browser.type(By.id("phone-customer"), "C1001");
        browser.type(By.id("phone-subject"), "Workstation crashes on start");
        browser.type(By.id("phone-description"), "Caller reports a crash on every start since this morning.");
        browser.type(By.id("phone-number"), "+1 650 555 0199");
        browser.screenshot("console-phone");
        press(By.id("phone-open"));
        String phoned = browser.await(By.id("phone-sr")).getText();
        JsonNode opened = JSON.readTree(platform.api("GET", "requests/" + phoned, "engineer1", null).body());
        assertEquals("1001", opened.get("account").asText());
        assertEquals("PHONE", opened.get("channel").asText());

        browser.click(By.linkText("Callbacks"));
        press(By.cssSelector("details.card > summary"));
        browser.type(By.id("message-name"), "Pat Caller");
        browser.type(By.id("message-company"), "Acme Corp");
        browser.type(By.id("message-number"), "+1 650 555 0101");
        browser.type(By.id("message-description"), "Please call back about the upgrade.");
        press(By.id("message-leave"));
        browser.await(By.cssSelector("#callbacks tr[data-callback]"));
        browser.screenshot("console-callbacks");
        browser.signOut();
    }

    @Test
    @Order(4)
    void aSupportManagerSeesTheChartsDrawnUnderTheCsp() throws Exception {
        // One escalation open, for the chart of open escalations by age.
        String sr = openSr("Second site down", 1);
        HttpResponse<String> asked = platform.api("POST", "requests/" + sr + "/escalations", "customer1",
                JSON.writeValueAsString(Map.of("reason", "PRODUCTION_DOWN_DURING_UPGRADE", "problemStatementConfirmed", true,
                        "businessImpactConfirmed", true, "workaroundUnacceptable", true,
                        "milestones", List.of(Map.of("name", "Cut-over", "date", LocalDate.now().plusDays(3).toString())))));
        assertEquals(201, asked.statusCode(), asked.body());
        second = JSON.readTree(asked.body()).get("id").asText();
        browser.signIn("duty1");
        browser.click(By.linkText("Charts"));
        browser.await(By.id("chart-opened"));
        // Chart.js ran (from /ui/lib, a script of the platform's own origin) and drew on its canvas.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(browser.script(
                "return !!window.Chart && !!Chart.getChart('chart-opened') && !!Chart.getChart('chart-met')")));
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("console-charts");
        browser.open("/#/escalations/ages");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(browser.script(
                "return !!window.Chart && !!Chart.getChart('chart-ages')")));
        browser.awaitText(By.id("ages-total"), "Open escalations: 1.");
        browser.screenshot("escalations-by-age");
        browser.signOut();
    }

    @Test
    @Order(5)
    void anOperatorSeesTheBundlesConnectorsAndDeadLetters() {
        browser.signIn("admin1");
        browser.click(By.linkText("Bundles"));
        browser.await(By.cssSelector("#bundles tbody tr"));
        browser.screenshot("operator-bundles");
        browser.type(By.id("filter-name"), "srplatform.casework");
        press(By.id("apply-filters"));
        browser.await(By.cssSelector("#bundles tr[data-bundle='org.srplatform.casework'][data-state='ACTIVE']"));
        assertEquals(1, browser.all(By.cssSelector("#bundles tbody tr")).size());
        browser.click(By.linkText("Connectors"));
        browser.await(By.id("health-checks"));
        browser.screenshot("operator-connectors");
        browser.click(By.linkText("Dead letters"));
        browser.await(By.cssSelector("#outbox, #outbox-empty"));
        browser.screenshot("operator-outbox");
        browser.signOut();
    }

    @Test
    @Order(6)
    void theStaffPagesSpeakSimplifiedChinese() {
        browser.signIn("rem1");
        new org.openqa.selenium.support.ui.Select(browser.await(By.cssSelector("select[name=language]"))).selectByValue("zh-CN");
        browser.open("/#/escalations");
        browser.awaitText(By.tagName("h1"), "升级看板");
        browser.await(By.cssSelector("#board tbody tr"));
        browser.awaitText(By.cssSelector("#board thead"), "升级工程师");
        browser.screenshot("escalation-board-zh");
        browser.open("/#/console/queue");
        browser.awaitText(By.tagName("h1"), "队列");
        browser.awaitText(By.cssSelector("#queue thead"), "SLA 时钟");
        browser.screenshot("console-queue-zh");
        browser.script("localStorage.clear()");
        browser.signOut();
    }

    @Test
    @Order(7)
    void aRegionalEscalationManagerAsksAnotherVendorThroughTsanet() throws Exception {
        browser.signIn("rem1");
        browser.open("/#/escalations/" + second);
        awaitState("REQUESTED");
        new org.openqa.selenium.support.ui.Select(browser.await(By.id("collab-connector"))).selectByValue("tsanet");
        browser.type(By.id("collab-search"), "Globex");
        press(By.id("collab-find"));
        browser.await(By.cssSelector("#collab-partner option"));
        // The partner's own fields, read from the TSANet directory (the demo's simulator).
        browser.type(By.xpath("//label[starts-with(normalize-space(.), 'Array serial number')]/following-sibling::input"), "GX123456");
        browser.type(By.id("collab-summary"), "Array latency after the storage driver upgrade");
        press(By.id("open-collaboration"));
        browser.awaitText(By.id("status"), "consent");
        press(By.id("collab-consent"));
        press(By.id("open-collaboration"));
        browser.await(By.cssSelector("#collaborations tr[data-collaboration]"));
        browser.awaitText(By.cssSelector("#collaborations tbody"), "Array latency after the storage driver upgrade");
        browser.script("arguments[0].scrollIntoView({block: 'start'})", browser.await(By.id("collaborations")));
        browser.screenshot("escalation-collaboration");
        JsonNode list = JSON.readTree(platform.api("GET", "requests/" + escalationNow(second).get("request").asText()
                + "/collaborations", "rem1", null).body());
        assertEquals(1, list.size(), list.toString());
        assertEquals("tsanet", list.get(0).get("connector").asText());
        browser.signOut();
    }
}
