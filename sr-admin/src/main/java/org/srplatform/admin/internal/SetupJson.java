package org.srplatform.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.srplatform.admin.internal.Setup.OfferingEntry;
import org.srplatform.admin.internal.Setup.ProductEntry;
import org.srplatform.admin.internal.Setup.Region;
import org.srplatform.admin.internal.Setup.UserEntry;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.FirstResponseTarget;
import org.srplatform.api.account.ResponseClock;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;
import org.srplatform.api.catalog.WeeklyWindow;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.api.request.Severity;
import org.srplatform.api.security.Role;
import org.srplatform.spi.admin.QueueSetup.Queue;
import org.srplatform.spi.admin.QueueSetup.RoutingRule;
import org.srplatform.spi.catalog.UpdateCadence;

/**
 * The setup document's JSON ({@code docs/setup.schema.json}), both ways. Reading names every wrong value by its
 * place in the document ({@code accounts[3].region}) and goes on, so that one import reports every mistake; an entry
 * with a mistake is {@code null} in its section.
 */
final class SetupJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> SECTIONS = List.of("regions", "products", "offerings", "accounts", "contacts", "users",
            "queues", "routingRules");

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    // ------------------------------------------------------------------ reading

    Setup read(JsonNode root) {
        if (root == null || !root.isObject()) {
            errors.add(FieldError.of("$", "must be a JSON object with the sections " + SECTIONS));
            return Setup.empty();
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("format") && !SECTIONS.contains(name)) {
                errors.add(FieldError.of(name, "is not a section of the setup document; sections: " + SECTIONS));
            }
        }
        JsonNode format = root.get("format");
        if (format != null && !Setup.FORMAT.equals(format.asText())) {
            errors.add(FieldError.of("format", "must be \"" + Setup.FORMAT + "\""));
        }
        JsonNode rules = root.get("routingRules");
        return new Setup(section(root, "regions", this::region), section(root, "products", this::product),
                section(root, "offerings", this::offering), section(root, "accounts", this::account),
                section(root, "contacts", this::contact), section(root, "users", this::user),
                section(root, "queues", this::queue), rules == null || rules.isNull() ? Optional.empty()
                        : Optional.of(section(root, "routingRules", this::routingRule)));
    }

    private <T> List<T> section(JsonNode root, String name, BiFunction<JsonNode, String, T> entry) {
        JsonNode array = root.get(name);
        List<T> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            errors.add(FieldError.of(name, "must be an array"));
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            String path = name + "[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                errors.add(FieldError.of(path, "must be an object"));
                out.add(null);
                continue;
            }
            int before = errors.size();
            T value = null;
            try {
                value = entry.apply(node, path);
            } catch (IllegalArgumentException | NullPointerException e) { // a rule of the model the checks missed
                errors.add(FieldError.of(path, String.valueOf(e.getMessage())));
            }
            out.add(errors.size() == before ? value : null);
        }
        return out;
    }

    Region region(JsonNode n, String path) {
        known(n, path, "id", "name", "active");
        String id = id(n, path, "id", 16);
        return new Region(id, text(n, path, "name", 200, false).orElse(id), bool(n, path, "active", true));
    }

    ProductEntry product(JsonNode n, String path) {
        known(n, path, "id", "name", "supportHours", "categories", "active");
        String id = id(n, path, "id", 64);
        String name = text(n, path, "name", 200, true).orElse("");
        SupportHours hours = supportHours(n.get("supportHours"), path + ".supportHours");
        List<ProblemCategory> categories = new ArrayList<>();
        Set<String> inactive = new TreeSet<>();
        Set<String> ids = new TreeSet<>();
        JsonNode list = array(n, path, "categories");
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String cp = path + ".categories[" + i + "]";
            if (!c.isObject()) {
                errors.add(FieldError.of(cp, "must be an object"));
                continue;
            }
            known(c, cp, "id", "name", "description", "active");
            String cid = id(c, cp, "id", 64);
            if (!ids.add(cid)) {
                errors.add(FieldError.of(cp + ".id", "names another category of this product too"));
            }
            if (!bool(c, cp, "active", true)) {
                inactive.add(cid);
            }
            categories.add(new ProblemCategory(cid, text(c, cp, "name", 200, true).orElse(""),
                    text(c, cp, "description", 4000, true).orElse("")));
        }
        boolean active = bool(n, path, "active", true);
        return hours == null ? null : new ProductEntry(new Product(id, name, hours, categories), active, inactive);
    }

    private SupportHours supportHours(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            errors.add(FieldError.of(path, "is required: {\"aroundTheClock\": true} or {\"zone\", \"windows\", \"holidays\"}"));
            return null;
        }
        known(n, path, "aroundTheClock", "zone", "windows", "holidays");
        int before = errors.size();
        boolean allDay = bool(n, path, "aroundTheClock", false);
        ZoneId zone = ZoneId.of("UTC");
        Optional<String> zoneName = text(n, path, "zone", 64, !allDay);
        if (zoneName.isPresent()) {
            try {
                zone = ZoneId.of(zoneName.get());
            } catch (java.time.DateTimeException e) {
                errors.add(FieldError.of(path + ".zone", "is not a time zone (e.g. America/Los_Angeles)"));
            }
        }
        List<WeeklyWindow> windows = new ArrayList<>();
        JsonNode list = array(n, path, "windows");
        for (int i = 0; i < list.size(); i++) {
            JsonNode w = list.get(i);
            String wp = path + ".windows[" + i + "]";
            known(w, wp, "day", "from", "to");
            DayOfWeek day = enumValue(w, wp, "day", DayOfWeek.class, null);
            LocalTime from = time(w, wp, "from");
            LocalTime to = time(w, wp, "to");
            if (day != null && from != null && to != null) {
                if (!from.isBefore(to)) {
                    errors.add(FieldError.of(wp + ".to", "must be after from"));
                } else {
                    windows.add(new WeeklyWindow(day, from, to));
                }
            }
        }
        Set<LocalDate> holidays = new TreeSet<>();
        JsonNode days = array(n, path, "holidays");
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = date(days.get(i), path + ".holidays[" + i + "]");
            if (d != null) {
                holidays.add(d);
            }
        }
        if (allDay && (!windows.isEmpty() || !holidays.isEmpty())) {
            errors.add(FieldError.of(path, "24x7 support hours have no windows or holidays"));
        } else if (!allDay && windows.isEmpty() && errors.size() == before) {
            errors.add(FieldError.of(path + ".windows", "weekly support hours need at least one window"));
        }
        if (errors.size() > before) {
            return null;
        }
        return allDay ? SupportHours.twentyFourSeven() : new SupportHours(false, zone, windows, holidays);
    }

    OfferingEntry offering(JsonNode n, String path) {
        known(n, path, "id", "name", "targets", "updateCadence", "active");
        String id = id(n, path, "id", 64);
        String name = text(n, path, "name", 200, true).orElse("");
        Map<Severity, FirstResponseTarget> targets = new EnumMap<>(Severity.class);
        JsonNode t = n.get("targets");
        if (t == null || !t.isObject() || t.isEmpty()) {
            errors.add(FieldError.of(path + ".targets", "is required: {\"S1\": {\"within\": \"PT30M\", \"clock\":"
                    + " \"AROUND_THE_CLOCK\"}, ...}"));
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String tp = path + ".targets." + e.getKey();
                Severity severity = Arrays.stream(Severity.values()).filter(s -> s.name().equals(e.getKey())).findFirst()
                        .orElse(null);
                if (severity == null) {
                    errors.add(FieldError.of(tp, "is not a severity: S1, S2, S3 or S4"));
                    continue;
                }
                known(e.getValue(), tp, "within", "clock");
                ResponseClock clock = enumValue(e.getValue(), tp, "clock", ResponseClock.class, null);
                Duration within = duration(e.getValue(), tp, "within", clock == ResponseClock.NEXT_BUSINESS_DAY);
                if (clock != null && within != null) {
                    targets.put(severity, new FirstResponseTarget(within, clock));
                }
            }
        }
        return new OfferingEntry(new SupportOffering(id, name, targets), bool(n, path, "active", true),
                cadence(n.get("updateCadence"), path + ".updateCadence"));
    }

    /** {@code {"S1": "PT4H", ...}}: the time between updates per severity; a severity left out: casework's default. */
    private UpdateCadence cadence(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return UpdateCadence.none();
        }
        if (!n.isObject()) {
            errors.add(FieldError.of(path, "must be an object: {\"S1\": \"PT4H\", \"S2\": \"PT12H\", ...}"));
            return UpdateCadence.none();
        }
        Map<Severity, Duration> every = new EnumMap<>(Severity.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String sp = path + "." + e.getKey();
            Severity severity = Arrays.stream(Severity.values()).filter(s -> s.name().equals(e.getKey())).findFirst()
                    .orElse(null);
            if (severity == null) {
                errors.add(FieldError.of(sp, "is not a severity: S1, S2, S3 or S4"));
                continue;
            }
            Duration d = null;
            try {
                if (e.getValue().isTextual()) {
                    d = Duration.parse(e.getValue().asText());
                }
            } catch (java.time.format.DateTimeParseException ex) {
                // told below
            }
            if (d == null || d.isNegative() || d.isZero()) {
                errors.add(FieldError.of(sp, "must be a positive ISO-8601 duration (PT4H, P1D)"));
            } else {
                every.put(severity, d);
            }
        }
        return new UpdateCadence(every);
    }

    Account account(JsonNode n, String path) {
        known(n, path, "number", "name", "customerNumber", "region", "contracts");
        String number = id(n, path, "number", 32);
        String name = text(n, path, "name", 200, true).orElse("");
        String customerNumber = id(n, path, "customerNumber", 32);
        String region = id(n, path, "region", 16);
        List<SupportContract> contracts = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        JsonNode list = array(n, path, "contracts");
        for (int i = 0; i < list.size(); i++) {
            String cp = path + ".contracts[" + i + "]";
            SupportContract c = contract(list.get(i), cp);
            if (c != null) {
                if (!ids.add(c.id())) {
                    errors.add(FieldError.of(cp + ".id", "names another contract of this account too"));
                }
                contracts.add(c);
            }
        }
        return new Account(number, name, customerNumber, region, contracts);
    }

    private SupportContract contract(JsonNode n, String path) {
        if (!n.isObject()) {
            errors.add(FieldError.of(path, "must be an object"));
            return null;
        }
        known(n, path, "id", "product", "offering", "type", "validFrom", "validUntil", "incidentsRemaining");
        int before = errors.size();
        String product = id(n, path, "product", 64);
        String offering = id(n, path, "offering", 64);
        ContractType type = enumValue(n, path, "type", ContractType.class, ContractType.SUBSCRIPTION);
        LocalDate from = date(n.get("validFrom"), path + ".validFrom");
        LocalDate until = date(n.get("validUntil"), path + ".validUntil");
        int remaining = integer(n, path, "incidentsRemaining", 0);
        if (from != null && until != null && until.isBefore(from)) {
            errors.add(FieldError.of(path + ".validUntil", "must not be before validFrom"));
        }
        if (remaining < 0) {
            errors.add(FieldError.of(path + ".incidentsRemaining", "must not be negative"));
        } else if (type == ContractType.SUBSCRIPTION && remaining != 0) {
            errors.add(FieldError.of(path + ".incidentsRemaining", "is for PER_INCIDENT contracts; 0 or none for a subscription"));
        }
        Optional<String> id = text(n, path, "id", 200, false);
        if (errors.size() > before) {
            return null;
        }
        return new SupportContract(id.orElse(SupportContract.defaultId(product, offering, from)), product, offering, type,
                from, until, remaining);
    }

    Contact contact(JsonNode n, String path) {
        known(n, path, "login", "account", "name", "email", "phone", "preferred", "language");
        String login = id(n, path, "login", 64);
        String account = id(n, path, "account", 32);
        String name = text(n, path, "name", 200, true).orElse("");
        String email = text(n, path, "email", 320, true).orElse("");
        if (!email.isEmpty() && (email.indexOf('@') < 1 || email.indexOf('@') == email.length() - 1)) {
            errors.add(FieldError.of(path + ".email", "is not an e-mail address"));
        }
        Optional<String> phone = text(n, path, "phone", 64, false);
        ContactMethod preferred = enumValue(n, path, "preferred", ContactMethod.class, ContactMethod.EMAIL);
        if (preferred != null && preferred.needsPhone() && phone.isEmpty()) {
            errors.add(FieldError.of(path + ".phone", "is required when the preferred contact method is " + preferred));
        }
        String language = text(n, path, "language", 16, false).orElse("en");
        return new Contact(login, account, name, email, phone, preferred == null ? ContactMethod.EMAIL : preferred, language);
    }

    UserEntry user(JsonNode n, String path) {
        known(n, path, "login", "displayName", "roles", "email", "region", "accounts", "active");
        String login = id(n, path, "login", 64);
        if (login.contains(":")) {
            errors.add(FieldError.of(path + ".login", "must not contain ':'"));
        }
        String name = text(n, path, "displayName", 200, true).orElse("");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        JsonNode list = array(n, path, "roles");
        for (int i = 0; i < list.size(); i++) {
            String r = list.get(i).asText();
            try {
                roles.add(Role.valueOf(r));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(path + ".roles[" + i + "]", "is not a role: " + Arrays.toString(Role.values())));
            }
        }
        if (list.isEmpty()) {
            errors.add(FieldError.of(path + ".roles", "must name at least one role"));
        }
        Optional<String> email = text(n, path, "email", 320, false);
        Optional<String> region = text(n, path, "region", 16, false);
        Set<String> accounts = new LinkedHashSet<>();
        JsonNode numbers = array(n, path, "accounts");
        for (int i = 0; i < numbers.size(); i++) {
            accounts.add(numbers.get(i).asText());
        }
        if (roles.contains(Role.REGIONAL_ESCALATION_MANAGER) && region.isEmpty()) {
            errors.add(FieldError.of(path + ".region", "is required for a regional escalation manager"));
        }
        if (roles.contains(Role.CUSTOMER) && accounts.isEmpty()) {
            errors.add(FieldError.of(path + ".accounts", "must name the accounts a customer is a contact of"));
        }
        return roles.isEmpty() ? null : new UserEntry(login, name, roles, email, region, accounts, bool(n, path, "active", true));
    }

    Queue queue(JsonNode n, String path) {
        known(n, path, "id", "name", "active");
        String id = id(n, path, "id", 64);
        String name = text(n, path, "name", 200, true).orElse("").strip();
        return new Queue(id, name, bool(n, path, "active", true));
    }

    RoutingRule routingRule(JsonNode n, String path) {
        known(n, path, "product", "severity", "region", "queue");
        Optional<String> product = text(n, path, "product", 64, false);
        Optional<Integer> severity = Optional.empty();
        JsonNode v = n.get("severity");
        if (v != null && !v.isNull()) {
            if (v.isInt() && v.intValue() >= 1 && v.intValue() <= 4) {
                severity = Optional.of(v.intValue());
            } else {
                errors.add(FieldError.of(path + ".severity", "must be 1, 2, 3 or 4"));
            }
        }
        Optional<String> region = text(n, path, "region", 16, false);
        return new RoutingRule(product, severity, region, id(n, path, "queue", 64));
    }

    // ------------------------------------------------------------------ values

    private void known(JsonNode n, String path, String... fields) {
        List<String> names = List.of(fields);
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!names.contains(f)) {
                errors.add(FieldError.of(path + "." + f, "is not a field here; fields: " + names));
            }
        }
    }

    /** A key: required, 1 to max characters, no spaces around it. */
    private String id(JsonNode n, String path, String field, int max) {
        Optional<String> value = text(n, path, field, max, true);
        if (value.isPresent() && !value.get().equals(value.get().strip())) {
            errors.add(FieldError.of(path + "." + field, "must not start or end with spaces"));
        }
        return value.orElse("");
    }

    private Optional<String> text(JsonNode n, String path, String field, int max, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(FieldError.of(path + "." + field, "is required"));
            }
            return Optional.empty();
        }
        if (!v.isTextual()) {
            errors.add(FieldError.of(path + "." + field, "must be a string"));
            return Optional.empty();
        }
        String s = v.asText();
        if (s.isBlank()) {
            if (required) {
                errors.add(FieldError.of(path + "." + field, "must not be empty"));
            }
            return Optional.empty();
        }
        if (s.length() > max) {
            errors.add(FieldError.of(path + "." + field, "must have at most " + max + " characters"));
            return Optional.empty();
        }
        return Optional.of(s);
    }

    private boolean bool(JsonNode n, String path, String field, boolean otherwise) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            errors.add(FieldError.of(path + "." + field, "must be true or false"));
            return otherwise;
        }
        return v.booleanValue();
    }

    private int integer(JsonNode n, String path, String field, int otherwise) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isInt()) {
            errors.add(FieldError.of(path + "." + field, "must be a whole number"));
            return otherwise;
        }
        return v.intValue();
    }

    private JsonNode array(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return MAPPER.createArrayNode();
        }
        if (!v.isArray()) {
            errors.add(FieldError.of(path + "." + field, "must be an array"));
            return MAPPER.createArrayNode();
        }
        return v;
    }

    private <E extends Enum<E>> E enumValue(JsonNode n, String path, String field, Class<E> type, E otherwise) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (otherwise == null) {
                errors.add(FieldError.of(path + "." + field, "is required: one of " + Arrays.toString(type.getEnumConstants())));
            }
            return otherwise;
        }
        try {
            return Enum.valueOf(type, v.asText());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(path + "." + field, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private LocalDate date(JsonNode v, String path) {
        if (v == null || v.isNull() || !v.isTextual()) {
            errors.add(FieldError.of(path, "is required: a date YYYY-MM-DD"));
            return null;
        }
        try {
            return LocalDate.parse(v.asText());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(FieldError.of(path, "is not a date YYYY-MM-DD"));
            return null;
        }
    }

    private LocalTime time(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        try {
            if (v != null && v.isTextual()) {
                return LocalTime.parse(v.asText());
            }
        } catch (java.time.format.DateTimeParseException e) {
            // told below
        }
        errors.add(FieldError.of(path + "." + field, "is required: a local time HH:MM"));
        return null;
    }

    private Duration duration(JsonNode n, String path, String field, boolean optional) {
        JsonNode v = n.get(field);
        if ((v == null || v.isNull()) && optional) {
            return Duration.ZERO;
        }
        try {
            if (v != null && v.isTextual()) {
                Duration d = Duration.parse(v.asText());
                if (!d.isNegative()) {
                    return d;
                }
            }
        } catch (java.time.format.DateTimeParseException e) {
            // told below
        }
        errors.add(FieldError.of(path + "." + field, "is required: an ISO-8601 duration, not negative (PT30M, PT4H)"));
        return null;
    }

    // ------------------------------------------------------------------ writing

    static ObjectNode write(Setup setup) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", Setup.FORMAT);
        ArrayNode regions = root.putArray("regions");
        setup.regions().forEach(r -> regions.add(region(r)));
        ArrayNode products = root.putArray("products");
        setup.products().forEach(p -> products.add(product(p)));
        ArrayNode offerings = root.putArray("offerings");
        setup.offerings().forEach(o -> offerings.add(offering(o)));
        ArrayNode accounts = root.putArray("accounts");
        setup.accounts().forEach(a -> accounts.add(account(a)));
        ArrayNode contacts = root.putArray("contacts");
        setup.contacts().forEach(c -> contacts.add(contact(c)));
        ArrayNode users = root.putArray("users");
        setup.users().forEach(u -> users.add(user(u)));
        if (!setup.queues().isEmpty() || setup.routingRules().isPresent()) {
            ArrayNode queues = root.putArray("queues");
            setup.queues().forEach(q -> queues.add(queue(q)));
        }
        setup.routingRules().ifPresent(list -> root.set("routingRules", routingRules(list)));
        return root;
    }

    static ObjectNode queue(Queue q) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", q.id()).put("name", q.name()).put("active", q.active());
        return n;
    }

    static ArrayNode routingRules(List<RoutingRule> rules) {
        ArrayNode out = MAPPER.createArrayNode();
        for (RoutingRule r : rules) {
            ObjectNode n = out.addObject();
            r.product().ifPresent(p -> n.put("product", p));
            r.severity().ifPresent(s -> n.put("severity", s));
            r.region().ifPresent(g -> n.put("region", g));
            n.put("queue", r.queue());
        }
        return out;
    }

    static ObjectNode region(Region r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", r.id()).put("name", r.name()).put("active", r.active());
        return n;
    }

    static ObjectNode product(ProductEntry entry) {
        Product p = entry.product();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", p.id()).put("name", p.name());
        ObjectNode hours = n.putObject("supportHours");
        SupportHours h = p.supportHours();
        if (h.aroundTheClock()) {
            hours.put("aroundTheClock", true);
        } else {
            hours.put("zone", h.zone().getId());
            ArrayNode windows = hours.putArray("windows");
            h.windows().forEach(w -> windows.addObject().put("day", w.day().name()).put("from", w.from().toString())
                    .put("to", w.to().toString()));
            ArrayNode holidays = hours.putArray("holidays");
            h.holidays().stream().sorted().forEach(d -> holidays.add(d.toString()));
        }
        ArrayNode categories = n.putArray("categories");
        p.categories().forEach(c -> categories.addObject().put("id", c.id()).put("name", c.name())
                .put("description", c.description()).put("active", entry.categoryActive(c.id())));
        n.put("active", entry.active());
        return n;
    }

    static ObjectNode offering(OfferingEntry entry) {
        SupportOffering o = entry.offering();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", o.id()).put("name", o.name());
        ObjectNode targets = n.putObject("targets");
        o.targets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> targets.putObject(e.getKey().name())
                .put("within", e.getValue().within().toString()).put("clock", e.getValue().clock().name()));
        if (!entry.cadence().isEmpty()) {
            ObjectNode cadence = n.putObject("updateCadence");
            entry.cadence().every().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> cadence.put(e.getKey().name(), e.getValue().toString()));
        }
        n.put("active", entry.active());
        return n;
    }

    static ObjectNode account(Account a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("number", a.number()).put("name", a.name()).put("customerNumber", a.customerNumber()).put("region", a.region());
        ArrayNode contracts = n.putArray("contracts");
        for (SupportContract c : a.contracts()) {
            ObjectNode cn = contracts.addObject().put("id", c.id()).put("product", c.product()).put("offering", c.offering())
                    .put("type", c.type().name()).put("validFrom", c.validFrom().toString())
                    .put("validUntil", c.validUntil().toString());
            if (c.type() == ContractType.PER_INCIDENT) {
                cn.put("incidentsRemaining", c.incidentsRemaining());
            }
        }
        return n;
    }

    static ObjectNode contact(Contact c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("login", c.login()).put("account", c.account()).put("name", c.name()).put("email", c.email());
        c.phone().ifPresent(p -> n.put("phone", p));
        n.put("preferred", c.preferred().name()).put("language", c.language());
        return n;
    }

    static ObjectNode user(UserEntry u) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("login", u.login()).put("displayName", u.displayName());
        ArrayNode roles = n.putArray("roles");
        u.roles().stream().sorted().forEach(r -> roles.add(r.name()));
        u.email().ifPresent(e -> n.put("email", e));
        u.region().ifPresent(r -> n.put("region", r));
        ArrayNode accounts = n.putArray("accounts");
        u.accounts().stream().sorted().forEach(accounts::add);
        n.put("active", u.active());
        return n;
    }
}
