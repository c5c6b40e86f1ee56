package org.srplatform.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks through the API (as engineer1 and admin1) that what the platform acknowledged is there, whole: each SR
 * with its subject, description, timeline, acknowledged attachments (the same bytes) and its confirmation (sent, or
 * waiting in the outbox); that every attachment it lists is whole (its bytes match the size and SHA-256 it
 * states); that a POST left without an answer, sent again with its {@code Idempotency-Key}, gives one SR; and
 * that no subject (each is unique) was stored twice.
 */
final class Ledger {
    private static final List<String> OUTBOX_STATES = List.of("PENDING", "SENDING", "DEAD");

    /** What one check found: counts, and the problems (empty when all is well). */
    record Result(int srs, int attachments, int confirmationsSent, int confirmationsWaiting, int resent,
            List<String> problems) {
    }

    private final Api api;
    private final List<String> problems = new ArrayList<>();
    private int attachments;
    private int confirmationsSent;
    private int confirmationsWaiting;
    private int resent;

    Ledger(Api api) {
        this.api = api;
    }

    /**
     * Checks the SRs acknowledged and sends again each POST left unanswered; {@code confirmationWait}: how long
     * to wait for a confirmation that is neither sent nor in the outbox yet.
     */
    Result check(Collection<IntakeLoad.Sent> sent, Collection<IntakeLoad.Unanswered> unanswered, Duration confirmationWait) {
        Map<String, IntakeLoad.Sent> byNumber = new LinkedHashMap<>();
        for (IntakeLoad.Sent s : sent) {
            IntakeLoad.Sent before = byNumber.put(s.number(), s);
            if (before != null) {
                problems.add("SR " + s.number() + " was acknowledged twice, for " + before.key() + " and " + s.key());
            }
        }
        Set<String> unconfirmed = new HashSet<>();
        for (IntakeLoad.Sent s : byNumber.values()) {
            JsonNode sr = whole(s);
            if (sr != null && !confirmationSent(sr)) {
                unconfirmed.add(s.number());
            }
        }
        for (IntakeLoad.Unanswered u : unanswered) {
            Api.Answer again = api.send("POST", "requests", "customer1", "application/json; charset=utf-8",
                    u.json().getBytes(StandardCharsets.UTF_8), u.key());
            if ((again.status() != 201 && again.status() != 200) || again.json() == null || !again.json().hasNonNull("number")) {
                problems.add("POST requests sent again with Idempotency-Key " + u.key() + " answered " + again);
                continue;
            }
            resent++;
            JsonNode sr = api.get("requests/" + again.json().get("number").asText(), "engineer1").json();
            if (sr == null || !u.subject().equals(sr.path("subject").asText())) {
                problems.add("the SR given for the unanswered POST " + u.key() + " is not the one sent: " + sr);
            }
        }
        awaitConfirmations(unconfirmed, confirmationWait);
        noDuplicates(byNumber.values(), unanswered);
        return new Result(byNumber.size(), attachments, confirmationsSent, confirmationsWaiting, resent, List.copyOf(problems));
    }

