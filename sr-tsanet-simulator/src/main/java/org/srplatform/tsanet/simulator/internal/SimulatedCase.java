package org.srplatform.tsanet.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One collaboration request at the simulated TSANet, as the receiving member sees it. Not thread-safe: the
 * {@link TsanetSimulation} that holds it guards every access.
 */
final class SimulatedCase {
    static final String OPEN = "OPEN";
    static final String INFORMATION = "INFORMATION";
    static final String ACCEPTED = "ACCEPTED";
    static final String REJECTED = "REJECTED";
    static final String CLOSED = "CLOSED";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    final long id;
    final String token;
    final String internalCaseNumber;
    final Directory.Member member;
    final Script script;
    private final String summary;
    private final String description;
    private final String priority;
    private final boolean testCase;
    private final String escalationInstructions;
    private final ArrayNode customFields;
    private final JsonNode submitterContact;
    private final Instant createdAt;
    private final Instant respondBy;
    private final List<ObjectNode> notes = new ArrayList<>();
    private final List<ObjectNode> responses = new ArrayList<>();
    private String status = OPEN;
    private Instant updatedAt;
    private boolean responded;
    private Optional<String> receiverCaseNumber = Optional.empty();
    private Optional<ObjectNode> receiverContact = Optional.empty();
    /** When the submitter last made the receiver's move due: the case opened, the information answered. */
    private Instant dueSince;
    private int followsSinceDue;
    private boolean informationAnswered;
    /** 500 answers still owed to calls on the case ({@code [5xx]}). */
    int failuresLeft;

    SimulatedCase(long id, String token, String internalCaseNumber, Directory.Member member, Script script,
            JsonNode body, Instant now) {
        this.id = id;
        this.token = token;
        this.internalCaseNumber = internalCaseNumber;
        this.member = member;
        this.script = script;
        this.summary = body.path("problemSummary").asText();
        this.description = body.path("problemDescription").asText();
        this.priority = body.path("priority").asText();
        this.testCase = body.path("testSubmission").asBoolean();
        this.escalationInstructions = body.path("escalationInstructions").asText(null);
        this.customFields = JSON.arrayNode();
        for (Directory.Field f : member.fields()) {
            for (JsonNode given : body.path("customFields")) {
                if (given.path("fieldId").asLong() == f.id()) {
                    customFields.add(JSON.objectNode().put("id", f.id()).put("section", "CONTACT_SECTION")
                            .put("fieldName", f.label()).put("value", given.path("value").asText(""))
                            .put("displayOrder", f.order()).put("type", "STRING"));
                }
            }
        }
        this.submitterContact = body.path("submitterContactDetails").isObject()
                ? body.path("submitterContactDetails").deepCopy() : JSON.nullNode();
        this.createdAt = now;
        this.updatedAt = now;
        this.dueSince = now;
        this.failuresLeft = script.failures();
        // TSANet's deadline for the receiver's first answer; shorter the higher the priority.
        this.respondBy = now.plus(switch (priority) {
            case "HIGH" -> 2;
            case "MEDIUM" -> 4;
            default -> 8;
        }, ChronoUnit.HOURS);
    }

