package org.srplatform.notify.tsanet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.srplatform.api.partner.CollaborationRequest;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.ConnectorState;
import org.srplatform.api.partner.Partner;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerConnector;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerEvent;
import org.srplatform.api.partner.PartnerNote;
import org.srplatform.api.partner.PartnerPush;
import org.srplatform.api.partner.PushRejectedException;
import org.srplatform.api.partner.WebhookSignature;

/**
 * Collaborations with other TSANet members through TSANet Connect: the platform submits, the other member
 * receives and accepts, rejects or asks for more information.
 *
 * <p>Made by {@link TsanetSetup} from the checked settings (a factory component, so that the password is never
 * a service property). Thread-safe: dispatcher threads may call at once; the one HTTP client and the access
 * token are shared. Every call that writes is idempotent across retries: a request carries the SR number and
 * the collaboration's correlation id as its {@code internalCaseNumber} and is looked up by it before it is sent
 * again; notes, answers and closing notes carry a marker ({@link Markers}) that a retry looks for first.
 */
@Component(factory = TsanetConnector.FACTORY, service = PartnerConnector.class)
public final class TsanetConnector implements PartnerConnector {
    static final String FACTORY = "org.srplatform.partner.tsanet.connector";
    static final String ID = "tsanet";
    /** Private component properties (a leading dot keeps them out of the service registry). */
    static final String SETTINGS = ".settings";
    static final String HEALTH = ".health";
    static final int SUMMARY_MAX = 500;
    static final int DESCRIPTION_MAX = 5000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TsanetSettings settings;
    private final ConnectionHealth health;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ExecutorService httpThreads;
    private final ConnectApi api;
    private final MemberForms members;
    /** The platform's own company at TSANet (from {@code /v1/me}), to tell our notes from the partner's. */
    private volatile Optional<String> ourCompany = Optional.empty();

    @Activate
    public TsanetConnector(Map<String, Object> properties) {
        this((TsanetSettings) properties.get(SETTINGS), (ConnectionHealth) properties.get(HEALTH), Clock.systemUTC());
    }

    TsanetConnector(TsanetSettings settings, ConnectionHealth health, Clock clock) {
        this.settings = settings;
        this.health = health;
        this.clock = clock;
        if (!settings.configured()) {
            httpThreads = null;
            api = null;
            members = null;
            return;
        }
        AtomicInteger n = new AtomicInteger();
        httpThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tsanet-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Built at the first call, not at activation: a JDK HTTP client loads the TLS trust store and starts a thread,
        // about 0.1 s of the platform's start on the thread that starts every bundle.
        ExecutorService threads = httpThreads;
        Supplier<HttpClient> http = new FirstUse<>(() -> HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would resend the password elsewhere
                .version(HttpClient.Version.HTTP_1_1).executor(threads).build());
        this.api = new ConnectApi(settings, http, clock, health);
        this.members = new MemberForms(api);
    }

