package org.srplatform.admin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.admin.internal.Setup.OfferingEntry;
import org.srplatform.admin.internal.Setup.ProductEntry;
import org.srplatform.admin.internal.Setup.Region;
import org.srplatform.admin.internal.Setup.UserEntry;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.security.Role;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.admin.ImportResult;
import org.srplatform.spi.admin.QueueSetup;
import org.srplatform.spi.admin.SetupTransfer;
import org.srplatform.spi.audit.AuditChange;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.security.NewUser;
import org.srplatform.spi.security.StoredUser;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Transactions;

/**
 * Imports and exports the setup document. An import reads the whole document, checks every entry against the
 * document and the store (naming each wrong one by its place), and only then writes what differs from the store, in
 * one transaction with one audit entry per entity written. Nothing is deleted: entries the document does not name are
 * kept, and so are the categories of a product and the contracts of an account that it leaves out (SRs refer to
 * them); deactivate a user, end a contract. The same document twice finds nothing to write the second time.
 * <p>
 * Imports (and entries put one by one, which are one-entry imports) run one at a time, in the order they came: two
 * at once would each plan against the store as it was before the other and the later commit would trip over the
 * rows the first wrote. The next waits its turn, at most {@code import.wait.seconds}. One node: nodes sharing a
 * database are not serialized with each other.
 * <p>
 * Not part of the {@code administration} feature: the demo loads its data through it, whatever the switches say.
 */
@Component(service = {SetupTransfer.class, SetupImport.class}, configurationPid = SetupImport.PID)
public final class SetupImport implements SetupTransfer {
    static final String PID = "org.srplatform.admin";

    /** The administration's configuration ({@code etc/org.srplatform.admin.cfg}, optional). */
    @interface Config {
        /** How long an import waits for the one before it to finish; then it answers 409 and writes nothing. */
        long import_wait_seconds() default 300;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SetupImport.class);
    /** Above this many entries of a section, the store's entries are read all at once instead of one by one. */
    private static final int READ_ALL_ABOVE = 200;

    private final Transactions transactions;
    private final CatalogRepository catalog;
    private final AccountRepository accounts;
    private final UserDirectory users;
    private final JdbcAuditTrail audit;
    private final JdbcRegions regions;
    /** One import at a time, fair: they run in the order they came. */
    private final ReentrantLock importing = new ReentrantLock(true);
    private final long waitMillis;
    /**
     * Casework's queues and routing rules, when casework runs: optional, so that administration works without it
     * (a document without queues imports; the export leaves them out).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile QueueSetup queues;

    @Activate
    public SetupImport(Config config, @Reference Transactions transactions, @Reference CatalogRepository catalog,
            @Reference AccountRepository accounts, @Reference UserDirectory users, @Reference JdbcAuditTrail audit) {
        this(transactions, catalog, accounts, users, audit,
                java.time.Duration.ofSeconds(Math.max(0, config.import_wait_seconds())));
    }

    SetupImport(Transactions transactions, CatalogRepository catalog, AccountRepository accounts, UserDirectory users,
            JdbcAuditTrail audit) {
        this(transactions, catalog, accounts, users, audit, java.time.Duration.ofMinutes(5));
    }

    SetupImport(Transactions transactions, CatalogRepository catalog, AccountRepository accounts, UserDirectory users,
            JdbcAuditTrail audit, java.time.Duration wait) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.accounts = accounts;
        this.users = users;
        this.audit = audit;
        this.regions = new JdbcRegions(transactions);
        this.waitMillis = wait.toMillis();
    }

    // ------------------------------------------------------------------ export

    @Override
    public void exportSetup(OutputStream out) {
        try {
            SetupJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, SetupJson.write(current()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the setup document", e);
        }
    }

    /** The whole setup as stored. */
    Setup current() {
        List<Account> all = allAccounts();
        List<UserEntry> people = users.users().stream().map(SetupImport::entry).toList();
        // Every region named is listed, so that the export imports: regions used before regions were kept have none.
        Map<String, Region> byId = new TreeMap<>();
        regions.all().forEach(r -> byId.put(r.id(), r));
        all.forEach(a -> byId.putIfAbsent(a.region(), new Region(a.region(), a.region(), true)));
        people.forEach(u -> u.region().ifPresent(r -> byId.putIfAbsent(r, new Region(r, r, true))));
        QueueSetup q = queues;
        return new Setup(new ArrayList<>(byId.values()), products(), offerings(), all, accounts.allContacts(), people,
                q == null ? List.of() : q.queues(), q == null ? Optional.empty() : Optional.of(q.routingRules()));
    }

