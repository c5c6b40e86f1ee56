package org.srplatform.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceMethodInfoDTO;

/**
 * Every endpoint of the running {@code /api/v1} application (discovered from the whiteboard's runtime, so
 * a new endpoint joins without editing this class) against anonymous, every demo role and a customer of
 * another account, each answer checked against one table of rules. An endpoint missing from the table
 * fails the test: whoever adds an endpoint says who may call it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccessMatrixIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> CALLERS = List.of("anonymous", "customer1", "customer2", "engineer1", "duty1",
            "rem1", "escalation1", "admin1");
    private static final Set<String> STAFF = Set.of("engineer1", "duty1", "rem1", "escalation1", "admin1");

    /** Who may call an endpoint. */
    enum Rule {
        /** Anyone, signed in or not. */
        OPEN,
        /** Any signed-in user. */
        SIGNED_IN,
        /** Any signed-in user; about one SR: a customer of another account gets 404, as for a missing SR. */
        SR_SCOPED,
        /**
         * As {@link #SR_SCOPED}, but which role may take which status transition is the lifecycle's table
         * (StatusTransitions in sr-requests, tested there): a 403 for a role may be the table's answer.
         */
        SR_LIFECYCLE,
        /** Support staff only: customers 403. */
        STAFF,
        /** Support engineers and duty managers (taking calls): others 403. */
        PHONE_INTAKE,
        /**
         * Staff only, customers 403 before anything is looked up; which member of staff may take the step is the
         * escalation's (its region's escalation managers, its escalation engineer), tested in EscalationIT: a
         * 403 for staff may be its answer.
         */
        ESCALATION_STAFF,
        /** Administrators only. */
        ADMIN
    }

    /** The one table: method and path template below /api/v1 → rule. */
    private static final Map<String, Rule> RULES = new LinkedHashMap<>();
    static {
        RULES.put("GET health", Rule.OPEN);
        RULES.put("GET health/live", Rule.OPEN);
        RULES.put("GET health/ready", Rule.OPEN);
        RULES.put("GET openapi.json", Rule.SIGNED_IN);
        RULES.put("GET me", Rule.SIGNED_IN);
        // The web UI's sign-in (a wrong or missing password is 400/401, never 403) and its session; SessionIT.
        RULES.put("POST session", Rule.OPEN);
        RULES.put("GET session", Rule.SIGNED_IN);
        RULES.put("DELETE session", Rule.SIGNED_IN);
        RULES.put("PUT me/password", Rule.SIGNED_IN);
        RULES.put("GET products", Rule.SIGNED_IN);
        RULES.put("GET products/{id}", Rule.SIGNED_IN);
        RULES.put("GET accounts", Rule.SIGNED_IN);
        RULES.put("GET accounts/{number}", Rule.SIGNED_IN);
        RULES.put("GET suggestions", Rule.SIGNED_IN);
        RULES.put("POST suggestions/{id}/solved", Rule.SIGNED_IN); // "this solved it" in Get Support
        RULES.put("GET suggestions/solved", Rule.STAFF);
        RULES.put("GET articles", Rule.SIGNED_IN);
        RULES.put("GET articles/{id}", Rule.SIGNED_IN);
        RULES.put("PUT articles/{id}", Rule.STAFF);
        RULES.put("POST requests", Rule.SIGNED_IN);
        RULES.put("GET requests", Rule.SIGNED_IN);
        RULES.put("GET requests/fields", Rule.SIGNED_IN);
        RULES.put("GET requests/{number}", Rule.SR_SCOPED);
        RULES.put("POST requests/{number}/severity", Rule.SR_SCOPED);
        RULES.put("POST requests/{number}/status", Rule.SR_LIFECYCLE);
        RULES.put("POST requests/{number}/comments", Rule.SR_SCOPED);
        RULES.put("POST requests/{number}/attachments", Rule.SR_SCOPED);
        RULES.put("GET requests/{number}/attachments/{id}", Rule.SR_SCOPED);
        RULES.put("POST requests/{number}/assignment", Rule.PHONE_INTAKE); // engineers take, duty managers assign
        RULES.put("POST requests/{number}/responses", Rule.STAFF);
        RULES.put("GET requests/{number}/clocks", Rule.STAFF);
        RULES.put("GET queues", Rule.STAFF);
        RULES.put("PUT queues/{id}", Rule.ADMIN);
        RULES.put("GET routing-rules", Rule.STAFF);
        RULES.put("PUT routing-rules", Rule.ADMIN);
        RULES.put("GET reports/sla", Rule.STAFF);
        RULES.put("GET admin/outbox", Rule.ADMIN);
        RULES.put("POST admin/outbox/{id}/retry", Rule.ADMIN);
        RULES.put("GET mailbox", Rule.STAFF);
        RULES.put("POST phone/requests", Rule.PHONE_INTAKE);
        RULES.put("POST phone/messages", Rule.STAFF);
        RULES.put("GET phone/callbacks", Rule.STAFF);
        RULES.put("POST phone/callbacks/{id}/done", Rule.STAFF);
        RULES.put("GET admin/features", Rule.ADMIN);
        RULES.put("GET admin/features/{id}", Rule.ADMIN);
        RULES.put("PUT admin/features/{id}", Rule.ADMIN);
        RULES.put("GET admin/bundles", Rule.ADMIN);
        // Escalation: who may take a step depends on the role and on the SR or escalation (its customer, its
        // assignee, its escalation engineer, its region's managers); EscalationIT checks each step's roles exactly.
        RULES.put("POST requests/{number}/escalations", Rule.SR_LIFECYCLE);
        RULES.put("GET requests/{number}/escalations", Rule.SR_SCOPED);
        RULES.put("GET escalations", Rule.STAFF);
        RULES.put("GET escalations/{id}", Rule.SR_SCOPED);
        RULES.put("POST escalations/{id}/accept", Rule.ESCALATION_STAFF);
        RULES.put("PUT escalations/{id}/action-plan", Rule.ESCALATION_STAFF);
        RULES.put("PUT escalations/{id}/communication-plan", Rule.ESCALATION_STAFF);
        RULES.put("POST escalations/{id}/updates", Rule.ESCALATION_STAFF);
        RULES.put("POST escalations/{id}/too-slow", Rule.SR_LIFECYCLE);
        RULES.put("POST escalations/{id}/resources", Rule.ESCALATION_STAFF);
        RULES.put("POST escalations/{id}/de-escalate", Rule.ESCALATION_STAFF);
        // Collaborations with other vendors: escalation engineers and regional escalation managers bring them in.
        RULES.put("POST requests/{number}/collaborations", Rule.ESCALATION_STAFF);
        RULES.put("GET requests/{number}/collaborations", Rule.STAFF);
        RULES.put("POST requests/{number}/collaborations/{id}/notes", Rule.ESCALATION_STAFF);
        RULES.put("POST requests/{number}/collaborations/{id}/answer", Rule.ESCALATION_STAFF);
        RULES.put("POST requests/{number}/collaborations/{id}/close", Rule.ESCALATION_STAFF);
        RULES.put("PUT requests/{number}/collaborations/{id}/partner-case", Rule.ESCALATION_STAFF);
        RULES.put("GET connectors", Rule.STAFF);
        RULES.put("GET connectors/{id}/partners", Rule.ESCALATION_STAFF);
        // Administration (sr-admin): the setup document, its entries one by one, one-time passwords, the audit trail.
        for (String endpoint : List.of("GET admin/export", "POST admin/import", "GET admin/schema", "GET admin/audit",
                "GET admin/users", "GET admin/users/{login}", "PUT admin/users/{login}",
                "POST admin/users/{login}/one-time-password", "GET admin/products", "PUT admin/products/{id}",
                "PUT admin/products/{id}/categories/{category}", "GET admin/offerings", "PUT admin/offerings/{id}",
                "GET admin/regions", "PUT admin/regions/{id}", "GET admin/accounts", "GET admin/accounts/{number}",
                "PUT admin/accounts/{number}", "PUT admin/accounts/{number}/contracts/{id}",
                "GET admin/accounts/{number}/contacts", "PUT admin/accounts/{number}/contacts/{login}")) {
            RULES.put(endpoint, Rule.ADMIN);
        }
    }

    @Inject
    private BundleContext context;

    @Inject
    private JakartarsServiceRuntime runtime;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    @Test
    public void everyEndpointAnswersEveryCallerAsTheTableSays() throws Exception {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("me", "admin1", 200, WAIT).status());
        assertEquals(200, http.await("suggestions?product=datacenter", "customer1", 200, WAIT).status());

        Set<String> endpoints = endpoints();
        Set<String> missing = new TreeSet<>(endpoints);
        missing.removeAll(RULES.keySet());
        assertEquals("endpoints without a rule in AccessMatrixIT.RULES: say who may call them", Set.of(), missing);
        assertTrue("the application's endpoints were discovered: " + endpoints, endpoints.size() >= 20);

        Samples samples = Samples.create(http);
        List<String> wrong = new ArrayList<>();
        for (String endpoint : endpoints) {
            Rule rule = RULES.get(endpoint);
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = samples.path(endpoint.substring(endpoint.indexOf(' ') + 1));
            for (String caller : CALLERS) {
                Http.Answer a = call(http, samples, method, path, caller);
                String expected = expected(rule, caller);
                if (!matches(expected, a.status())) {
                    wrong.add(endpoint + " as " + caller + ": expected " + expected + ", got " + a.status() + " "
                            + a.body().substring(0, Math.min(160, a.body().length())));
                }
            }
        }
        assertEquals("answers against the access rules", List.of(), wrong);
    }

    private static Http.Answer call(Http http, Samples samples, String method, String path, String caller) {
        Http.Answer a = callOnce(http, samples, method, path, caller);
        // A connection the server closed after refusing the previous request unread: a client sends again.
        return a.status() == -1 ? callOnce(http, samples, method, path, caller) : a;
    }

    private static Http.Answer callOnce(Http http, Samples samples, String method, String path, String caller) {
        String user = caller.equals("anonymous") ? null : caller;
        if (method.equals("POST") && path.endsWith("/attachments")) {
            return http.upload(path, user, "access.log", "access matrix".getBytes());
        }
        String body = method.equals("GET") ? null : samples.body(method, path);
        return http.send(method, path + (path.equals("suggestions") ? "?product=datacenter" : ""), user, body);
    }

    /**
     * 401, 403, 404 exactly; "allowed": anything but 401 and 403 (the request itself may be refused);
     * "signed in": anything but 401 and 404.
     */
    private static String expected(Rule rule, String caller) {
        boolean anonymous = caller.equals("anonymous");
        boolean staff = STAFF.contains(caller);
        return switch (rule) {
            case OPEN -> "allowed";
            case SIGNED_IN -> anonymous ? "401" : "allowed";
            case SR_SCOPED -> anonymous ? "401" : caller.equals("customer2") ? "404" : "allowed";
            case SR_LIFECYCLE -> anonymous ? "401" : caller.equals("customer2") ? "404" : "signed in";
            case STAFF -> anonymous ? "401" : staff ? "allowed" : "403";
            case PHONE_INTAKE -> anonymous ? "401" : Set.of("engineer1", "duty1").contains(caller) ? "allowed" : "403";
            case ESCALATION_STAFF -> anonymous ? "401" : staff ? "signed in" : "403";
            case ADMIN -> anonymous ? "401" : caller.equals("admin1") ? "allowed" : "403";
        };
    }

    private static boolean matches(String expected, int status) {
        return switch (expected) {
            case "allowed" -> status != 401 && status != 403 && status > 0;
            case "signed in" -> status != 401 && status != 404 && status > 0;
            default -> Integer.toString(status).equals(expected);
        };
    }

    /** "METHOD path" of every resource method of the sr-api-v1 application, path templates as declared. */
    private Set<String> endpoints() {
        Set<String> out = new TreeSet<>();
        for (ApplicationDTO app : runtime.getRuntimeDTO().applicationDTOs) {
            if (!"sr-api-v1".equals(app.name)) {
                continue;
            }
            for (ResourceDTO resource : app.resourceDTOs) {
                for (ResourceMethodInfoDTO m : resource.resourceMethods) {
                    String path = m.path.replaceAll("^/+", "").replaceAll("/+$", "").replaceAll("\\{([a-zA-Z]+)[^}]*}", "{$1}");
                    out.add(m.method + " " + path);
                }
            }
        }
        return out;
    }

    /**
     * Real values for path templates: customer1's SR with an attachment and an escalation (REQUESTED), a phone
     * message, an article.
     */
    private record Samples(String number, String attachment, String message, String article, String escalation,
            String collaboration) {
        /** A complete escalation request: on the sample SR, which has one open, a conflict. */
        static final String ESCALATION = "{\"reason\":\"CRITICAL_BUSINESS_IMPACT\",\"problemStatementConfirmed\":true,"
                + "\"businessImpactConfirmed\":true,\"workaroundUnacceptable\":true,"
                + "\"milestones\":[{\"name\":\"Go-live\",\"date\":\"2026-12-01\"}],\"detail\":\"access matrix\"}";

        static Samples create(Http http) {
            Http.Answer sr = http.post("requests", "customer1", "{\"account\":\"1001\",\"product\":\"datacenter\","
                    + "\"category\":\"performance\",\"severity\":3,\"subject\":\"Access matrix\",\"description\":\"x\","
                    + "\"contactMethod\":\"EMAIL\"}");
            assertEquals(sr.body(), 201, sr.status());
            String number = sr.json().get("number").asText();
            Http.Answer file = http.upload("requests/" + number + "/attachments", "customer1", "a.log", "a".getBytes());
            assertEquals(file.body(), 201, file.status());
            Http.Answer message = http.post("phone/messages", "engineer1", "{\"name\":\"Pat\",\"company\":\"Globex\","
                    + "\"callbackNumber\":\"+1 650 555 0100\",\"description\":\"Call back\"}");
            assertEquals(message.body(), 201, message.status());
            String article = http.get("articles?product=datacenter", "engineer1").json().get("items").get(0)
                    .get("id").asText();
            Http.Answer escalation = http.post("requests/" + number + "/escalations", "customer1", ESCALATION);
            assertEquals(escalation.body(), 201, escalation.status());
            // Through the existing-contract connector, always installed (unconfigured: its opening fails, which
            // leaves a collaboration whose steps are conflicts for whoever may take them).
            Http.Answer collaboration = http.post("requests/" + number + "/collaborations", "escalation1",
                    "{\"connector\":\"contract\",\"partner\":\"globex\",\"summary\":\"Access matrix\","
                            + "\"consent\":true,\"fields\":{\"contractNumber\":\"1\"}}");
            assertEquals(collaboration.body(), 202, collaboration.status());
            return new Samples(number, file.json().get("id").asText(), message.json().get("id").asText(), article,
                    escalation.json().get("id").asText(), collaboration.json().get("id").asText());
        }

        String path(String template) {
            String p = template.replace("{number}", template.startsWith("accounts") || template.startsWith("admin/accounts")
                    ? "1001" : number);
            if (p.startsWith("requests/") && p.contains("/attachments/")) {
                return p.replace("{id}", attachment);
            }
            if (p.startsWith("phone/")) {
                return p.replace("{id}", message);
            }
            if (p.startsWith("articles/") || p.startsWith("suggestions/")) {
                return p.replace("{id}", article);
            }
            if (p.startsWith("products/")) {
                return p.replace("{id}", "datacenter");
            }
            if (p.startsWith("admin/features/")) {
                return p.replace("{id}", "suggestions");
            }
            if (p.startsWith("admin/outbox/")) {
                return p.replace("{id}", "1");
            }
            if (p.startsWith("admin/")) { // an unknown user: an administrator's call finds nobody, changes nobody
                return p.replace("{login}", "nobody-" + number).replace("{category}", "performance")
                        .replace("admin/products/{id}", "admin/products/datacenter")
                        .replace("admin/offerings/{id}", "admin/offerings/production")
                        .replace("admin/regions/{id}", "admin/regions/APJ").replace("{id}", "x");
            }
            if (p.startsWith("queues/")) {
                return p.replace("{id}", "general");
            }
            if (p.startsWith("escalations/")) {
                return p.replace("{id}", escalation);
            }
            if (p.startsWith("requests/") && p.contains("/collaborations/")) {
                return p.replace("{id}", collaboration);
            }
            if (p.startsWith("connectors/")) {
                return p.replace("{id}", "contract");
            }
            return p;
        }

        /** A body that is harmless for every caller: enabling an enabled feature, a severity it has... */
        String body(String method, String path) {
            if (path.startsWith("admin/features/")) {
                return "{\"enabled\":true}";
            }
            if (path.endsWith("/severity")) {
                return "{\"severity\":3,\"reason\":\"access matrix\"}";
            }
            if (path.endsWith("/status")) {
                return "{\"status\":\"CLOSED\",\"reason\":\"access matrix\"}";
            }
            if (path.endsWith("/comments")) {
                return "{\"text\":\"access matrix\"}";
            }
            // Complete bodies, so that who may call decides (a customer of another account: 404) and not the body;
            // the sample escalation is still REQUESTED, so both are conflicts for whoever may call.
            if (path.endsWith("/escalations")) {
                return ESCALATION;
            }
            if (path.endsWith("/too-slow")) {
                return "{\"reason\":\"access matrix\"}";
            }
            // Administration: a body no import takes (an unknown field), so an administrator's call changes nothing.
            if (path.startsWith("admin/") && !method.equals("GET")) {
                return "{\"accessMatrix\":true}";
            }
            if (path.equals("me/password")) {
                return "{\"currentPassword\":\"wrong\",\"newPassword\":\"whatever it is\"}";
            }
            return "{}";
        }
    }
}
