package org.srplatform.intake.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.sql.SQLException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.account.Account;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.SupportContract;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.api.request.FieldHelp;
import org.srplatform.api.request.IntakeChannel;
import org.srplatform.api.request.IntakeService;
import org.srplatform.api.request.OpenedRequest;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.api.request.SupportRequestForm;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.User;
import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.Transactions;

/**
 * Opens SRs after every check of the seed's intake steps: the fields, the caller's right to the
 * account, the account's entitlement to the product; a product, category or support offering an administrator
 * deactivated takes no new SR (it stays readable for the SRs that name it); then the confirmation (due within the hour) and
 * the first-response target (from the offering, the severity and the product's support hours) are
 * stored with the SR and its confirmation message in one transaction.
 */
@Component(property = {
        "sr.feature=intake",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=intake)))" })
public final class EntitledIntakeService implements IntakeService {
    static final Duration CONFIRMATION_WITHIN = Duration.ofHours(1);
    static final String NOTIFICATION = "notification";
    static final String CREATED = "CREATED";

    private final CatalogRepository catalog;
    private final AccountRepository accounts;
    private final Transactions transactions;
    private final SupportRequestRepository requests;
    private final Clock clock;
    private final ObjectWriter confirmationPayload = new ObjectMapper().writerFor(ConfirmationPayload.class);

