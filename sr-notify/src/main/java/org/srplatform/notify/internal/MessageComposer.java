package org.srplatform.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.srplatform.api.account.Contact;
import org.srplatform.api.notify.Notification;
import org.srplatform.api.notify.Recipient;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.security.User;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.outbox.OutboxEntry;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.security.UserDirectory;

/**
 * Turns an outbox entry into a notification for a person: who it is for (the SR's contact, a member of
 * staff, or just an address), in their language, from the template of its kind, with the SR's facts and the
 * message's own values filled in.
 */
final class MessageComposer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A message that no retry can send (no template for its kind): it goes to the dead letters. */
    static final class Unsendable extends Exception {
        private static final long serialVersionUID = 1L;

        Unsendable(String message) {
            super(message);
        }
    }

    /** The notification, and whether it is for staff (its timeline entry is then internal). */
    record Composed(Notification notification, boolean forStaff) {
    }

    private final SupportRequestRepository requests;
    private final AccountRepository accounts;
    private final UserDirectory users;
    private final Supplier<TemplateLibrary> templates;
    private final ObjectMapper json = new ObjectMapper();

    MessageComposer(SupportRequestRepository requests, AccountRepository accounts, UserDirectory users,
            Supplier<TemplateLibrary> templates) {
        this.requests = requests;
        this.accounts = accounts;
        this.users = users;
        this.templates = templates;
    }

    Composed compose(OutboxEntry entry) throws Unsendable {
        OutboundMessage m = entry.message();
        Map<String, String> values = payload(m.payload());
        String kind = values.getOrDefault("kind", m.subject());
        values.put("kind", kind);
        Optional<SupportRequest> sr = m.request().flatMap(requests::header);
        sr.ifPresent(r -> srValues(r, values));

        String name = m.destination();
        Optional<String> email = m.destination().contains("@") ? Optional.of(m.destination()) : Optional.empty();
        Optional<String> phone = Optional.empty();
        ContactMethod preferred = ContactMethod.EMAIL;
        String language = TemplateLibrary.FALLBACK;
        boolean forStaff = values.containsKey("staff");
        if (forStaff) {
            Optional<User> user = users.find(values.get("staff"));
            if (user.isPresent()) {
                name = user.get().displayName();
                email = email.or(() -> user.get().email());
            }
        } else {
            String login = values.getOrDefault("contact", sr.map(SupportRequest::contact).orElse(""));
            Optional<Contact> contact = sr.flatMap(r -> accounts.contacts(r.account()).stream()
                    .filter(c -> c.login().equals(login)).findFirst());
            if (contact.isPresent()) {
                Contact c = contact.get();
                name = c.name();
                email = email.or(() -> Optional.of(c.email()));
                phone = c.phone();
                preferred = c.preferred();
                language = c.language();
            }
        }
        values.put("name", name);
        TemplateLibrary library = templates.get();
        Template template = library.find(kind, language).orElseThrow(() -> new Unsendable("no template for kind "
                + kind + ": add " + kind + ".en.txt (and its translations) to the templates folder"));
        Notification n = new Notification(Long.toString(entry.id()), kind, m.request(),
                new Recipient(name, email, phone, preferred), template.subject(values), template.body(values));
        return new Composed(n, forStaff);
    }

    private static void srValues(SupportRequest sr, Map<String, String> values) {
        values.putIfAbsent("number", sr.number().toString());
        values.putIfAbsent("srSubject", sr.subject());
        values.putIfAbsent("product", sr.product());
        values.putIfAbsent("category", sr.category());
        values.putIfAbsent("severity", Integer.toString(sr.severity().level()));
        values.putIfAbsent("status", sr.status().name());
        values.putIfAbsent("assignee", sr.assignee().orElse("-"));
        values.putIfAbsent("confirmationDueAt", time(sr.targets().confirmationDueAt()));
        sr.targets().firstResponseDueAt().ifPresent(t -> values.putIfAbsent("firstResponseDueAt", time(t)));
        sr.targets().nextUpdateDueAt().ifPresent(t -> values.putIfAbsent("nextUpdateDueAt", time(t)));
    }

    /** The message's values: a JSON object's fields as text; instants written for people. */
    private Map<String, String> payload(String text) {
        Map<String, String> values = new HashMap<>();
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    String v = f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString();
                    values.put(f.getKey(), readable(v));
                }
            }
        } catch (IOException e) {
            values.put("text", text); // a plain-text payload: the message itself
        }
        return values;
    }

    private static String readable(String value) {
        if (value.length() >= 20 && value.length() <= 30 && value.charAt(4) == '-' && value.endsWith("Z")) {
            try {
                return time(Instant.parse(value));
            } catch (RuntimeException e) {
                return value;
            }
        }
        return value;
    }

    static String time(Instant at) {
        return TIME.format(at);
    }
}
