package org.srplatform.partner.contract.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.srplatform.api.notify.DeliveryException;
import org.srplatform.api.notify.Notification;
import org.srplatform.api.notify.NotificationChannel;
import org.srplatform.api.notify.Recipient;
import org.srplatform.api.partner.CollaborationRequest;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.ConnectorState;
import org.srplatform.api.partner.Partner;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerConnector;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerField;
import org.srplatform.api.partner.PartnerEvent;
import org.srplatform.api.partner.PartnerNote;
import org.srplatform.api.partner.PartnerPush;
import org.srplatform.api.partner.PushRejectedException;
import org.srplatform.api.request.ContactMethod;

/**
 * Vendors the customer has a support contract with directly, reached by e-mail through the platform's
 * notification channels. The vendor answers people, not an API: its reply comes back through an inbound mail
 * gateway that posts it, signed, to {@code /api/v1/partner-events/contract} ({@link #receive}), or staff enter
 * its case number and answers on the collaboration ({@code PUT .../partner-case}); {@link #follow(String)} has no
 * news of its own to give. Made by {@link ContractSetup}.
 */
@Component(factory = ContractConnector.FACTORY, service = PartnerConnector.class)
public final class ContractConnector implements PartnerConnector {
    static final String FACTORY = "org.srplatform.partner.contract.connector";
    /** The private component property with the checked settings (a leading dot keeps it out of the registry). */
    static final String SETTINGS = ".settings";
    static final String CONTRACT_FIELD = "contractNumber";

    /** A vendor of the configuration. */
    record Vendor(String id, String name, String email) {
    }

    /** What {@link ContractSetup} read: the vendors, and how their replies are read (none without a secret). */
    record Settings(List<Vendor> vendors, Optional<ContractReplies> replies) {
    }

    private final List<NotificationChannel> channels = new CopyOnWriteArrayList<>();
    private final List<Vendor> vendors;
    private final Optional<ContractReplies> replies;

    @Activate
    public ContractConnector(Map<String, Object> properties) {
        this((Settings) properties.get(SETTINGS));
    }

    ContractConnector(Settings settings) {
        this.vendors = settings.vendors();
        this.replies = settings.replies();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addChannel(NotificationChannel channel) {
        channels.add(channel);
    }

    void removeChannel(NotificationChannel channel) {
        channels.remove(channel);
    }

    @Override
    public String id() {
        return "contract";
    }

    @Override
    public String name() {
        return "Existing support contract";
    }

    @Override
    public ConnectorState state() {
        if (vendors.isEmpty()) {
            return ConnectorState.UNCONFIGURED;
        }
        return channels.isEmpty() ? ConnectorState.DEGRADED : ConnectorState.READY;
    }

    @Override
    public List<Partner> partners(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return vendors.stream().filter(v -> q.isEmpty() || v.name().toLowerCase(Locale.ROOT).contains(q)
                || v.id().equalsIgnoreCase(q)).map(v -> new Partner(v.id(), v.name(), List.of(new PartnerField(
                CONTRACT_FIELD, "The customer's contract number with " + v.name(), true)))).toList();
    }

    @Override
    public PartnerCase open(String correlationId, CollaborationRequest request) throws PartnerException {
        Vendor vendor = vendor(request.partner());
        if (!request.consent()) {
            throw new PartnerException("the customer's consent to share the case with " + vendor.name()
                    + " is not recorded", false, null);
        }
        String contract = request.fields().getOrDefault(CONTRACT_FIELD, "").strip();
        if (contract.isEmpty()) {
            throw new PartnerException("required field '" + CONTRACT_FIELD + "' (the customer's contract number with "
                    + vendor.name() + ") is missing", false, null);
        }
        String subject = ContractReplies.marker(request.request().toString(), correlationId)
                + " New support case under contract " + contract + ": " + request.summary();
        String body = "Hello " + vendor.name() + " support,\n\nour customer holds support contract " + contract
                + " with you and agreed that we share their case. Priority: " + request.priority() + ".\n\n"
                + request.summary() + "\n\n" + request.detail() + "\n\nPlease reply to this message with your case"
                + " number and the engineer who takes it; keep " + ContractReplies.marker(request.request().toString(),
                correlationId) + " in the subject.\n";
        send(correlationId, vendor, subject, body, request);
        return new PartnerCase(correlationId, CollaborationState.OPEN, Optional.empty(), List.of());
    }

    @Override
    public PartnerCase follow(String externalId) throws PartnerException {
        throw new PartnerException("cases opened by e-mail are not polled: the vendor's replies come in through the"
                + " mail gateway, or staff enter them on the collaboration", false, null);
    }

    /** A vendor's reply by e-mail, pushed by the inbound mail gateway ({@link ContractReplies}). */
    @Override
    public PartnerEvent receive(PartnerPush push) throws PartnerException {
        ContractReplies reader = replies.orElseThrow(() -> new PushRejectedException(
                PushRejectedException.Reason.NOT_SUPPORTED, "vendors' replies are not taken on this platform: set"
                + " webhook.secret in etc/" + ContractConfig.PID + ".cfg and give the mail gateway the same secret"));
        return reader.read(push);
    }

    @Override
    public PartnerCase addNote(String externalId, String correlationId, PartnerNote note) throws PartnerException {
        throw new PartnerException("write to the vendor by e-mail quoting their case " + externalId, false, null);
    }

    /** Closing is ours to record: the vendor is told by whoever writes to them. */
    @Override
    public PartnerCase close(String externalId, String reason) {
        return new PartnerCase(externalId, CollaborationState.CLOSED, Optional.empty(), List.of());
    }

    private Vendor vendor(String partner) throws PartnerException {
        return vendors.stream().filter(v -> v.id().equals(partner) || v.name().equalsIgnoreCase(partner)).findFirst()
                .orElseThrow(() -> new PartnerException("no vendor '" + partner + "' in " + ContractConfig.PID
                        + " (vendors: " + vendors.stream().map(Vendor::id).toList() + ")", false, null));
    }

    private void send(String correlationId, Vendor vendor, String subject, String body, CollaborationRequest request)
            throws PartnerException {
        Notification mail = new Notification("partner-" + correlationId, "PARTNER_CASE", Optional.of(request.request()),
                new Recipient(vendor.name() + " support", Optional.of(vendor.email()), Optional.empty(),
                        ContactMethod.EMAIL), subject, body);
        Optional<NotificationChannel> channel = channels.stream().filter(c -> c.accepts(mail)).findFirst();
        if (channel.isEmpty()) {
            throw new PartnerException("no notification channel takes e-mail now (is sr-notify-email configured?)",
                    true, null);
        }
        try {
            channel.get().deliver(mail);
        } catch (DeliveryException e) {
            throw new PartnerException("the e-mail to " + vendor.name() + " was not sent: " + e.getMessage(),
                    e.isTransient(), e);
        }
    }
}