    @Activate
    public EntitledIntakeService(@Reference CatalogRepository catalog, @Reference AccountRepository accounts,
            @Reference Transactions transactions, @Reference SupportRequestRepository requests) {
        this(catalog, accounts, transactions, requests,
                Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1)) /* API times in milliseconds */);
    }

    EntitledIntakeService(CatalogRepository catalog, AccountRepository accounts, Transactions transactions,
            SupportRequestRepository requests, Clock clock) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.transactions = transactions;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public List<FieldHelp> fields() {
        return IntakeForm.FIELDS;
    }

    @Override
    public SupportRequestDetails open(SupportRequestForm form, User caller, IntakeChannel channel) {
        return open(form, caller, channel, (tx, number) -> {
        });
    }

    @Override
    public OpenedRequest open(SupportRequestForm form, User caller, IntakeChannel channel, String idempotencyKey) {
        String key = IdempotencyKeys.check(idempotencyKey);
        String hash = IdempotencyKeys.hash(form, channel);
        Instant now = clock.instant();
        Instant since = now.minus(IdempotencyKeys.KEPT);
        Optional<OpenedRequest> earlier = earlier(caller, key, hash, since);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            SupportRequestDetails sr = open(form, caller, channel,
                    (tx, number) -> IdempotencyKeys.record(tx.connection(), caller.login(), key, number, hash, now, since));
            return new OpenedRequest(sr, false);
        } catch (StoreException e) {
            // A concurrent call with the same key committed first: its SR is the answer, this one rolled back.
            if (IdempotencyKeys.isTaken(e)) {
                return earlier(caller, key, hash, since).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** The SR an earlier call with the key opened, as the first answer showed it (its current header). */
    private Optional<OpenedRequest> earlier(User caller, String key, String hash, Instant since) {
        Optional<IdempotencyKeys.Entry> entry = transactions.read(tx -> IdempotencyKeys.find(tx.connection(), caller.login(),
                key, since));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        SrNumber number = entry.get().number();
        if (!entry.get().requestHash().equals(hash)) {
            throw new ConflictException("Idempotency-Key '" + key + "' already opened SR " + number + " with another request;"
                    + " send a new key for a new SR, or repeat the first request exactly to get SR " + number + " again.");
        }
        SupportRequestDetails sr = requests.find(number)
                .orElseThrow(() -> new IllegalStateException("SR " + number + " of an idempotency key is missing"));
        List<TimelineEntry> created = sr.timeline().stream().filter(e -> e.kind().equals(CREATED)).limit(1).toList();
        return Optional.of(new OpenedRequest(new SupportRequestDetails(sr.request(), List.of(), created), true));
    }

    /**
     * The product as a new SR sees it: its active categories only. A deactivated product, or a deactivated category
     * of it, is an error that says so (both stay readable: SRs name them).
     */
    private Optional<Product> offered(Optional<Product> product, SupportRequestForm form, List<FieldError> errors) {
        if (product.isEmpty()) {
            return product;
        }
        Product p = product.get();
        if (!catalog.productActive(p.id())) {
            errors.add(FieldError.of("product", "'" + p.id() + "' is deactivated: it takes no new SRs;"
                    + " GET /api/v1/products lists the products"));
        }
        List<ProblemCategory> active = p.categories().stream().filter(c -> catalog.categoryActive(p.id(), c.id())).toList();
        if (!IntakeForm.blank(form.category()) && p.category(form.category()).isPresent()
                && active.stream().noneMatch(c -> c.id().equals(form.category()))) {
            errors.add(FieldError.of("category", "'" + form.category() + "' of " + p.id() + " is deactivated: it takes"
                    + " no new SRs; its categories: " + String.join(", ", active.stream().map(ProblemCategory::id).toList())));
            return product; // the category is known: told above, not again as unknown
        }
        return Optional.of(new Product(p.id(), p.name(), p.supportHours(), active));
    }

    /** Writes of a caller of {@link #open(SupportRequestForm, User, IntakeChannel, AlsoInTransaction)} that join the SR's. */
    @FunctionalInterface
    private interface AlsoInTransaction {
        void run(Transaction tx, SrNumber number) throws SQLException;
    }

    private SupportRequestDetails open(SupportRequestForm form, User caller, IntakeChannel channel, AlsoInTransaction also) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Product> product = IntakeForm.blank(form.product()) ? Optional.empty() : catalog.product(form.product());
        Optional<IntakeForm.Checked> checked = IntakeForm.check(form, offered(product, form, errors), errors);
        Optional<Account> account = account(form, caller, channel, errors);
        if (!errors.isEmpty() || checked.isEmpty() || account.isEmpty() || product.isEmpty()) {
            if (errors.isEmpty()) {
                errors.add(FieldError.of("account", "is required"));
            }
            throw new ValidationException(errors);
        }
        Account entitled = account.get();
        if (!caller.isStaff() && !caller.accounts().contains(entitled.number())) {
            // Told apart from "unknown" only for the caller's own mistake: the account exists, it is not theirs.
            throw new NotAllowedException("You are not a contact of account " + entitled.number()
                    + "; GET /api/v1/accounts lists yours.", List.of(FieldError.of("account", "is not one of your accounts")));
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        String productId = product.get().id();
        List<SupportContract> entitling = entitled.contracts().stream().filter(c -> c.entitles(productId, today)).toList();
        if (entitling.isEmpty()) {
            throw new NotAllowedException("Account " + entitled.number() + " (" + entitled.name()
                    + ") has no valid support contract for product '" + productId
                    + "'; renew the contract or buy per-incident support.",
                    List.of(FieldError.of("account", "not entitled to support for " + productId)));
        }
        SupportContract contract = entitling.stream().filter(c -> catalog.offeringActive(c.offering())).findFirst()
                .orElseThrow(() -> new ConflictException("Account " + entitled.number() + " (" + entitled.name()
                        + ") has support for product '" + productId + "' under the support offering '"
                        + entitling.get(0).offering() + "', which is deactivated: it takes no new SRs; renew the"
                        + " contract under another offering."));

        IntakeForm.Checked f = checked.get();
        Optional<Instant> firstResponseDue = accounts.offering(contract.offering()).flatMap(o -> o.target(f.severity()))
                .map(target -> target.dueFor(now, product.get().supportHours()));
        Optional<Contact> contact = contactFor(caller, entitled);
        String contactLogin = contact.map(Contact::login).orElse(caller.login());
        Instant confirmationDue = now.plus(CONFIRMATION_WITHIN);

        SupportRequestDraft draft = new SupportRequestDraft(entitled.number(), product.get().id(), form.category(),
                f.severity(), f.subject(), f.description(), f.tags(), f.contactMethod(), f.phone(), contactLogin, channel,
                now, confirmationDue, firstResponseDue, form.suggestionsShown());
        TimelineEntry created = TimelineEntry.of(now, new Actor(caller.login(), caller.displayName()), CREATED,
                "SR opened " + (channel == IntakeChannel.PHONE ? "on the phone" : "online") + " with severity "
                        + f.severity().level(),
                Map.of("channel", channel.name(), "severity", Integer.toString(f.severity().level()),
                        "offering", contract.offering(), "suggestionsShown", Boolean.toString(form.suggestionsShown())));
        String recipient = contact.map(Contact::email).or(caller::email).orElse(contactLogin);
        OutboundMessage confirmation = new OutboundMessage(NOTIFICATION, Optional.empty(), recipient,
                "CONFIRMATION", payload(new ConfirmationPayload("CONFIRMATION", contactLogin)),
                confirmationDue);
        boolean perIncident = contract.type() == ContractType.PER_INCIDENT;
        String contractId = contract.id();
        return transactions.inTransaction(tx -> {
            if (perIncident) {
                useIncident(tx, entitled.number(), contractId);
            }
            SupportRequest sr = tx.createRequest(draft, created);
            also.run(tx, sr.number());
            tx.enqueue(List.of(confirmation.forRequest(sr.number())));
            return new SupportRequestDetails(sr, List.of(), List.of(created));
        });
    }

    /**
     * A per-incident purchase gives up one incident in the SR's own transaction, so an SR that is not
     * stored uses none, and two SRs cannot share the last one. None left: refused, nothing stored.
     */
    private void useIncident(Transaction tx, String account, String contract) {
        if (!accounts.useIncident(tx, account, contract)) {
            throw new NotAllowedException("Account " + account + " has no unused per-incident support left;"
                    + " buy more or renew the contract.",
                    List.of(FieldError.of("account", "no unused per-incident support left")));
        }
    }

    private Optional<Account> account(SupportRequestForm form, User caller, IntakeChannel channel, List<FieldError> errors) {
        Optional<Account> byCustomerNumber = Optional.empty();
        if (channel == IntakeChannel.PHONE) {
            String number = form.customerNumber().map(String::strip).orElse("");
            if (number.isEmpty()) {
                errors.add(FieldError.of("customerNumber", "is required on the phone: the caller reads it from their profile page"));
            } else {
                byCustomerNumber = accounts.byCustomerNumber(number);
                if (byCustomerNumber.isEmpty()) {
                    errors.add(FieldError.of("customerNumber", "no account has customer number '" + number + "'; ask the caller to check it"));
                }
            }
        }
        if (IntakeForm.blank(form.account())) {
            if (byCustomerNumber.isPresent()) {
                return byCustomerNumber;
            }
            if (channel != IntakeChannel.PHONE) {
                errors.add(FieldError.of("account", "is required: the entitled account's number; GET /api/v1/accounts lists yours"));
            }
            return Optional.empty();
        }
        Optional<Account> account = caller.isStaff() || caller.accounts().contains(form.account())
                ? accounts.account(form.account()) : Optional.empty();
        if (account.isEmpty()) {
            if (!caller.isStaff()) {
                // A customer naming someone else's account learns nothing about it.
                throw new NotAllowedException("You are not a contact of account " + form.account()
                        + "; GET /api/v1/accounts lists yours.", List.of(FieldError.of("account", "is not one of your accounts")));
            }
            errors.add(FieldError.of("account", "unknown account '" + form.account() + "'"));
        } else if (byCustomerNumber.isPresent() && !byCustomerNumber.get().number().equals(account.get().number())) {
            errors.add(FieldError.of("customerNumber", "belongs to account " + byCustomerNumber.get().number()
                    + ", not to account " + account.get().number()));
        }
        return account;
    }

    private Optional<Contact> contactFor(User caller, Account account) {
        if (!caller.isStaff()) {
            return accounts.contactsOf(caller.login()).stream().filter(c -> c.account().equals(account.number())).findFirst();
        }
        return accounts.contacts(account.number()).stream().findFirst();
    }

    private String payload(ConfirmationPayload payload) {
        try {
            return confirmationPayload.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the confirmation of " + payload.contact() + " cannot be written as JSON", e);
        }
    }

    /** The outbox payload of a confirmation: {@code {"kind":"CONFIRMATION","contact":"<login>"}}. */
    record ConfirmationPayload(String kind, String contact) {
    }
}
