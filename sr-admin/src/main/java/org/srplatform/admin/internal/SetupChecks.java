package org.srplatform.admin.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.srplatform.admin.internal.Setup.OfferingEntry;
import org.srplatform.admin.internal.Setup.ProductEntry;
import org.srplatform.admin.internal.Setup.Region;
import org.srplatform.admin.internal.Setup.UserEntry;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.security.Role;
import org.srplatform.spi.admin.QueueSetup;
import org.srplatform.spi.security.StoredUser;

/**
 * The checks of a setup document that need the whole document and the store: keys named twice, references to
 * regions, products, offerings and accounts that neither holds, a customer number another account has, the last
 * administrator deactivated. Each error names the entry by its place in the document.
 * <p>
 * A deactivated region, product or offering takes nothing new: an account or user put in such a region, a contract
 * made or changed under such a product or offering is refused. What the store already holds so is left alone, so
 * that an export imports back as it is.
 */
final class SetupChecks {
    private final Setup doc;
    private final SetupImport.Store store;
    private final List<FieldError> errors = new ArrayList<>();

    SetupChecks(Setup doc, SetupImport.Store store) {
        this.doc = doc;
        this.store = store;
    }

    List<FieldError> errors() {
        Map<String, Region> regions = new HashMap<>(store.regions);
        unique(doc.regions(), "regions", "id", Region::id).forEach(r -> regions.put(r.id(), r));
        // id -> active, the document's word over the store's
        Map<String, Boolean> products = new HashMap<>();
        store.products.values().forEach(p -> products.put(p.id(), p.active()));
        unique(doc.products(), "products", "id", ProductEntry::id).forEach(p -> products.put(p.id(), p.active()));
        Map<String, Boolean> offerings = new HashMap<>();
        store.offerings.values().forEach(o -> offerings.put(o.id(), o.active()));
        unique(doc.offerings(), "offerings", "id", OfferingEntry::id).forEach(o -> offerings.put(o.id(), o.active()));
        Set<String> documentAccounts = new HashSet<>();
        unique(doc.accounts(), "accounts", "number", Account::number).forEach(a -> documentAccounts.add(a.number()));
        Map<String, String> customerNumbers = new HashMap<>();

        for (int i = 0; i < doc.accounts().size(); i++) {
            Account a = doc.accounts().get(i);
            if (a == null) {
                continue;
            }
            String path = "accounts[" + i + "]";
            Optional<Account> stored = store.account(a.number());
            region(regions, a.region(), path + ".region", stored.map(s -> s.region().equals(a.region())).orElse(false));
            String other = customerNumbers.putIfAbsent(a.customerNumber(), a.number());
            if (other != null && !other.equals(a.number())) {
                errors.add(FieldError.of(path + ".customerNumber", "is the customer number of account " + other
                        + " in this document too"));
            } else {
                Optional<String> owner = store.customerNumberOwner(a.customerNumber());
                if (owner.isPresent() && !owner.get().equals(a.number()) && !documentAccounts.contains(owner.get())) {
                    errors.add(FieldError.of(path + ".customerNumber", "is the customer number of account " + owner.get()));
                }
            }
            for (int c = 0; c < a.contracts().size(); c++) {
                SupportContract contract = a.contracts().get(c);
                String cp = path + ".contracts[" + c + "]";
                boolean kept = stored.map(s -> s.contracts().contains(contract)).orElse(false);
                Boolean product = products.get(contract.product());
                if (product == null) {
                    errors.add(FieldError.of(cp + ".product", "is no product of the store or this document: "
                            + contract.product()));
                } else if (!product && !kept) {
                    errors.add(FieldError.of(cp + ".product", "is a deactivated product: " + contract.product()));
                }
                Boolean offering = offerings.get(contract.offering());
                if (offering == null) {
                    errors.add(FieldError.of(cp + ".offering", "is no support offering of the store or this document: "
                            + contract.offering()));
                } else if (!offering && !kept) {
                    errors.add(FieldError.of(cp + ".offering", "is a deactivated support offering: "
                            + contract.offering()));
                }
            }
        }

        Set<String> contacts = new HashSet<>();
        for (int i = 0; i < doc.contacts().size(); i++) {
            Contact c = doc.contacts().get(i);
            if (c == null) {
                continue;
            }
            String path = "contacts[" + i + "]";
            if (!contacts.add(c.login() + "\u0000" + c.account())) {
                errors.add(FieldError.of(path, "names the contact " + c.login() + " of account " + c.account() + " twice"));
            }
            account(documentAccounts, c.account(), path + ".account");
        }

        Set<String> logins = new HashSet<>();
        Set<String> administrators = new HashSet<>();
        store.activeAdministrators().stream().map(StoredUser::user).forEach(u -> administrators.add(u.login()));
        boolean hadAdministrator = !administrators.isEmpty();
        String lastAdministratorPath = null;
        for (int i = 0; i < doc.users().size(); i++) {
            UserEntry u = doc.users().get(i);
            if (u == null) {
                continue;
            }
            String path = "users[" + i + "]";
            if (!logins.add(u.login())) {
                errors.add(FieldError.of(path + ".login", "names another user of this document too"));
            }
            boolean sameRegion = store.user(u.login()).map(s -> s.user().region().equals(u.region())).orElse(false);
            u.region().ifPresent(r -> region(regions, r, path + ".region", sameRegion));
            int a = 0;
            for (String number : u.accounts()) {
                account(documentAccounts, number, path + ".accounts[" + a++ + "]");
            }
            if (u.active() && u.roles().contains(Role.ADMINISTRATOR)) {
                administrators.add(u.login());
            } else if (administrators.remove(u.login())) {
                lastAdministratorPath = path + (u.active() ? ".roles" : ".active");
            }
        }
        if (hadAdministrator && administrators.isEmpty() && lastAdministratorPath != null) {
            errors.add(FieldError.of(lastAdministratorPath, "would leave no active administrator"));
        }

        // Queues and routing rules: casework checks their own rules; here what they name of the rest.
        unique(doc.queues(), "queues", "id", q -> q.id());
        List<QueueSetup.RoutingRule> rules = doc.routingRules().orElse(List.of());
        for (int i = 0; i < rules.size(); i++) {
            QueueSetup.RoutingRule r = rules.get(i);
            if (r == null) {
                continue;
            }
            String path = "routingRules[" + i + "]";
            r.product().filter(p -> !products.containsKey(p)).ifPresent(p -> errors.add(FieldError.of(path + ".product",
                    "is no product of the store or this document: " + p)));
            r.region().filter(g -> !regions.containsKey(g)).ifPresent(g -> errors.add(FieldError.of(path + ".region",
                    "is no region of the store or this document: " + g)));
        }
        return errors;
    }

    /** @param kept whether the store has the entry in this region already (a deactivated region keeps what it has) */
    private void region(Map<String, Region> regions, String id, String path, boolean kept) {
        Region r = regions.get(id);
        if (r == null) {
            errors.add(FieldError.of(path, "is no region of the store or this document: " + id));
        } else if (!r.active() && !kept) {
            errors.add(FieldError.of(path, "is a deactivated region: " + id));
        }
    }

    private void account(Set<String> documentAccounts, String number, String path) {
        if (!documentAccounts.contains(number) && store.account(number).isEmpty()) {
            errors.add(FieldError.of(path, "is no account of the store or this document: " + number));
        }
    }

    /** The entries of a section whose key is unique; an error for each repeat. */
    private <T> List<T> unique(List<T> entries, String section, String field, java.util.function.Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        List<T> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            T t = entries.get(i);
            if (t == null) {
                continue;
            }
            if (seen.add(key.apply(t))) {
                out.add(t);
            } else {
                errors.add(FieldError.of(section + "[" + i + "]." + field, "names another entry of " + section
                        + " too: " + key.apply(t)));
            }
        }
        return out;
    }
}