    String status() {
        return status;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    int noteCount() {
        return notes.size();
    }

    /**
     * A follow-up by the submitter: the scripted receiver answers once one earlier follow-up has seen the case
     * waiting on it (and, for {@code [slow]}, once its time has passed).
     */
    void followed(Instant now) {
        boolean due = followsSinceDue >= 1
                && script.slow().map(d -> !now.isBefore(dueSince.plus(d))).orElse(true);
        followsSinceDue++;
        if (!due || !status.equals(OPEN)) {
            return;
        }
        switch (script.action()) {
            case ACCEPT -> approve(engineer().put("caseNumber", member.casePrefix() + (100000 + id)).put("nextSteps",
                    "We are reviewing the logs; " + member.engineerName() + " will call your engineer within the hour."),
                    now);
            case REJECT -> reject(engineer().put("reason", "We cannot take this case: " + member.companyName()
                    + " has no support agreement covering the product named in it."), now);
            case INFO -> {
                if (informationAnswered) {
                    approve(engineer().put("caseNumber", member.casePrefix() + (100000 + id)).put("nextSteps",
                            "Thank you for the details; we are working on it."), now);
                } else {
                    requestInformation(engineer().put("requestedInformation",
                            "Please send the support bundle of the affected system and the time the problem began."),
                            now);
                }
            }
            case MANUAL -> {
            }
        }
    }

    private ObjectNode engineer() {
        return JSON.objectNode().put("engineerName", member.engineerName()).put("engineerEmail", member.engineerEmail())
                .put("engineerPhone", member.engineerPhone());
    }

    /** The receiver accepts: its case number, its engineer, next steps. Refused (empty) unless open. */
    Optional<String> approve(JsonNode body, Instant now) {
        if (!status.equals(OPEN) && !status.equals(INFORMATION)) {
            return Optional.of("Collaboration request is " + status + " and cannot be approved");
        }
        String caseNumber = body.path("caseNumber").asText(member.casePrefix() + (100000 + id));
        receiverCaseNumber = Optional.of(caseNumber);
        receiverContact = Optional.of(contact(body));
        respond("APPROVAL", body, now).put("caseNumber", caseNumber).put("nextSteps", body.path("nextSteps").asText(""));
        status = ACCEPTED;
        note(member.companyName(), body.path("engineerName").asText(), body.path("engineerEmail").asText(),
                "Case " + caseNumber + " opened", "Our engineer " + body.path("engineerName").asText()
                        + " works on it under case " + caseNumber + ".", now);
        return Optional.empty();
    }

    Optional<String> reject(JsonNode body, Instant now) {
        if (!status.equals(OPEN) && !status.equals(INFORMATION)) {
            return Optional.of("Collaboration request is " + status + " and cannot be rejected");
        }
        receiverContact = Optional.of(contact(body));
        respond("REJECTION", body, now).put("reason", body.path("reason").asText());
        status = REJECTED;
        return Optional.empty();
    }

    Optional<String> requestInformation(JsonNode body, Instant now) {
        if (!status.equals(OPEN)) {
            return Optional.of("Collaboration request is " + status + "; information can be requested only while it is OPEN");
        }
        receiverContact = Optional.of(contact(body));
        respond("INFORMATION_REQUEST", body, now).put("requestedInformation", body.path("requestedInformation").asText());
        status = INFORMATION;
        return Optional.empty();
    }

    Optional<String> respondInformation(JsonNode body, Instant now) {
        if (!status.equals(INFORMATION)) {
            return Optional.of("Collaboration request is " + status + "; no information was requested");
        }
        respond("INFORMATION_RESPONSE", JSON.objectNode(), now).put("requestedInformation",
                body.path("requestedInformation").asText());
        status = OPEN;
        informationAnswered = true;
        dueSince = now;
        followsSinceDue = 0;
        return Optional.empty();
    }

    Optional<String> close(Instant now) {
        if (status.equals(CLOSED)) {
            return Optional.of("Collaboration request is already CLOSED");
        }
        status = CLOSED;
        updatedAt = now;
        return Optional.empty();
    }

    private ObjectNode respond(String type, JsonNode body, Instant now) {
        ObjectNode r = JSON.objectNode().put("id", id * 100 + responses.size() + 1).put("type", type);
        for (String key : List.of("engineerName", "engineerPhone", "engineerEmail")) {
            if (body.hasNonNull(key)) {
                r.put(key, body.get(key).asText());
            }
        }
        r.put("createdAt", time(now));
        responses.add(r);
        responded = true;
        updatedAt = now;
        return r;
    }

    private static ObjectNode contact(JsonNode body) {
        return JSON.objectNode().put("name", body.path("engineerName").asText(""))
                .put("email", body.path("engineerEmail").asText("")).put("phone", body.path("engineerPhone").asText(""));
    }

    /** Adds a note; the live service keeps notes as HTML, and so does the simulator. */
    ObjectNode note(String company, String creator, String email, String noteSummary, String noteDescription,
            Instant now) {
        ObjectNode n = JSON.objectNode().put("id", id * 1000 + notes.size() + 1).put("caseId", id)
                .put("companyName", company).put("creatorUsername", email).put("creatorEmail", email)
                .put("creatorName", creator).put("summary", html(noteSummary)).put("description", html(noteDescription))
                .put("priority", "MEDIUM").put("status", "ENTERED").put("token", token + "-n" + (notes.size() + 1))
                .put("createdAt", time(now)).put("updatedAt", time(now));
        notes.add(n);
        updatedAt = now;
        return n;
    }

    ArrayNode notesJson() {
        ArrayNode a = JSON.arrayNode();
        notes.forEach(n -> a.add(n.deepCopy()));
        return a;
    }

    ObjectNode toJson(TsanetSimulation.Company submitter) {
        ObjectNode c = JSON.objectNode().put("id", id).put("submitCompanyName", submitter.name())
                .put("submitCompanyId", submitter.id()).put("submitterCaseNumber", internalCaseNumber)
                .put("receiveCompanyName", member.companyName()).put("receiveCompanyId", member.companyId());
        c.put("receiverCaseNumber", receiverCaseNumber.orElse(null));
        c.put("summary", summary).put("description", description).put("direction", "OUTBOUND")
                .put("priority", priority).put("status", status).put("token", token)
                .put("createdAt", time(createdAt)).put("updatedAt", time(updatedAt)).put("responded", responded)
                .put("respondBy", time(respondBy)).put("reminderSent", false).put("testCase", testCase);
        c.put("escalationInstructions", escalationInstructions);
        c.set("customFields", customFields.deepCopy());
        c.set("submitterContactDetails", submitterContact.deepCopy());
        c.set("receiverContactDetails", receiverContact.<JsonNode>map(ObjectNode::deepCopy).orElse(JSON.nullNode()));
        c.set("caseNotes", notesJson());
        ArrayNode rs = c.putArray("caseResponses");
        responses.forEach(r -> rs.add(r.deepCopy()));
        return c;
    }

    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    private static String html(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return "<p>" + escaped.replaceAll("\\r?\\n", "<br/>") + "</p>";
    }
}
