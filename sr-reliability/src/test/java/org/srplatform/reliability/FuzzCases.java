package org.srplatform.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fuzzer's one table: how each endpoint is fuzzed. A new endpoint joins by adding a line here (its bundle
 * declares it in {@code SR-Endpoints}; {@link FuzzIT#everyDeclaredEndpointHasAFuzzCase} fails until it has a case
 * or a reason in {@link #NOT_FUZZED}).
 */
final class FuzzCases {
    /** How the input is shaped. */
    enum Kind {
        /** A JSON body: the example mutated field by field, or raw bytes. */
        JSON,
        /** {@code multipart/form-data}: boundary, part headers, file name and content fuzzed. */
        MULTIPART,
        /** The query parameters named (and unknown ones), values fuzzed. */
        QUERY,
        /** The path's {@code {...}} segments fuzzed (and the sample values). */
        PATH
    }

    /**
     * One case: {@code endpoint} as declared ("METHOD template" below /api/v1), the demo user who calls it, and
     * for JSON the example body, for QUERY the parameter names.
     */
    record Case(String endpoint, String caller, Kind kind, String example, List<String> params) {
        String method() {
            return endpoint.substring(0, endpoint.indexOf(' '));
        }

        String template() {
            return endpoint.substring(endpoint.indexOf(' ') + 1);
        }

        @Override
        public String toString() {
            return kind + " " + endpoint + " as " + caller;
        }
    }

    static final String INTAKE = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\",\"severity\":2,"
            + "\"subject\":\"Fuzzed intake\",\"description\":\"Since the upgrade\",\"tags\":[\"upgrade\",\"storage\"],"
            + "\"contactMethod\":\"EMAIL\",\"phone\":\"+1 650 555 0100\"}";

    static final List<Case> CASES = new ArrayList<>();

    /** Declared endpoints not fuzzed, each with the reason; an entry here is a decision, not a default. */
    static final Map<String, String> NOT_FUZZED = new LinkedHashMap<>();

    static {
        // The three the issue names: the JSON intake, the multipart upload, the list endpoints' query parameters.
        json("POST requests", "customer1", INTAKE);
        json("POST requests", "engineer1", INTAKE);
        multipart("POST requests/{number}/attachments", "customer1");
        query("GET requests", "engineer1", "status", "product", "severity", "account", "q", "assignee", "queue",
                "overdue", "limit", "cursor");
        query("GET requests", "customer1", "status", "product", "severity", "account", "q", "limit", "cursor");
        query("GET escalations", "engineer1", "state", "region", "limit", "cursor");
        query("GET admin/outbox", "admin1", "state", "limit");
        query("GET mailbox", "engineer1", "sr", "to", "limit");
        query("GET suggestions", "customer1", "product", "category", "q", "limit");
        query("GET articles", "customer1", "product");
        query("GET accounts", "customer1", "limit", "cursor");
        query("GET products", "customer1");
        query("GET reports/sla", "engineer1", "from", "to");
        query("GET phone/callbacks", "engineer1", "limit");
        query("GET queues", "engineer1");
        query("GET routing-rules", "engineer1");
        query("GET connectors", "engineer1");
        query("GET connectors/{id}/partners", "escalation1", "q");
        query("GET requests/fields", "customer1", "product", "category");
        query("GET admin/audit", "admin1", "actor", "action", "from", "to", "limit", "cursor");
        query("GET admin/users", "admin1", "limit", "cursor");
        query("GET admin/accounts", "admin1", "limit", "cursor");
        query("GET admin/products", "admin1");
        query("GET admin/offerings", "admin1");
        query("GET admin/regions", "admin1");
        query("GET admin/export", "admin1");
        query("GET admin/schema", "admin1");
        query("GET admin/features", "admin1");
        query("GET me", "customer1");
        // One SR, escalation, attachment... by a fuzzed identifier.
        path("GET requests/{number}", "customer1");
        path("GET requests/{number}/attachments/{id}", "customer1");
        path("GET requests/{number}/clocks", "engineer1");
        path("GET requests/{number}/escalations", "customer1");
        path("GET requests/{number}/collaborations", "engineer1");
        path("GET escalations/{id}", "engineer1");
        path("GET accounts/{number}", "customer1");
        path("GET products/{id}", "customer1");
        path("GET articles/{id}", "customer1");
        path("GET admin/users/{login}", "admin1");
        path("GET admin/accounts/{number}", "admin1");
        path("GET admin/accounts/{number}/contacts", "admin1");
        path("GET admin/features/{id}", "admin1");
        path("POST admin/outbox/{id}/retry", "admin1");
        path("POST phone/callbacks/{id}/done", "engineer1");
        // Bodies of the SR's own steps.
        json("POST requests/{number}/comments", "customer1", "{\"text\":\"A comment\",\"internal\":false}");
        json("POST requests/{number}/severity", "customer1", "{\"severity\":3,\"reason\":\"calmer now\"}");
        json("POST requests/{number}/status", "engineer1", "{\"status\":\"IN_PROGRESS\",\"reason\":\"working\"}");
        json("POST requests/{number}/assignment", "duty1", "{\"engineer\":\"engineer1\"}");
        json("POST requests/{number}/responses", "engineer1", "{\"channel\":\"PHONE\",\"text\":\"Called\",\"callOutcome\":\"REACHED\"}");
        json("POST requests/{number}/escalations", "customer1", "{\"reason\":\"CRITICAL_BUSINESS_IMPACT\","
                + "\"problemStatementConfirmed\":true,\"businessImpactConfirmed\":true,\"workaroundUnacceptable\":true,"
                + "\"milestones\":[{\"name\":\"Go-live\",\"date\":\"2026-12-01\"}],\"detail\":\"fuzz\"}");
        json("POST requests/{number}/collaborations", "escalation1", "{\"connector\":\"contract\",\"partner\":\"globex\","
                + "\"summary\":\"Fuzz\",\"consent\":true,\"fields\":{\"contractNumber\":\"1\"}}");
        json("POST requests/{number}/collaborations/{id}/notes", "escalation1", "{\"text\":\"a note\"}");
        json("POST requests/{number}/collaborations/{id}/answer", "escalation1", "{\"text\":\"an answer\"}");
        json("POST requests/{number}/collaborations/{id}/close", "escalation1", "{\"reason\":\"done\"}");
        json("PUT requests/{number}/collaborations/{id}/partner-case", "escalation1", "{\"caseNumber\":\"P-1\"}");
        json("POST escalations/{id}/accept", "rem1", "{\"escalationEngineer\":\"escalation1\",\"resources\":\"r\","
                + "\"processCorrections\":\"p\"}");
        json("PUT escalations/{id}/action-plan", "escalation1", "{\"text\":\"plan\"}");
        json("PUT escalations/{id}/communication-plan", "escalation1", "{\"channels\":[\"EMAIL\",\"PHONE\"],"
                + "\"everyHours\":4,\"participants\":[\"a\"]}");
        json("POST escalations/{id}/updates", "escalation1", "{\"channel\":\"EMAIL\",\"text\":\"update\"}");
        json("POST escalations/{id}/too-slow", "customer1", "{\"reason\":\"slow\"}");
        json("POST escalations/{id}/resources", "escalation1", "{\"text\":\"more people\"}");
        json("POST escalations/{id}/de-escalate", "escalation1", "{\"actionPlanAccepted\":true,\"rootCauseConfirmed\":true,"
                + "\"customerAgreement\":{\"name\":\"Jane\",\"at\":\"2026-11-30T10:00:00Z\",\"note\":\"agreed\"}}");
        json("POST phone/messages", "engineer1", "{\"name\":\"Pat\",\"company\":\"Globex\",\"callbackNumber\":\"+1 650 555 0100\","
                + "\"description\":\"Call back\"}");
        json("POST phone/requests", "engineer1", INTAKE.replace("{\"account\"", "{\"customerNumber\":\"C1001\",\"account\""));

        String setup = "changes the setup (users, catalog, contracts, routing) every other case relies on; "
                + "AdministrationIT tests its validation";
        for (String e : List.of("PUT admin/users/{login}", "POST admin/users/{login}/one-time-password", "PUT admin/products/{id}",
                "PUT admin/products/{id}/categories/{category}", "PUT admin/offerings/{id}", "PUT admin/regions/{id}",
                "PUT admin/accounts/{number}", "PUT admin/accounts/{number}/contracts/{id}",
                "PUT admin/accounts/{number}/contacts/{login}", "POST admin/import", "PUT queues/{id}", "PUT routing-rules",
                "PUT articles/{id}")) {
            NOT_FUZZED.put(e, setup);
        }
        NOT_FUZZED.put("PUT admin/features/{id}", "switches features off: FeatureToggleIT does that under load");
        NOT_FUZZED.put("PUT me/password", "would change the fuzzing callers' own passwords");
    }

    private FuzzCases() {
    }

    private static void json(String endpoint, String caller, String example) {
        CASES.add(new Case(endpoint, caller, Kind.JSON, example, List.of()));
    }

    private static void multipart(String endpoint, String caller) {
        CASES.add(new Case(endpoint, caller, Kind.MULTIPART, null, List.of()));
    }

    private static void query(String endpoint, String caller, String... params) {
        CASES.add(new Case(endpoint, caller, Kind.QUERY, null, List.of(params)));
    }

    private static void path(String endpoint, String caller) {
        CASES.add(new Case(endpoint, caller, Kind.PATH, null, List.of()));
    }
}
