package org.srplatform.notify.tsanet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerNote;

/** TSANet Connect's collaboration requests as the platform's {@link PartnerCase}s. */
final class Cases {

    private Cases() {
    }

    /**
     * The case as the platform sees it.
     *
     * @param c     a collaboration request of TSANet Connect
     * @param notes its notes from the receiving member, oldest first
     */
    static PartnerCase partnerCase(JsonNode c, List<PartnerNote> notes) {
        return new PartnerCase(c.path("token").asText(), state(c.path("status").asText("")), engineer(c), notes,
                instant(c.path("respondBy").asText("")), response(c), caseNumber(c));
    }

    /** The receiver's own case number: on the case once set, or given with its latest approval. */
    static Optional<String> caseNumber(JsonNode c) {
        String number = text(c.path("receiverCaseNumber"));
        if (number.isEmpty()) {
            number = latest(c, "APPROVAL").map(r -> text(r.path("caseNumber"))).orElse("");
        }
        return number.isEmpty() ? Optional.empty() : Optional.of(number);
    }

    static CollaborationState state(String status) {
        return switch (status.strip().toUpperCase(Locale.ROOT)) {
            case "INFORMATION" -> CollaborationState.INFORMATION_REQUESTED;
            case "ACCEPTED" -> CollaborationState.ACCEPTED;
            case "REJECTED" -> CollaborationState.REJECTED;
            case "CLOSED" -> CollaborationState.CLOSED;
            default -> CollaborationState.OPEN; // OPEN, and whatever TSANet adds while the receiver still owes an answer
        };
    }

    /** The receiver's engineer, from its latest approval: name, with e-mail and phone when given. */
    static Optional<String> engineer(JsonNode c) {
        return latest(c, "APPROVAL").flatMap(r -> {
            String name = text(r.path("engineerName"));
            List<String> reach = new ArrayList<>();
            for (String key : List.of("engineerEmail", "engineerPhone")) {
                String value = text(r.path(key));
                if (!value.isEmpty()) {
                    reach.add(value);
                }
            }
            if (name.isEmpty()) {
                return reach.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", reach));
            }
            return Optional.of(reach.isEmpty() ? name : name + " (" + String.join(", ", reach) + ")");
        });
    }

    /**
     * The receiver's latest answer in words: an acceptance's case number and next steps, a rejection's reason,
     * the information asked for. Our own information responses are not the partner's answer.
     */
    static Optional<String> response(JsonNode c) {
        JsonNode found = null;
        for (JsonNode r : c.path("caseResponses")) {
            String type = r.path("type").asText("");
            if (type.equals("APPROVAL") || type.equals("REJECTION") || type.equals("INFORMATION_REQUEST")) {
                found = r;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        String text = switch (found.path("type").asText()) {
            case "APPROVAL" -> {
                // Also in the acceptance's words, for whoever reads only the timeline.
                String number = text(found.path("caseNumber"));
                if (number.isEmpty()) {
                    number = text(c.path("receiverCaseNumber"));
                }
                String next = text(found.path("nextSteps"));
                yield (number.isEmpty() ? "Accepted." : "Accepted as case " + number + ".")
                        + (next.isEmpty() ? "" : " Next steps: " + next);
            }
            case "REJECTION" -> text(found.path("reason"));
            default -> text(found.path("requestedInformation"));
        };
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** The latest response of a type; TSANet lists them oldest first. */
    private static Optional<JsonNode> latest(JsonNode c, String type) {
        JsonNode found = null;
        for (JsonNode r : c.path("caseResponses")) {
            if (type.equals(r.path("type").asText())) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The notes of the receiving member, oldest first: neither ours (by our company's name, when known) nor any
     * that carries one of our markers.
     */
    static List<PartnerNote> notes(JsonNode notes, Optional<String> ourCompany) {
        List<PartnerNote> found = new ArrayList<>();
        for (JsonNode n : notes) {
            String company = text(n.path("companyName"));
            String summary = plainText(n.path("summary").asText(""));
            String description = plainText(n.path("description").asText(""));
            if (ourCompany.filter(company::equalsIgnoreCase).isPresent() || Markers.carriesOne(summary)
                    || Markers.carriesOne(description) || n.path("status").asText("").equalsIgnoreCase("REMOVED")) {
                continue;
            }
            String author = text(n.path("creatorName"));
            if (author.isEmpty()) {
                author = text(n.path("creatorUsername"));
            }
            if (!company.isEmpty()) {
                author = author.isEmpty() ? company : author + " (" + company + ")";
            }
            String text = description.isEmpty() || description.equals(summary) ? summary
                    : summary.isEmpty() ? description : summary + "\n\n" + description;
            // A note without a time sorts first and keeps one stable time across polls, so it is recorded once.
            Instant at = instant(n.path("createdAt").asText("")).or(() -> instant(n.path("updatedAt").asText("")))
                    .orElse(Instant.EPOCH);
            found.add(new PartnerNote(at, author.isEmpty() ? "TSANet member" : author, text));
        }
        found.sort(Comparator.comparing(PartnerNote::at));
        return found;
    }

    /** TSANet keeps note texts as HTML ({@code <p>}, {@code <br/>}, entities): plain text, lines kept. */
    static String plainText(String html) {
        String s = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>\\s*", "\n").replaceAll("<[^>]*>", "");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        return s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /** An ISO date-time with or without an offset (then UTC), as TSANet writes them. */
    static Optional<Instant> instant(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText("").strip() : "";
    }
}
