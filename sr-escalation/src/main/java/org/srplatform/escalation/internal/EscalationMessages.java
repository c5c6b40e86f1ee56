package org.srplatform.escalation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.annotation.bundle.Header;
import org.srplatform.api.account.Contact;
import org.srplatform.api.escalation.Escalation;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.security.User;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.outbox.OutboundMessage;

/**
 * The outbox messages of escalations, rendered by the notification capability from this bundle's templates
 * ({@code kind} names the template): to the SR's contact by e-mail when they take e-mail, and to staff. What is
 * for staff only (resources, process corrections) never goes into a customer's message.
 */
// Read by the notification capability; the placeholders are the values these messages carry besides the SR's.
@Header(name = "SR-Templates", value = "templates;placeholders=\"escalation,region,state,escalationEngineer,detail,"
        + "agreement,due,day,total,overdue,list\"")
final class EscalationMessages {
    static final String TYPE = "notification";

    private final AccountRepository accounts;
    private final ObjectMapper json = new ObjectMapper();

    EscalationMessages(AccountRepository accounts) {
        this.accounts = accounts;
    }

    Optional<OutboundMessage> toCustomer(SupportRequest sr, Escalation e, String kind, Map<String, String> fields,
            Instant at) {
        if (sr.contactMethod() == ContactMethod.PHONE) {
            return Optional.empty();
        }
        Optional<String> email = accounts.contacts(sr.account()).stream().filter(c -> c.login().equals(sr.contact()))
                .map(Contact::email).findFirst();
        Map<String, String> payload = values(e, kind, fields);
        payload.put("contact", sr.contact());
        return email.map(to -> new OutboundMessage(TYPE, Optional.of(sr.number()), to, kind, write(payload), at));
    }

    /** One message per member of staff (each once, whatever roles they hold). */
    List<OutboundMessage> toStaff(Escalation e, Collection<User> staff, String kind, Map<String, String> fields,
            Instant at) {
        Map<String, User> once = new TreeMap<>();
        staff.forEach(u -> once.putIfAbsent(u.login(), u));
        return once.values().stream().map(u -> {
            Map<String, String> payload = values(e, kind, fields);
            payload.put("staff", u.login());
            return new OutboundMessage(TYPE, Optional.of(e.request()), u.email().orElse(u.login()), kind,
                    write(payload), at);
        }).toList();
    }

    /** A message about no one SR (the daily digest). */
    OutboundMessage digest(User manager, Map<String, String> fields, Instant at) {
        Map<String, String> payload = new LinkedHashMap<>(fields);
        payload.put("kind", "ESCALATION_DIGEST");
        payload.put("staff", manager.login());
        return new OutboundMessage(TYPE, Optional.empty(), manager.email().orElse(manager.login()),
                "ESCALATION_DIGEST", write(payload), at);
    }

    private static Map<String, String> values(Escalation e, String kind, Map<String, String> fields) {
        Map<String, String> payload = new LinkedHashMap<>(fields);
        payload.put("kind", kind);
        payload.put("escalation", e.id());
        payload.put("region", e.region());
        payload.put("state", e.state().name());
        payload.put("reason", e.asked().reason().name());
        payload.putIfAbsent("escalationEngineer", e.escalationEngineer().orElse("-"));
        return payload;
    }

    private String write(Map<String, String> fields) {
        try {
            return json.writeValueAsString(new TreeMap<>(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings always serialises
        }
    }
}