    /** The SR as stored, or null (a problem is noted) when it is missing or not whole. */
    private JsonNode whole(IntakeLoad.Sent s) {
        Api.Answer a = api.get("requests/" + s.number(), "engineer1");
        if (a.status() != 200 || a.json() == null) {
            problems.add("SR " + s.number() + " (" + s.key() + ") acknowledged with 201 is missing: " + a);
            return null;
        }
        JsonNode sr = a.json();
        expect(s.number(), "subject", s.subject(), sr.path("subject").asText());
        expect(s.number(), "description", s.description(), sr.path("description").asText());
        expect(s.number(), "account", "1001", sr.path("account").asText());
        JsonNode timeline = sr.path("timeline");
        if (!timeline.isArray() || timeline.isEmpty() || !"CREATED".equals(timeline.get(0).path("kind").asText())) {
            problems.add("SR " + s.number() + ": its timeline does not begin with CREATED: " + timeline);
        }
        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode f : sr.path("attachments")) {
            listed.put(f.path("id").asText(), f);
        }
        Set<String> inTimeline = new HashSet<>();
        for (JsonNode e : timeline) {
            if ("ATTACHMENT_ADDED".equals(e.path("kind").asText())) {
                inTimeline.add(e.path("details").path("attachment").asText());
            }
        }
        for (String id : s.fileIds()) {
            IntakeLoad.File file = s.files().get(id);
            JsonNode f = listed.get(id);
            if (f == null) {
                problems.add("SR " + s.number() + ": attachment " + id + " (" + file.name() + ") acknowledged with 201 is not listed");
                continue;
            }
            expect(s.number(), "attachment " + id + " sha256", file.sha256(), f.path("sha256").asText());
            expect(s.number(), "attachment " + id + " name", file.name(), f.path("name").asText());
            if (!inTimeline.contains(id)) {
                problems.add("SR " + s.number() + ": attachment " + id + " has no ATTACHMENT_ADDED in the timeline");
            }
        }
        // Every listed file, acknowledged or caught by the kill, must be whole: its bytes as listed.
        for (JsonNode f : listed.values()) {
            String id = f.path("id").asText();
            Api.Answer bytes = api.get("requests/" + s.number() + "/attachments/" + id, "engineer1");
            if (bytes.status() != 200) {
                problems.add("SR " + s.number() + ": attachment " + id + " is listed but GET answers " + bytes);
                continue;
            }
            attachments++;
            if (bytes.bytes().length != f.path("size").asLong()
                    || !IntakeLoad.sha256(bytes.bytes()).equals(f.path("sha256").asText())) {
                problems.add("SR " + s.number() + ": attachment " + id + " is half stored: " + bytes.bytes().length
                        + " bytes, listed " + f);
            }
            IntakeLoad.File file = s.files().get(id);
            if (file != null && !Arrays.equals(file.content(), bytes.bytes())) {
                problems.add("SR " + s.number() + ": attachment " + id + " is not the bytes uploaded");
            }
        }
        return sr;
    }

    private boolean confirmationSent(JsonNode sr) {
        for (JsonNode e : sr.path("timeline")) {
            if ("NOTIFICATION_SENT".equals(e.path("kind").asText())
                    && "CONFIRMATION".equals(e.path("details").path("kind").asText())) {
                confirmationsSent++;
                return true;
            }
        }
        return false;
    }

    /** Each SR not yet confirmed has its confirmation in the outbox, or it is sent within {@code wait}. */
    private void awaitConfirmations(Set<String> unconfirmed, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!unconfirmed.isEmpty()) {
            for (String state : OUTBOX_STATES) {
                Api.Answer outbox = api.get("admin/outbox?limit=500&state=" + state, "admin1");
                for (JsonNode m : outbox.json() == null ? List.<JsonNode>of() : iterable(outbox.json().path("items"))) {
                    if ("CONFIRMATION".equals(m.path("kind").asText()) && unconfirmed.remove(m.path("number").asText())) {
                        confirmationsWaiting++;
                        if (state.equals("DEAD")) {
                            problems.add("SR " + m.path("number").asText() + ": its confirmation is DEAD in the outbox: " + m);
                        }
                    }
                }
            }
            for (String number : List.copyOf(unconfirmed)) {
                JsonNode sr = api.get("requests/" + number, "engineer1").json();
                if (sr != null && confirmationSent(sr)) {
                    unconfirmed.remove(number);
                }
            }
            if (unconfirmed.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Platform.sleep(500);
        }
        for (String number : unconfirmed) {
            problems.add("SR " + number + ": no confirmation, neither sent (timeline) nor in the outbox");
        }
    }

    /** No subject stored twice: each POST, sent again or not, made at most one SR. */
    private void noDuplicates(Collection<IntakeLoad.Sent> sent, Collection<IntakeLoad.Unanswered> unanswered) {
        Set<String> ours = new HashSet<>();
        sent.forEach(s -> ours.add(s.subject()));
        unanswered.forEach(u -> ours.add(u.subject()));
        Map<String, List<String>> stored = new HashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Answer page = api.get("requests?account=1001&limit=500" + (cursor == null ? "" : "&cursor=" + cursor), "engineer1");
            if (page.status() != 200 || page.json() == null) {
                problems.add("GET requests answered " + page);
                return;
            }
            for (JsonNode sr : page.json().path("items")) {
                String subject = sr.path("subject").asText();
                if (ours.contains(subject)) {
                    stored.computeIfAbsent(subject, k -> new ArrayList<>()).add(sr.path("number").asText());
                }
            }
            JsonNode next = page.json().path("next");
            cursor = next.isNull() || next.isMissingNode() ? null : java.net.URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
        } while (cursor != null && ++pages < 10_000);
        stored.forEach((subject, numbers) -> {
            if (numbers.size() > 1) {
                problems.add("\"" + subject + "\" was stored " + numbers.size() + " times: " + numbers);
            }
        });
    }

    private void expect(String number, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            problems.add("SR " + number + ": " + what + " is " + Api.quote(actual) + ", sent " + Api.quote(expected));
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
