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
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.admin.internal.Setup.Region;
import org.srplatform.admin.internal.Setup.UserEntry;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.ProblemCategory;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.security.Role;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.admin.ImportResult;
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
 * Not part of the {@code administration} feature: the demo loads its data through it, whatever the switches say.
 */
@Component(service = {SetupTransfer.class, SetupImport.class})
public final class SetupImport implements SetupTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(SetupImport.class);
    /** Above this many entries of a section, the store's entries are read all at once instead of one by one. */
    private static final int READ_ALL_ABOVE = 200;

    private final Transactions transactions;
    private final CatalogRepository catalog;
    private final AccountRepository accounts;
    private final UserDirectory users;
    private final JdbcAuditTrail audit;
    private final JdbcRegions regions;

    @Activate
    public SetupImport(@Reference Transactions transactions, @Reference CatalogRepository catalog,
            @Reference AccountRepository accounts, @Reference UserDirectory users, @Reference JdbcAuditTrail audit) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.accounts = accounts;
        this.users = users;
        this.audit = audit;
        this.regions = new JdbcRegions(transactions);
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
        return new Setup(new ArrayList<>(byId.values()), catalog.products(), accounts.offerings(), all,
                accounts.allContacts(), people);
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
        Store store = new Store(doc);
        List<FieldError> errors = new ArrayList<>(readErrors);
        errors.addAll(new SetupChecks(doc, store).errors());
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Plan plan = plan(doc, store);
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
        final Map<String, Product> products = new HashMap<>();
        final Map<String, SupportOffering> offerings = new HashMap<>();
        private final Map<String, Optional<Account>> accountCache = new HashMap<>();
        private final Map<String, Optional<String>> customerNumbers = new HashMap<>();
        private final Map<String, List<Contact>> contactsOf = new HashMap<>();
        private final Map<String, Optional<StoredUser>> userCache = new HashMap<>();
        private List<StoredUser> activeAdministrators;
        private final boolean allAccounts;

        Store(Setup doc) {
            SetupImport.this.regions.all().forEach(r -> regions.put(r.id(), r));
            catalog.products().forEach(p -> products.put(p.id(), p));
            accounts.offerings().forEach(o -> offerings.put(o.id(), o));
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

    private Plan plan(Setup doc, Store store) {
        Plan plan = new Plan();
        for (Region r : doc.regions()) {
            Region before = store.regions.get(r.id());
            add(plan, "regions", "region", "region:" + r.id(), before, r, SetupJson::region, tx -> regions.save(tx, r));
        }
        for (Product p : doc.products()) {
            Product before = store.products.get(p.id());
            Product merged = before == null ? p : new Product(p.id(), p.name(), p.supportHours(),
                    keep(p.categories(), before.categories(), ProblemCategory::id));
            add(plan, "products", "product", "product:" + p.id(), before, merged, SetupJson::product,
                    tx -> catalog.saveProduct(tx, merged));
        }
        for (SupportOffering o : doc.offerings()) {
            SupportOffering before = store.offerings.get(o.id());
            add(plan, "offerings", "offering", "offering:" + o.id(), before, o, SetupJson::offering,
                    tx -> accounts.saveOffering(tx, o));
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
        return plan;
    }

    private static NewUser profile(UserEntry u) {
        return new NewUser(u.login(), u.displayName(), u.roles(), u.email(), u.region(), u.accounts(), true);
    }

    private static <T> void add(Plan plan, String section, String kind, String target, T before, T after,
            Function<T, com.fasterxml.jackson.databind.node.ObjectNode> json, TxAction write) {
        if (after.equals(before)) {
            plan.unchanged(section);
            return;
        }
        plan.writes.add(new Write(section, before == null, kind + (before == null ? ".created" : ".changed"), target,
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
