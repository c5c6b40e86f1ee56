package org.srplatform.casework.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.srplatform.api.account.Contact;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.security.User;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.outbox.OutboundMessage;

/**
 * The outbox messages casework sends: to the customer by e-mail when their contact method includes it, and
 * to staff about targets. The notification capability renders them ({@code kind} names the template).
 * Internal notes never become one of these.
 */
final class CustomerMessages {
    static final String TYPE = "notification";

    private final AccountRepository accounts;
    private final ObjectMapper json = new ObjectMapper();

    CustomerMessages(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** An e-mail to the SR's contact, if they take e-mail for this SR. */
    Optional<OutboundMessage> toCustomer(SupportRequest sr, String kind, String text, String by, Instant at) {
        return toCustomer(sr, kind, Map.of("text", text, "by", by), at);
    }

    /** An e-mail to the SR's contact with these values for its template, if they take e-mail for this SR. */
    Optional<OutboundMessage> toCustomer(SupportRequest sr, String kind, Map<String, String> fields, Instant at) {
        if (sr.contactMethod() == ContactMethod.PHONE) {
            return Optional.empty();
        }
        Optional<String> email = accounts.contacts(sr.account()).stream().filter(c -> c.login().equals(sr.contact()))
                .map(Contact::email).findFirst();
        Map<String, String> payload = new LinkedHashMap<>(fields);
        payload.put("kind", kind);
        payload.put("contact", sr.contact());
        return email.map(to -> new OutboundMessage(TYPE, Optional.of(sr.number()), to, kind, payload(payload), at));
    }

    /** A message to each member of staff: to their e-mail, or to their login for the dispatcher to resolve. */
    List<OutboundMessage> toStaff(SupportRequest sr, List<User> staff, String kind, Map<String, String> fields,
            Instant at) {
        return staff.stream().map(u -> {
            Map<String, String> payload = new LinkedHashMap<>(fields);
            payload.put("kind", kind);
            payload.put("staff", u.login());
            return new OutboundMessage(TYPE, Optional.of(sr.number()), u.email().orElse(u.login()), kind,
                    payload(payload), at);
        }).toList();
    }

    private String payload(Map<String, String> fields) {
        try {
            return json.writeValueAsString(new java.util.TreeMap<>(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings always serialises
        }
    }
}