    /** For tests: DS sets the field. */
    void queues(QueueSetup queues) {
        this.queues = queues;
    }

    /** Every product with its activation and that of its categories. */
    List<ProductEntry> products() {
        return catalog.products().stream().map(this::entry).toList();
    }

    /** Every support offering with its activation and update cadence. */
    List<OfferingEntry> offerings() {
        return accounts.offerings().stream().map(this::entry).toList();
    }

    ProductEntry entry(Product p) {
        Set<String> inactive = new java.util.HashSet<>();
        p.categories().stream().map(ProblemCategory::id).filter(c -> !catalog.categoryActive(p.id(), c))
                .forEach(inactive::add);
        return new ProductEntry(p, catalog.productActive(p.id()), inactive);
    }

    OfferingEntry entry(SupportOffering o) {
        return new OfferingEntry(o, catalog.offeringActive(o.id()), catalog.updateCadence(o.id()));
    }

    List<Region> regions() {
        return regions.all();
    }

    private List<Account> allAccounts() {
        List<Account> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Account> page = accounts.accounts(new PageRequest(PageRequest.MAX_LIMIT, cursor));
            all.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        return all;
    }

    static UserEntry entry(StoredUser s) {
        var u = s.user();
        return new UserEntry(u.login(), u.displayName(), u.roles(), u.email(), u.region(), u.accounts(), s.active());
    }

    // ------------------------------------------------------------------ import

    @Override
    public ImportResult importSetup(InputStream document, String actor) {
        JsonNode root;
        try {
            root = SetupJson.MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ValidationException(FieldError.of("$", "is not JSON" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the setup document", e);
        }
        SetupJson json = new SetupJson();
        Setup setup = json.read(root);
        return apply(setup, json.errors(), actor);
    }

    /**
     * Checks a document read with {@code readErrors}, then writes what differs from the store.
     *
     * @throws ValidationException naming every wrong entry; nothing was written
     */
    ImportResult apply(Setup doc, List<FieldError> readErrors, String actor) {
        awaitTurn();
        try {
            return applyAlone(doc, readErrors, actor);
        } finally {
            importing.unlock();
        }
    }

    /** Waits for the import before this one (checks and plans against the store must see what it wrote). */
    private void awaitTurn() {
        boolean turn;
        try {
            turn = importing.tryLock(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("Interrupted while waiting for another import to finish; nothing was imported.");
        }
        if (!turn) {
            throw new ConflictException("Another import has been running for more than " + waitMillis / 1000
                    + " s; nothing was imported: send the document again once it has finished.");
        }
    }

    /**
     * Casework's checks of the document's queues and rules. Entries that could not be read are left out of what it
     * checks; the places it names are mapped back to the document's.
     */
    private static List<FieldError> routingErrors(QueueSetup routing, Setup doc) {
        List<Integer> queueAt = new ArrayList<>();
        List<QueueSetup.Queue> queues = new ArrayList<>();
        for (int i = 0; i < doc.queues().size(); i++) {
            if (doc.queues().get(i) != null) {
                queueAt.add(i);
                queues.add(doc.queues().get(i));
            }
        }
        List<Integer> ruleAt = new ArrayList<>();
        Optional<List<QueueSetup.RoutingRule>> rules = doc.routingRules().map(all -> {
            List<QueueSetup.RoutingRule> read = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i) != null) {
                    ruleAt.add(i);
                    read.add(all.get(i));
                }
            }
            return read;
        });
        List<FieldError> errors = new ArrayList<>();
        java.util.regex.Pattern place = java.util.regex.Pattern.compile("^(queues|routingRules)\\[(\\d+)\\](.*)$");
        for (FieldError e : routing.check(queues, rules)) {
            var m = place.matcher(e.field());
            if (m.matches()) {
                List<Integer> at = m.group(1).equals("queues") ? queueAt : ruleAt;
                int i = Integer.parseInt(m.group(2));
                errors.add(FieldError.of(m.group(1) + "[" + (i < at.size() ? at.get(i) : i) + "]" + m.group(3), e.message()));
            } else {
                errors.add(e);
            }
        }
        return errors;
    }

