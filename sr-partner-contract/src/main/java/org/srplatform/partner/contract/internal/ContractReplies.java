package org.srplatform.partner.contract.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerEvent;
import org.srplatform.api.partner.PartnerNote;
import org.srplatform.api.partner.PartnerPush;
import org.srplatform.api.partner.PushRejectedException;
import org.srplatform.api.partner.WebhookSignature;

/**
 * A vendor's reply by e-mail, as an inbound mail gateway posts it (signed, Standard Webhooks): JSON with the
 * mail's {@code subject}, {@code from}, {@code text} and optionally {@code messageId} and {@code date} (Postmark's
 * {@code Subject}, {@code From}, {@code TextBody}, {@code MessageID}, {@code Date} are read too). The collaboration
 * is found by the marker our first mail put in its subject ({@code [SR <number> / C<id>]}); a case number in the
 * reply (by {@code case.number.pattern}) makes the case ACCEPTED under that number, and the reply's text is the
 * vendor's note. A reply without a case number is a note only.
 */
final class ContractReplies {
    /** "Case 12345", "case number: VX-1234", "Ticket #A-77": a word, then a token holding a digit. */
    static final String DEFAULT_CASE_NUMBER =
            "(?i)\\b(?:case|ticket|incident)\\s*(?:number|no\\.?|id)?\\s*[:#]?\\s*([A-Z]*-?\\d[A-Z0-9-]*)";
    /** The marker of our first mail, kept by replies: {@code [SR 26000000001 / C7]}. */
    static final Pattern MARKER = Pattern.compile("\\[SR\\s+[^\\]/]+/\\s*(C\\d+)\\s*\\]");
    static final int NOTE_MAX = 5000;

    private final WebhookSignature signature;
    private final Pattern caseNumber;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    ContractReplies(WebhookSignature signature, Pattern caseNumber, Clock clock) {
        this.signature = signature;
        this.caseNumber = caseNumber;
        this.clock = clock;
    }

    static String marker(String srNumber, String correlationId) {
        return "[SR " + srNumber + " / " + correlationId + "]";
    }

    PartnerEvent read(PartnerPush push) throws PushRejectedException {
        String webhookId = signature.verify(push, clock.instant());
        JsonNode mail;
        try {
            mail = json.readTree(push.body());
        } catch (JsonProcessingException e) {
            throw malformed("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("the body is not readable");
        }
        if (mail == null || !mail.isObject()) {
            throw malformed("the body is not a JSON object with the mail's subject, from and text");
        }
        String subject = field(mail, "subject", "Subject");
        String from = field(mail, "from", "From");
        String text = field(mail, "text", "TextBody");
        Matcher marker = MARKER.matcher(subject);
        if (!marker.find()) {
            throw malformed("the subject carries no collaboration marker such as [SR 26000000001 / C7]: is it a"
                    + " reply to the platform's mail?");
        }
        String messageId = field(mail, "messageId", "MessageID");
        Optional<String> number = find(subject).or(() -> find(text));
        Instant at = date(field(mail, "date", "Date")).orElse(clock.instant());
        String note = clip(replyOnly(text), NOTE_MAX);
        List<PartnerNote> notes = note.isEmpty() ? List.of()
                : List.of(new PartnerNote(at, from.isEmpty() ? "Vendor (by e-mail)" : from, note));
        PartnerCase reported = new PartnerCase(marker.group(1), number.isPresent() ? CollaborationState.ACCEPTED
                : CollaborationState.OPEN, Optional.empty(), notes, Optional.empty(),
                number.map(n -> "Replied by e-mail: case " + n), number);
        // The mail's own id when the gateway gives it: the same reply relayed twice is one event.
        return new PartnerEvent(messageId.isEmpty() || messageId.length() > 200 ? webhookId : messageId, reported);
    }

    private Optional<String> find(String text) {
        Matcher m = caseNumber.matcher(text);
        return m.find() && m.groupCount() >= 1 && m.group(1) != null ? Optional.of(clip(m.group(1), 200))
                : Optional.empty();
    }

    /** The reply without the quoted mail below it (lines starting with '>', and what follows "On ... wrote:"). */
    static String replyOnly(String text) {
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            if (line.startsWith(">") || line.matches("(?i)^On .{0,200} wrote:\\s*$")
                    || line.matches("^-{2,}\\s*Original Message\\s*-{2,}.*$")) {
                break;
            }
            kept.append(line).append('\n');
        }
        return kept.toString().strip();
    }

    private static Optional<Instant> date(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private static String field(JsonNode mail, String name, String other) {
        JsonNode v = mail.hasNonNull(name) ? mail.get(name) : mail.path(other);
        return v.isValueNode() ? v.asText("").strip() : "";
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static PushRejectedException malformed(String why) {
        return new PushRejectedException(PushRejectedException.Reason.MALFORMED, why);
    }
}
