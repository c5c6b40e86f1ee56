package org.srplatform.uitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in headless Chromium against the distribution run as a process (one start for every test): a customer
 * opening an SR through every step of the support process with an attachment, another account's SR refused, a
 * feature switched off and on by the operator with the portal saying it is unavailable meanwhile, the Chinese UI,
 * markup in a description shown as text, and a cookie without its CSRF token refused. Screenshots of the main pages
 * land in target/screenshots. Without Chromium the tests are skipped, saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Markup that would run if the page parsed data as HTML: it would set window.__xss. */
    private static final String HOSTILE = "Latency <b>spikes</b> <img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    private Platform platform;
    private Browser browser;

    private final String missing = Browser.missing();

    @BeforeAll
    void start() {
        if (missing == null) {
            platform = Platform.start();
            browser = new Browser(platform);
        }
    }

    /** Each test says it is skipped and why (a class-level assumption would report nothing at all). */
    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(missing == null, () -> "Browser test skipped: " + missing);
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

    private String openSrByApi(String user, String account, String product, String subject, String description) throws Exception {
        HttpResponse<String> r = platform.api("POST", "requests", user, JSON.writeValueAsString(Map.of("account", account,
                "product", product, "category", product.equals("datacenter") ? "performance" : categoryOf(product), "severity", 3,
                "subject", subject, "description", description, "contactMethod", "EMAIL")));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("number").asText();
    }

    private String categoryOf(String product) throws Exception {
        JsonNode p = JSON.readTree(platform.api("GET", "products/" + product, "admin1", null).body());
        return p.get("categories").get(0).get("id").asText();
    }

    @Test
    @Order(1)
    void aCustomerOpensAnSrThroughEveryStepWithAnAttachmentAndSeesItsNumber() throws Exception {
        browser.open("/");
        browser.script("localStorage.clear()");
        browser.open("/");
        browser.await(By.id("sign-in"));
        browser.screenshot("sign-in");
        browser.signIn("customer1");
        browser.awaitText(By.tagName("h1"), "Welcome");
        browser.screenshot("portal-home");

        browser.click(By.id("get-support"));
        // Step 1: product, then its categories, each with its description on hover.
        browser.click(By.cssSelector("input[name=product][value=datacenter]"));
        WebElement performance = browser.await(By.cssSelector("input[name=category][value=performance]"));
        WebElement row = performance.findElement(By.xpath(".."));
        new Actions(browser.driver()).moveToElement(row).perform();
        WebElement tip = row.findElement(By.cssSelector(".tip-text"));
        assertTrue(tip.isDisplayed(), "the category's description shows on hover");
        assertTrue(tip.getText().contains("latency"), tip.getText());
        browser.screenshot("get-support-product");
        performance.click();
        browser.click(By.id("continue-product"));

        // Step 2: only accounts with a contract for the product; Acme's is the one.
        WebElement account = browser.await(By.cssSelector("input[name=account][value='1001']"));
        assertEquals(1, browser.all(By.cssSelector("input[name=account]")).size());
        account.click();
        browser.click(By.id("continue-account"));

        // Step 3: suggested resources before the form; then the description and tags.
        browser.await(By.cssSelector("#suggestions .suggestion"));
        assertFalse(browser.all(By.cssSelector("#suggestions .suggestion button.solved")).isEmpty(), "'this solved it' is offered");
        browser.screenshot("get-support-suggestions");
        browser.type(By.id("description"), HOSTILE);
        browser.type(By.id("tags"), "upgrade, storage");
        browser.click(By.id("continue-request"));

        // Step 4: the required fields with their tooltips, and a file with its progress.
        browser.type(By.id("subject"), "Datastore latency after upgrade");
        new Select(browser.await(By.id("severity"))).selectByValue("2");
        new Select(browser.await(By.id("contactMethod"))).selectByValue("EMAIL");
        assertEquals("true", browser.await(By.id("subject")).getDomAttribute("aria-required"));
        assertFalse(browser.all(By.cssSelector(".field .tip-text[role=tooltip]")).isEmpty());
        Path log = Files.createTempFile("vmware-", ".log");
        byte[] bytes = new byte[3 * 1024 * 1024];
        new Random(15).nextBytes(bytes);
        Files.write(log, bytes);
        browser.await(By.id("files")).sendKeys(log.toAbsolutePath().toString());
        browser.screenshot("get-support-details");
        browser.click(By.id("submit-request"));

        // Step 5: the SR number on screen; the file uploaded completely.
        String number = browser.await(By.id("sr-number")).getText().trim();
        assertTrue(number.matches("\\d{11}"), number);
        WebElement upload = browser.await(By.cssSelector(".upload.uploaded"));
        assertEquals("100", upload.findElement(By.tagName("progress")).getDomProperty("value"));
        browser.screenshot("get-support-done");
        Files.deleteIfExists(log);

        JsonNode sr = JSON.readTree(platform.api("GET", "requests/" + number, "customer1", null).body());
        assertEquals("datacenter", sr.get("product").asText());
        assertEquals("performance", sr.get("category").asText());
        assertEquals("1001", sr.get("account").asText());
        assertEquals(2, sr.get("severity").asInt());
        assertEquals(HOSTILE, sr.get("description").asText());
        assertEquals("[\"upgrade\",\"storage\"]", sr.get("tags").toString());
        assertTrue(sr.get("suggestionsShown").asBoolean());
        assertEquals(1, sr.get("attachments").size());
        assertEquals(bytes.length, sr.get("attachments").get(0).get("size").asLong());

        // The SR's page: markup in the description is shown as the characters it is, and never runs.
        browser.click(By.id("open-sr"));
        WebElement description = browser.await(By.id("description"));
        assertEquals(HOSTILE, description.getText());
        assertTrue(description.findElements(By.tagName("img")).isEmpty());
        assertTrue(description.findElements(By.tagName("script")).isEmpty());
        assertEquals(Boolean.TRUE, browser.script("return window.__xss === undefined"));
        browser.await(By.cssSelector("#timeline li"));
        browser.await(By.cssSelector("#attachments a"));
        browser.screenshot("request-page");

        // My requests lists it.
        browser.open("/#/portal/requests");
        browser.await(By.cssSelector("#requests tr[data-number='" + number + "']"));
        browser.screenshot("my-requests");
    }

    @Test
    @Order(2)
    void aCustomerCannotSeeAnotherAccountsSrByItsAddress() throws Exception {
        String number = openSrByApi("customer1", "1001", "datacenter", "Acme only: confidential subject", "Acme's own problem");
        browser.signIn("customer2");
        browser.open("/#/portal/requests/" + number);
        WebElement missing = browser.await(By.id("request-missing"));
        assertTrue(missing.getText().contains(number), missing.getText());
        assertFalse(browser.driver().getPageSource().contains("confidential subject"));
        browser.open("/#/portal/requests");
        browser.await(By.cssSelector("#requests, #no-requests"));
        assertTrue(browser.all(By.cssSelector("#requests tr[data-number='" + number + "']")).isEmpty());
        browser.signOut();
    }

    @Test
    @Order(3)
    void anOperatorSwitchesAFeatureOffAndOnAndThePortalSaysItIsUnavailableMeanwhile() {
        browser.signIn("admin1");
        browser.open("/#/operator/features");
        By intakeRow = By.cssSelector("#features tr[data-feature=intake]");
        browser.await(intakeRow);
        assertEquals("true", browser.await(intakeRow).getDomAttribute("data-enabled"));
        browser.screenshot("operator-features");
        browser.click(By.cssSelector("#features tr[data-feature=intake] button[data-action=disable]"));
        browser.await(By.cssSelector("#features tr[data-feature=intake][data-enabled=false]"));
        browser.await(By.cssSelector("#features tr[data-feature=intake][data-state=DISABLED]"));
        browser.screenshot("operator-features-intake-off");
        browser.signOut();

        browser.signIn("customer1");
        browser.open("/#/portal/new");
        WebElement unavailable = browser.await(By.id("feature-unavailable"));
        assertEquals("intake", unavailable.getDomAttribute("data-feature"));
        assertTrue(unavailable.getText().contains("unavailable"), unavailable.getText());
        assertTrue(browser.all(By.cssSelector("input[name=product]")).isEmpty(), "no form that cannot be sent");
        browser.screenshot("portal-feature-unavailable");
        browser.signOut();

        browser.signIn("admin1");
        browser.open("/#/operator/features");
        browser.click(By.cssSelector("#features tr[data-feature=intake] button[data-action=enable]"));
        browser.await(By.cssSelector("#features tr[data-feature=intake][data-state=ACTIVE]"));
        browser.signOut();

        browser.signIn("customer1");
        browser.open("/#/portal/new");
        browser.await(By.cssSelector("input[name=product][value=datacenter]"));
        assertTrue(browser.all(By.id("feature-unavailable")).isEmpty());
        browser.signOut();
    }

    @Test
    @Order(4)
    void aChineseSpeakingCustomerSeesTheUiInChineseAndAnyoneCanChooseIt() {
        // customer2's contact language is zh-CN: the UI starts in it.
        browser.signIn("customer2");
        browser.awaitText(By.cssSelector(".top nav"), "获取支持");
        assertEquals("zh-CN", browser.script("return document.documentElement.lang"));
        browser.open("/#/portal/new");
        browser.awaitText(By.tagName("h1"), "获取支持");
        browser.awaitText(By.cssSelector(".steps"), "产品和问题");
        browser.screenshot("portal-zh-CN");
        browser.signOut();
        assertTrue(browser.await(By.id("sign-in")).getText().contains("登录"));

        // An English speaker chooses Chinese on the sign-in page; the choice is remembered.
        browser.signIn("customer1");
        browser.awaitText(By.cssSelector(".top nav"), "Get support");
        new Select(browser.await(By.cssSelector(".language select"))).selectByValue("zh-CN");
        browser.awaitText(By.cssSelector(".top nav"), "我的请求");
        browser.driver().navigate().refresh();
        browser.awaitText(By.cssSelector(".top nav"), "我的请求");
        browser.script("localStorage.clear()");
        browser.signOut();
    }

    @Test
    @Order(5)
    void aRequestThatChangesDataWithTheCookieButWithoutTheCsrfTokenIsRefused() throws Exception {
        String number = openSrByApi("customer1", "1001", "datacenter", "CSRF check", "A request for the CSRF check");
        browser.signIn("customer1");
        String script = "const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/requests/' + arguments[0] + '/comments', {method: 'POST', credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},"
                + " body: JSON.stringify({text: 'forged'})}).then(r => r.text().then(t => done(r.status + ' ' + t)));";
        String refused = (String) browser.asyncScript(script, number);
        assertTrue(refused.startsWith("403 "), refused);
        assertTrue(refused.contains("X-CSRF-Token"), refused);
        // Reading needs no token, and the page's own calls carry it: the same comment with the token is taken.
        String read = (String) browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/requests/' + arguments[0], {credentials: 'same-origin'}).then(r => done(String(r.status)));", number);
        assertEquals("200", read);
        String withToken = (String) browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/session', {credentials: 'same-origin'}).then(r => r.json()).then(s =>"
                + " fetch('/api/v1/requests/' + arguments[0] + '/comments', {method: 'POST', credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken},"
                + " body: JSON.stringify({text: 'with the token'})})).then(r => done(String(r.status)));", number);
        assertTrue(withToken.startsWith("2"), withToken);
        JsonNode sr = JSON.readTree(platform.api("GET", "requests/" + number, "customer1", null).body());
        assertFalse(sr.toString().contains("forged"));
        browser.signOut();
    }

    @Test
    @Order(6)
    void onItsPageACustomerRaisesTheSeverityRequestsEscalationWithTheChecklistAndSaysTooSlow() throws Exception {
        String number = openSrByApi("customer1", "1001", "datacenter", "Cluster keeps failing over", "Failover loops");
        browser.signIn("customer1");
        browser.open("/#/portal/requests/" + number);
        browser.await(By.id("timeline"));

        // Severity, with a reason: not an escalation.
        browser.click(By.xpath("//summary[normalize-space()='Raise severity']"));
        new Select(browser.await(By.id("new-severity"))).selectByValue("2");
        browser.type(By.id("severity-reason"), "Now two clusters are affected");
        browser.click(By.id("raise-severity"));
        browser.awaitText(By.id("status"), "Severity raised to 2");
        browser.awaitText(By.cssSelector("dd[data-fact=severity]"), "2");

        // Escalation: refused in the page until every pre-check of the checklist is confirmed.
        browser.click(By.xpath("//summary[normalize-space()='Request escalation']"));
        new Select(browser.await(By.id("escalation-reason"))).selectByValue("CRITICAL_BUSINESS_IMPACT");
        browser.click(By.cssSelector("input[name=problemStatementConfirmed]"));
        browser.click(By.id("request-escalation"));
        browser.awaitText(By.id("status"), "Confirm every point");
        browser.click(By.cssSelector("input[name=businessImpactConfirmed]"));
        browser.click(By.cssSelector("input[name=workaroundUnacceptable]"));
        browser.type(By.id("milestone-name"), "Go-live");
        browser.script("arguments[0].value = '2026-12-15'", browser.await(By.id("milestone-date")));
        browser.type(By.id("escalation-detail"), "Quarter-end close depends on it");
        browser.screenshot("request-escalation");
        browser.click(By.id("request-escalation"));
        browser.awaitText(By.id("status"), "Escalation requested");
        browser.await(By.id("too-slow"));

        JsonNode escalations = JSON.readTree(platform.api("GET", "requests/" + number + "/escalations", "customer1", null).body());
        assertEquals(1, escalations.size());
        assertEquals("CRITICAL_BUSINESS_IMPACT", escalations.get(0).get("reason").asText());
        assertEquals("2026-12-15", escalations.get(0).get("milestones").get(0).get("date").asText());
        assertEquals(2, JSON.readTree(platform.api("GET", "requests/" + number, "customer1", null).body()).get("severity").asInt());

        // "Too slow": the platform's answer is shown, whichever it is.
        browser.type(By.id("too-slow-reason"), "No news for a day");
        browser.click(By.id("too-slow"));
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
                .until(d -> !d.findElement(By.id("status")).getText().isBlank());
        browser.screenshot("request-too-slow");
        browser.signOut();
    }

    @Test
    @Order(7)
    void aSuggestionThatSolvesTheProblemEndsGetSupportAndIsCounted() throws Exception {
        browser.signIn("customer1");
        browser.open("/#/portal/new");
        browser.click(By.cssSelector("input[name=product][value=workstation]"));
        browser.click(By.cssSelector("input[name=category]"));
        browser.click(By.id("continue-product"));
        browser.click(By.cssSelector("input[name=account][value='1001']"));
        browser.click(By.id("continue-account"));
        WebElement first = browser.await(By.cssSelector("#suggestions .suggestion"));
        String article = first.getDomAttribute("data-id");
        first.findElement(By.cssSelector("button.solved")).click();
        browser.await(By.id("solved"));
        assertTrue(browser.all(By.id("sr-number")).isEmpty(), "no SR opened");
        JsonNode counts = JSON.readTree(platform.api("GET", "suggestions/solved", "duty1", null).body());
        boolean counted = false;
        for (JsonNode c : counts.get("items")) {
            counted |= c.get("article").asText().equals(article) && c.get("product").asText().equals("workstation");
        }
        assertTrue(counted, counts.toString());
        browser.signOut();
    }

    @Test
    @Order(8)
    void aOneTimePasswordLeadsToSettingOnesOwnFirst() throws Exception {
        HttpResponse<String> otp = platform.api("POST", "admin/users/duty1/one-time-password", "admin1", "{}");
        assertEquals(200, otp.statusCode(), otp.body());
        String oneTime = JSON.readTree(otp.body()).get("password").asText();
        browser.open("/");
        browser.driver().manage().deleteAllCookies();
        browser.open("/");
        browser.type(By.id("login"), "duty1");
        browser.type(By.id("password"), oneTime);
        browser.click(By.id("sign-in"));
        browser.type(By.id("current-password"), oneTime);
        browser.type(By.id("new-password"), "duty1 own passphrase");
        browser.type(By.id("new-password-again"), "duty1 own passphrase");
        browser.screenshot("set-password");
        browser.click(By.id("change-password"));
        browser.awaitText(By.id("status"), "Password set");
        browser.type(By.id("login"), "duty1");
        browser.type(By.id("password"), "duty1 own passphrase");
        browser.click(By.id("sign-in"));
        browser.awaitText(By.tagName("h1"), "Staff console");
        browser.signOut();
    }

    @Test
    @Order(9)
    void myRequestsFiltersAndPages() throws Exception {
        for (int i = 0; i < 21; i++) {
            HttpResponse<String> r = platform.api("POST", "requests", "customer1", JSON.writeValueAsString(Map.of("account", "1001",
                    "product", "workstation", "category", categoryOf("workstation"), "severity", 4,
                    "subject", "Paging check " + i, "description", "A question", "contactMethod", "EMAIL")));
            assertEquals(201, r.statusCode(), r.body());
        }
        browser.signIn("customer1");
        browser.open("/#/portal/requests");
        browser.await(By.id("requests"));
        new Select(browser.await(By.id("filter-severity"))).selectByValue("4");
        new Select(browser.await(By.id("filter-product"))).selectByValue("workstation");
        browser.click(By.id("apply-filters"));
        browser.awaitText(By.cssSelector("#requests caption"), "page 1");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().contains("severity=4") && d.findElements(By.cssSelector("#requests tbody tr")).size() == 20);
        java.util.List<String> first = browser.all(By.cssSelector("#requests tbody tr")).stream().map(r -> r.getDomAttribute("data-number")).toList();
        browser.click(By.id("next-page"));
        browser.awaitText(By.cssSelector("#requests caption"), "page 2");
        java.util.List<WebElement> second = browser.all(By.cssSelector("#requests tbody tr"));
        assertFalse(second.isEmpty());
        for (WebElement row : second) {
            assertFalse(first.contains(row.getDomAttribute("data-number")), "page 2 repeats page 1");
            assertTrue(row.getText().contains("workstation"), row.getText());
        }
        browser.screenshot("my-requests-page-2");
        browser.signOut();
    }

    @Test
    @Order(10)
    void staffLandOnTheConsoleThatListsTheStaffModulesPresent() {
        browser.signIn("engineer1");
        browser.awaitText(By.tagName("h1"), "Staff console");
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/console"));
        browser.await(By.cssSelector("#staff-modules li[data-module=operator]"));
        browser.screenshot("console-home");
        browser.signOut();
    }
}