    /** Whether an import waits for its turn now (for tests). */
    boolean importWaiting() {
        return importing.hasQueuedThreads();
    }

    private ImportResult applyAlone(Setup doc, List<FieldError> readErrors, String actor) {
        QueueSetup routing = queues;
        Store store = new Store(doc, routing);
        List<FieldError> errors = new ArrayList<>(readErrors);
        errors.addAll(new SetupChecks(doc, store).errors());
        boolean namesQueues = !doc.queues().isEmpty() || doc.routingRules().isPresent();
        if (namesQueues && routing == null) {
            errors.add(FieldError.of(doc.queues().isEmpty() ? "routingRules" : "queues", "cannot be imported now:"
                    + " casework, which keeps queues and routing rules, is not running (feature casework)"));
        } else if (namesQueues) {
            errors.addAll(routingErrors(routing, doc));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Plan plan = plan(doc, store, routing);
        if (plan.writes.isEmpty()) {
            return plan.result();
        }
        long started = System.nanoTime();
        transactions.inTransaction(tx -> {
            List<AuditChange> changes = new ArrayList<>(plan.writes.size());
            for (Write w : plan.writes) {
                w.action.accept(tx);
                changes.add(AuditChange.of(actor, w.auditAction, w.target, w.before, w.after));
            }
            audit.recordAll(tx, changes);
            return null;
        });
        LOG.info("Setup imported by {}: {} entries written in {} ms", actor, plan.writes.size(),
                (System.nanoTime() - started) / 1_000_000);
        return plan.result();
    }

    // ------------------------------------------------------------------ the store as the document needs it

    /** What the store holds of what the document names. */
    final class Store {
        final Map<String, Region> regions = new HashMap<>();
        final Map<String, ProductEntry> products = new HashMap<>();
        final Map<String, OfferingEntry> offerings = new HashMap<>();
        private final Map<String, Optional<Account>> accountCache = new HashMap<>();
        private final Map<String, Optional<String>> customerNumbers = new HashMap<>();
        private final Map<String, List<Contact>> contactsOf = new HashMap<>();
        private final Map<String, Optional<StoredUser>> userCache = new HashMap<>();
        private List<StoredUser> activeAdministrators;
        private final boolean allAccounts;
        final Map<String, QueueSetup.Queue> queues = new HashMap<>();
        final List<QueueSetup.RoutingRule> routingRules;

        Store(Setup doc, QueueSetup routing) {
            if (routing != null) {
                routing.queues().forEach(q -> queues.put(q.id(), q));
            }
            routingRules = routing == null ? List.of() : routing.routingRules();
            SetupImport.this.regions.all().forEach(r -> regions.put(r.id(), r));
            products().forEach(p -> products.put(p.id(), p));
            offerings().forEach(o -> offerings.put(o.id(), o));
            allAccounts = doc.accounts().size() > READ_ALL_ABOVE || doc.contacts().size() > READ_ALL_ABOVE;
            if (allAccounts) {
                for (Account a : allAccounts()) {
                    accountCache.put(a.number(), Optional.of(a));
                    customerNumbers.put(a.customerNumber(), Optional.of(a.number()));
                }
            }
            if (doc.contacts().size() > READ_ALL_ABOVE) {
                for (Contact c : accounts.allContacts()) {
                    contactsOf.computeIfAbsent(c.login(), k -> new ArrayList<>()).add(c);
                }
                doc.contacts().stream().filter(c -> c != null).forEach(c -> contactsOf.putIfAbsent(c.login(), List.of()));
            }
            if (doc.users().size() > READ_ALL_ABOVE) {
                users.users().forEach(u -> userCache.put(u.user().login(), Optional.of(u)));
                // Demo users are listed only in demo mode; a login the list lacks is read alone (it may be taken).
            }
        }

        Optional<Account> account(String number) {
            return accountCache.computeIfAbsent(number, n -> allAccounts ? Optional.empty() : accounts.account(n));
        }

        /** The number of the stored account with this customer number. */
        Optional<String> customerNumberOwner(String customerNumber) {
            return customerNumbers.computeIfAbsent(customerNumber,
                    cn -> allAccounts ? Optional.empty() : accounts.byCustomerNumber(cn).map(Account::number));
        }

        Optional<Contact> contact(String login, String account) {
            return contactsOf.computeIfAbsent(login, accounts::contactsOf).stream()
                    .filter(c -> c.account().equals(account)).findFirst();
        }

        Optional<StoredUser> user(String login) {
            return userCache.computeIfAbsent(login, users::stored);
        }

        List<StoredUser> activeAdministrators() {
            if (activeAdministrators == null) {
                activeAdministrators = users.withRole(Role.ADMINISTRATOR).stream()
                        .map(u -> new StoredUser(u, true, false)).toList();
            }
            return activeAdministrators;
        }
    }

    // ------------------------------------------------------------------ what to write

    private record Write(String section, boolean created, String auditAction, String target, String before, String after,
            TxAction action) {
    }

    @FunctionalInterface
    private interface TxAction {
        void accept(org.srplatform.spi.store.Transaction tx);
    }

    private static final class Plan {
        final List<Write> writes = new ArrayList<>();
        final Map<String, Integer> unchanged = new LinkedHashMap<>();

        void unchanged(String section) {
            unchanged.merge(section, 1, Integer::sum);
        }

        ImportResult result() {
            Map<String, Integer> created = new LinkedHashMap<>();
            Map<String, Integer> changed = new LinkedHashMap<>();
            for (String s : SetupJson.SECTIONS) {
                created.put(s, 0);
                changed.put(s, 0);
                unchanged.putIfAbsent(s, 0);
            }
            for (Write w : writes) {
                (w.created ? created : changed).merge(w.section, 1, Integer::sum);
            }
            return new ImportResult(created, changed, unchanged);
        }
    }

    private Plan plan(Setup doc, Store store, QueueSetup routing) {
        Plan plan = new Plan();
        for (Region r : doc.regions()) {
            Region before = store.regions.get(r.id());
            add(plan, "regions", "region", "region:" + r.id(), before, r, SetupJson::region, tx -> regions.save(tx, r));
        }
        for (ProductEntry p : doc.products()) {
            ProductEntry before = store.products.get(p.id());
            ProductEntry merged = before == null ? p : merge(p, before);
            add(plan, "products", "product", "product:" + p.id(), before, merged, SetupJson::product,
                    before != null && before.active() != merged.active(), merged.active(), tx -> {
                        catalog.saveProduct(tx, merged.product());
                        if (before == null ? !merged.active() : before.active() != merged.active()) {
                            catalog.setProductActive(tx, p.id(), merged.active());
                        }
                        // Saving keeps the activation of the categories it keeps; a new one is active.
                        for (ProblemCategory c : merged.product().categories()) {
                            boolean was = before == null || before.categoryActive(c.id());
                            if (was != merged.categoryActive(c.id())) {
                                catalog.setCategoryActive(tx, p.id(), c.id(), merged.categoryActive(c.id()));
                            }
                        }
                    });
        }
        for (OfferingEntry o : doc.offerings()) {
            OfferingEntry before = store.offerings.get(o.id());
            add(plan, "offerings", "offering", "offering:" + o.id(), before, o, SetupJson::offering,
                    before != null && before.active() != o.active(), o.active(), tx -> {
                        if (before == null || !before.offering().equals(o.offering())) {
                            accounts.saveOffering(tx, o.offering());
                        }
                        if (before == null ? !o.active() : before.active() != o.active()) {
                            catalog.setOfferingActive(tx, o.id(), o.active());
                        }
                        if (before == null ? !o.cadence().isEmpty() : !before.cadence().equals(o.cadence())) {
                            catalog.saveUpdateCadence(tx, o.id(), o.cadence());
                        }
                    });
        }
        for (Account a : doc.accounts()) {
            Account before = store.account(a.number()).orElse(null);
            Account merged = before == null ? a : new Account(a.number(), a.name(), a.customerNumber(), a.region(),
                    keep(a.contracts(), before.contracts(), SupportContract::id));
            add(plan, "accounts", "account", "account:" + a.number(), before, merged, SetupJson::account,
                    tx -> accounts.saveAccount(tx, merged));
        }
        for (Contact c : doc.contacts()) {
            Contact before = store.contact(c.login(), c.account()).orElse(null);
            add(plan, "contacts", "contact", "contact:" + c.login() + "@" + c.account(), before, c, SetupJson::contact,
                    tx -> accounts.saveContact(tx, c));
        }
        for (UserEntry u : doc.users()) {
            UserEntry before = store.user(u.login()).map(SetupImport::entry).orElse(null);
            NewUser profile = new NewUser(u.login(), u.displayName(), u.roles(), u.email(), u.region(), u.accounts(), true);
            if (u.equals(before)) {
                plan.unchanged("users");
                continue;
            }
            String action = before == null ? "user.created"
                    : before.active() && !u.active() ? "user.deactivated"
                    : !before.active() && u.active() ? "user.activated" : "user.changed";
            boolean profileChanged = before == null || !profile(before).equals(profile);
            plan.writes.add(new Write("users", before == null, action, "user:" + u.login(),
                    before == null ? null : SetupJson.user(before).toString(), SetupJson.user(u).toString(), tx -> {
                        if (before == null) {
                            users.create(tx, profile);
                        } else if (profileChanged) {
                            users.update(tx, profile);
                        }
                        if ((before == null && !u.active()) || (before != null && before.active() != u.active())) {
                            users.setActive(tx, u.login(), u.active());
                        }
                    }));
        }
        // Queues before the rules that name them; the rules are one entry: the document's list replaces them all.
        for (QueueSetup.Queue q : doc.queues()) {
            QueueSetup.Queue before = store.queues.get(q.id());
            add(plan, "queues", "queue", "queue:" + q.id(), before, q, SetupJson::queue,
                    before != null && before.active() != q.active(), q.active(),
                    tx -> routing.save(tx, List.of(q), Optional.empty()));
        }
        doc.routingRules().ifPresent(rules -> {
            if (rules.equals(store.routingRules)) {
                plan.unchanged("routingRules");
            } else {
                plan.writes.add(new Write("routingRules", false, "routing-rules.changed", "routing-rules",
                        SetupJson.routingRules(store.routingRules).toString(), SetupJson.routingRules(rules).toString(),
                        tx -> routing.save(tx, List.of(), Optional.of(rules))));
            }
        });
        return plan;
    }

    /**
     * The document's product over the stored one: the categories it leaves out are kept (SRs name them), with
     * their activation.
     */
    static ProductEntry merge(ProductEntry named, ProductEntry stored) {
        Product p = named.product();
        List<ProblemCategory> categories = keep(p.categories(), stored.product().categories(), ProblemCategory::id);
        Set<String> inactive = new java.util.HashSet<>(named.inactiveCategories());
        Set<String> namedIds = new java.util.HashSet<>();
        p.categories().forEach(c -> namedIds.add(c.id()));
        stored.inactiveCategories().stream().filter(c -> !namedIds.contains(c)).forEach(inactive::add);
        return new ProductEntry(new Product(p.id(), p.name(), p.supportHours(), categories), named.active(), inactive);
    }

    private static NewUser profile(UserEntry u) {
        return new NewUser(u.login(), u.displayName(), u.roles(), u.email(), u.region(), u.accounts(), true);
    }

    private static <T> void add(Plan plan, String section, String kind, String target, T before, T after,
            Function<T, com.fasterxml.jackson.databind.node.ObjectNode> json, TxAction write) {
        add(plan, section, kind, target, before, after, json, false, true, write);
    }

    /**
     * @param switched whether the entry's activation changes ({@code kind.deactivated}, {@code kind.activated} rather
     *                 than {@code kind.changed})
     */
    private static <T> void add(Plan plan, String section, String kind, String target, T before, T after,
            Function<T, com.fasterxml.jackson.databind.node.ObjectNode> json, boolean switched, boolean active,
            TxAction write) {
        if (after.equals(before)) {
            plan.unchanged(section);
            return;
        }
        String action = before == null ? ".created" : !switched ? ".changed" : active ? ".activated" : ".deactivated";
        plan.writes.add(new Write(section, before == null, kind + action, target,
                before == null ? null : json.apply(before).toString(), json.apply(after).toString(), write));
    }

    /** The document's items, then the stored ones it does not name (never deleted: history refers to them). */
    static <T> List<T> keep(List<T> named, List<T> stored, Function<T, String> key) {
        Set<String> keys = new java.util.HashSet<>();
        named.forEach(t -> keys.add(key.apply(t)));
        List<T> out = new ArrayList<>(named);
        stored.stream().filter(t -> !keys.contains(key.apply(t))).forEach(out::add);
        return out;
    }
}
