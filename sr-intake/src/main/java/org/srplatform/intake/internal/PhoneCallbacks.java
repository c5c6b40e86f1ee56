package org.srplatform.intake.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.srplatform.api.security.Role;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.phone.CallbackQueue;
import org.srplatform.api.phone.PhoneMessage;
import org.srplatform.api.phone.PhoneMessageForm;
import org.srplatform.api.request.SrNumber;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.api.security.User;

/**
 * Messages left when every agent is busy (the seed, section 2): name, company, callback number, the SR
 * number if the call is about one, a short description; a callback is due within 30 minutes.
 */
@Component(property = {
        "sr.feature=intake",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=intake)))" })
public final class PhoneCallbacks implements CallbackQueue {
    static final Duration CALLBACK_WITHIN = Duration.ofMinutes(30);
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{5,29}");

    private final PhoneMessageRepository messages;
    private final SupportRequestRepository requests;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The duty managers to tell of each callback due; optional so that phones keep working without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile UserDirectory users;

    @Activate
    public PhoneCallbacks(@Reference PhoneMessageRepository messages, @Reference SupportRequestRepository requests) {
        this(messages, requests, Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1)) /* API times in milliseconds */);
    }

    PhoneCallbacks(PhoneMessageRepository messages, SupportRequestRepository requests, Clock clock) {
        this.messages = messages;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public PhoneMessage leave(PhoneMessageForm form, User takenBy) {
        staffOnly(takenBy);
        if (form == null) {
            throw new ValidationException(FieldError.of("body", "a JSON object is required"));
        }
        List<FieldError> errors = new ArrayList<>();
        String name = text(form.name(), "name", 200, errors);
        String company = text(form.company(), "company", 200, errors);
        String callback = text(form.callbackNumber(), "callbackNumber", 40, errors);
        if (!callback.isEmpty() && !PHONE.matcher(callback).matches()) {
            errors.add(FieldError.of("callbackNumber", "is not a phone or pager number: digits, spaces and + ( ) . / - with the country code"));
        }
        String description = text(form.description(), "description", 2000, errors);
        Optional<SrNumber> sr = Optional.empty();
        if (form.srNumber() != null && !form.srNumber().isBlank()) {
            sr = SrNumber.parse(form.srNumber().strip());
            if (sr.isEmpty()) {
                errors.add(FieldError.of("srNumber", "an SR number has 11 digits"));
            } else if (requests.find(sr.get()).isEmpty()) {
                errors.add(FieldError.of("srNumber", "no SR " + sr.get() + " exists; leave it empty if the call is about a new problem"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        byte[] id = new byte[8];
        random.nextBytes(id);
        PhoneMessage message = new PhoneMessage(HexFormat.of().formatHex(id), name, company, callback, sr, description, now,
                now.plus(CALLBACK_WITHIN), takenBy.login(), Optional.empty(), Optional.empty());
        // Whoever staffs the phones is told the callback is due; the notification capability sends it.
        List<OutboundMessage> due = users == null ? List.of() : users.withRole(Role.DUTY_MANAGER).stream()
                .map(u -> new OutboundMessage("notification", message.request(), u.email().orElse(u.login()), "CALLBACK_DUE",
                        callbackPayload(u.login(), message), now)).toList();
        messages.insert(message, due);
        return message;
    }

    @Override
    public List<PhoneMessage> waiting(int max, User caller) {
        staffOnly(caller);
        return messages.waiting(max);
    }

    @Override
    public PhoneMessage calledBack(String id, User caller) {
        staffOnly(caller);
        PhoneMessage message = messages.find(id).orElseThrow(() -> new NotFoundException("No phone message '" + id + "'."));
        if (!messages.markCalledBack(id, clock.instant(), caller.login())) {
            throw new ConflictException("The caller of message " + id + " was already called back.");
        }
        return messages.find(id).orElse(message);
    }

    private String callbackPayload(String staff, PhoneMessage m) {
        com.fasterxml.jackson.databind.node.ObjectNode o = json.createObjectNode();
        o.put("kind", "CALLBACK_DUE").put("staff", staff).put("caller", m.name()).put("company", m.company())
                .put("callbackNumber", m.callbackNumber()).put("dueAt", m.callbackDueAt().toString())
                .put("text", m.description()).put("number", m.request().map(Object::toString).orElse("-"));
        return o.toString();
    }

    private static void staffOnly(User user) {
        if (!user.isStaff()) {
            throw new NotAllowedException("Only support staff answer the phones.");
        }
    }

    private static String text(String value, String field, int max, List<FieldError> errors) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            errors.add(FieldError.of(field, "is required"));
        } else if (v.length() > max) {
            errors.add(FieldError.of(field, "is longer than " + max + " characters"));
        }
        return v;
    }
}