    @Deactivate
    void stop() {
        if (httpThreads != null) {
            httpThreads.shutdownNow();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "TSANet";
    }

    @Override
    public ConnectorState state() {
        return health.state();
    }

    @Override
    public List<Partner> partners(String query) throws PartnerException {
        return ready().partners(query);
    }

    @Override
    public PartnerCase open(String correlationId, CollaborationRequest request) throws PartnerException {
        MemberForms directory = ready();
        if (!request.consent()) {
            throw new PartnerException("The customer has not agreed that their details and the case's are shared"
                    + " with " + request.partner() + " through TSANet: record the consent first", false, null);
        }
        String internal = request.request() + "/" + correlation(correlationId);
        // A retry after a lost answer must find the case the first attempt opened, never open a second.
        Optional<JsonNode> existing = existing(internal);
        if (existing.isPresent()) {
            return partnerCase(existing.get());
        }
        MemberForms.Form form = directory.form(request.partner());
        ObjectNode body = JSON.objectNode().put("documentId", form.documentId()).put("internalCaseNumber", internal)
                .put("problemSummary", request.summary())
                .put("problemDescription", request.detail().isBlank() ? request.summary() : request.detail())
                .put("priority", request.priority().name()).put("testSubmission", false);
        body.set("customFields", JSON.arrayNode().addAll(customFields(form, request.fields())));
        body.set("submitterContactDetails", contact(request.requestedBy()));
        body.putArray("internalNotes").addObject().put("note", "SR " + request.request() + ", requested by "
                + request.requestedBy() + " (collaboration " + correlationId + ")");
        JsonNode created = api.post("collaboration-requests", body);
        if (created.hasNonNull("token")) {
            return partnerCase(created);
        }
        // Created, but its answer names no case: the next attempt finds it by its internal case number.
        throw new PartnerException("TSANet Connect took the collaboration request for " + form.member()
                + " but did not name its case; it is looked up on the next attempt", true, null);
    }

    /** The values of the member's form: each field by its id or, failing that, its label. */
    private static List<ObjectNode> customFields(MemberForms.Form form, Map<String, String> given)
            throws PartnerException {
        Set<String> used = new HashSet<>();
        List<String> missing = new ArrayList<>();
        List<ObjectNode> fields = new ArrayList<>();
        for (ObjectNode f : form.fields()) {
            String id = f.path("fieldId").asText();
            String label = MemberForms.Form.label(f);
            Optional<String> key = given.containsKey(id) ? Optional.of(id)
                    : given.keySet().stream().filter(k -> k.strip().equalsIgnoreCase(label)).findFirst();
            Optional<String> value = key.map(given::get).map(String::strip).filter(v -> !v.isEmpty());
            key.ifPresent(used::add);
            if (value.isEmpty() && f.path("required").asBoolean(false)) {
                missing.add("'" + label + "' (field " + id + ")");
            }
            ObjectNode field = f.deepCopy();
            if (value.isPresent()) {
                field.put("value", value.get());
            } else {
                field.putNull("value");
            }
            fields.add(field);
        }
        if (!missing.isEmpty()) {
            throw new PartnerException(form.member() + " requires " + String.join(" and ", missing)
                    + ": add it to the request's fields", false, null);
        }
        List<String> unknown = given.keySet().stream().filter(k -> !used.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new PartnerException(form.member() + "'s form has no field " + String.join(", ", unknown)
                    + "; its fields: " + form.describeFields(), false, null);
        }
        return fields;
    }

    private ObjectNode contact(String requestedBy) {
        TsanetSettings.Contact c = settings.contact();
        ObjectNode contact = JSON.objectNode().put("name", c.name().isEmpty() ? requestedBy : c.name());
        if (!c.email().isEmpty()) {
            contact.put("email", c.email());
        }
        if (!c.phone().isEmpty()) {
            contact.put("phone", c.phone());
        }
        return contact;
    }

    private Optional<JsonNode> existing(String internalCaseNumber) throws PartnerException {
        JsonNode listed = api.get("collaboration-requests", Map.of("internalCaseNumber", internalCaseNumber));
        for (JsonNode c : listed.isArray() ? listed : listed.path("content")) {
            String ours = c.path("submitterCaseNumber").asText(internalCaseNumber);
            if (ours.equals(internalCaseNumber) && c.hasNonNull("token")) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public PartnerCase follow(String externalId) throws PartnerException {
        ready();
        return partnerCase(read(externalId));
    }

    @Override
    public PartnerCase addNote(String externalId, String correlationId, PartnerNote note) throws PartnerException {
        ready();
        String marker = Markers.note(correlation(correlationId).replaceAll("[\\s\\[\\]]", "_"));
        if (!hasNote(externalId, marker)) {
            String text = note.text().strip();
            if (text.isEmpty()) {
                throw new PartnerException("A note to TSANet needs text", false, null);
            }
            String firstLine = text.lines().findFirst().orElse("").strip();
            postNote(externalId, bounded(note.author() + ": " + firstLine, SUMMARY_MAX), text, marker);
        }
        return follow(externalId);
    }

    @Override
    public PartnerCase answer(String externalId, String correlationId, String information) throws PartnerException {
        ready();
        if (information == null || information.isBlank()) {
            throw new PartnerException("An answer to TSANet's information request needs text", false, null);
        }
        String marker = Markers.answer(correlation(correlationId).replaceAll("[\\s\\[\\]]", "_"));
        JsonNode c = read(externalId);
        boolean answered = false;
        for (JsonNode r : c.path("caseResponses")) {
            answered |= r.path("type").asText("").equals("INFORMATION_RESPONSE")
                    && Cases.plainText(r.path("requestedInformation").asText("")).contains(marker);
        }
        // Only a case that waits on us takes an answer; one that moved on took this answer already.
        if (answered || Cases.state(c.path("status").asText("")) != CollaborationState.INFORMATION_REQUESTED) {
            return partnerCase(c);
        }
        JsonNode after = api.post("collaboration-requests/" + ConnectApi.segment(externalId) + "/information-response",
                JSON.objectNode().put("requestedInformation", bounded(information.strip(), DESCRIPTION_MAX
                        - marker.length() - 2) + "\n\n" + marker));
        return after.hasNonNull("status") ? partnerCase(after) : follow(externalId);
    }

    @Override
    public PartnerCase close(String externalId, String reason) throws PartnerException {
        ready();
        JsonNode c = read(externalId);
        if (Cases.state(c.path("status").asText("")) == CollaborationState.CLOSED) {
            return partnerCase(c);
        }
        if (reason != null && !reason.isBlank()) { // closure takes no text: the reason goes first, as a note
            String marker = Markers.close(externalId.replaceAll("[\\s\\[\\]]", "_"));
            if (!hasNote(externalId, marker)) {
                postNote(externalId, "Closed: " + bounded(reason.strip().lines().findFirst().orElse(""),
                        SUMMARY_MAX - 8), reason.strip(), marker);
            }
        }
        try {
            JsonNode after = api.post("collaboration-requests/" + ConnectApi.segment(externalId) + "/closure",
                    JSON.objectNode());
            return after.hasNonNull("status") ? partnerCase(after) : follow(externalId);
        } catch (PartnerException e) {
            if (e.isTransient()) {
                throw e;
            }
            PartnerCase now = follow(externalId); // closed meanwhile (by them, or by our lost first attempt)
            if (now.state() == CollaborationState.CLOSED) {
                return now;
            }
            throw e;
        }
    }

    private boolean hasNote(String externalId, String marker) throws PartnerException {
        for (JsonNode n : api.get("collaboration-requests/" + ConnectApi.segment(externalId) + "/notes", Map.of())) {
            if (Cases.plainText(n.path("summary").asText("")).contains(marker)
                    || Cases.plainText(n.path("description").asText("")).contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private void postNote(String externalId, String summary, String text, String marker) throws PartnerException {
        String description = bounded(text, DESCRIPTION_MAX - marker.length() - 2) + "\n\n" + marker;
        api.post("collaboration-requests/" + ConnectApi.segment(externalId) + "/notes",
                JSON.objectNode().put("summary", summary).put("description", description));
    }

    /**
     * A case TSANet (or a relay) pushed, signed with {@code webhook.secret}: the body is the case as
     * {@code GET /v1/collaboration-requests/{token}} gives it, alone or as {@code collaborationRequest}. No call to
     * TSANet is made here; notes not in the push come with the next follow-up.
     */
    @Override
    public PartnerEvent receive(PartnerPush push) throws PartnerException {
        WebhookSignature signature = settings.pushes().orElseThrow(() -> new PushRejectedException(
                PushRejectedException.Reason.NOT_SUPPORTED, "TSANet pushes are not set up on this platform: set"
                + " webhook.secret in " + TsanetConfig.FILE + " and give the sender the same secret"));
        String eventId = signature.verify(push, clock.instant());
        JsonNode c;
        try {
            c = mapper.readTree(push.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PushRejectedException(PushRejectedException.Reason.MALFORMED, "the body is not JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PushRejectedException(PushRejectedException.Reason.MALFORMED, "the body is not readable");
        }
        if (c != null && c.has("collaborationRequest")) {
            c = c.get("collaborationRequest");
        }
        if (c == null || !c.isObject() || c.path("token").asText("").isBlank()) {
            throw new PushRejectedException(PushRejectedException.Reason.MALFORMED, "the body is not a TSANet"
                    + " collaboration request: it has no token");
        }
        return new PartnerEvent(eventId, Cases.partnerCase(c, Cases.notes(c.path("caseNotes"), ourCompany)));
    }

    private JsonNode read(String externalId) throws PartnerException {
        if (externalId == null || externalId.isBlank()) {
            throw new PartnerException("No TSANet case named (empty token)", false, null);
        }
        return api.get("collaboration-requests/" + ConnectApi.segment(externalId.strip()), Map.of());
    }

    private PartnerCase partnerCase(JsonNode c) throws PartnerException {
        JsonNode notes = c.path("caseNotes");
        if (!notes.isArray()) { // not part of this answer: ask for them
            notes = api.get("collaboration-requests/" + ConnectApi.segment(c.path("token").asText()) + "/notes",
                    Map.of());
        }
        return Cases.partnerCase(c, Cases.notes(notes, ourCompany()));
    }

    /** Our company's name at TSANet, asked once; without it our notes are still told apart by their markers. */
    private Optional<String> ourCompany() {
        Optional<String> known = ourCompany;
        if (known.isPresent()) {
            return known;
        }
        try {
            JsonNode me = api.get("me", Map.of());
            String name = me.path("company").isObject() ? me.path("company").path("name").asText("")
                    : me.path("companyName").asText(me.path("company").asText(""));
            known = Optional.of(name.strip()).filter(s -> !s.isEmpty());
            ourCompany = known;
            return known;
        } catch (PartnerException e) {
            return Optional.empty();
        }
    }

    private MemberForms ready() throws PartnerException {
        if (members == null) {
            throw new PartnerException(settings.whatToConfigure(), false, null);
        }
        return members;
    }

    private static String correlation(String correlationId) throws PartnerException {
        if (correlationId == null || correlationId.isBlank()) {
            throw new PartnerException("A call to TSANet needs the collaboration's correlation id", false, null);
        }
        return correlationId.strip();
    }

    private static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @Override
    public String toString() {
        return "TsanetConnector[" + settings + ", " + state().name().toLowerCase(Locale.ROOT) + "]";
    }

    /** A value made at its first use, once, whichever thread asks first. */
    static final class FirstUse<T> implements Supplier<T> {
        private final Supplier<T> maker;
        private volatile T value;

        FirstUse(Supplier<T> maker) {
            this.maker = maker;
        }

        @Override
        public T get() {
            T known = value;
            if (known == null) {
                synchronized (this) {
                    known = value;
                    if (known == null) {
                        known = maker.get();
                        value = known;
                    }
                }
            }
            return known;
        }
    }
}
