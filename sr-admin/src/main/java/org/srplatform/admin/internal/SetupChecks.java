package org.srplatform.admin.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.srplatform.admin.internal.Setup.Region;
import org.srplatform.admin.internal.Setup.UserEntry;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.security.Role;
import org.srplatform.spi.security.StoredUser;

/**
 * The checks of a setup document that need the whole document and the store: keys named twice, references to
 * regions, products, offerings and accounts that neither holds, a customer number another account has, the last
 * administrator deactivated. Each error names the entry by its place in the document.
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
        Set<String> products = new HashSet<>(store.products.keySet());
        unique(doc.products(), "products", "id", Product::id).forEach(p -> products.add(p.id()));
        Set<String> offerings = new HashSet<>(store.offerings.keySet());
        unique(doc.offerings(), "offerings", "id", o -> o.id()).forEach(o -> offerings.add(o.id()));
        Set<String> documentAccounts = new HashSet<>();
        unique(doc.accounts(), "accounts", "number", Account::number).forEach(a -> documentAccounts.add(a.number()));
        Map<String, String> customerNumbers = new HashMap<>();

        for (int i = 0; i < doc.accounts().size(); i++) {
            Account a = doc.accounts().get(i);
            if (a == null) {
                continue;
            }
            String path = "accounts[" + i + "]";
            region(regions, a.region(), path + ".region");
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
                if (!products.contains(contract.product())) {
                    errors.add(FieldError.of(cp + ".product", "is no product of the store or this document: "
                            + contract.product()));
                }
                if (!offerings.contains(contract.offering())) {
                    errors.add(FieldError.of(cp + ".offering", "is no support offering of the store or this document: "
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
            u.region().ifPresent(r -> region(regions, r, path + ".region"));
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
        return errors;
    }

    private void region(Map<String, Region> regions, String id, String path) {
        Region r = regions.get(id);
        if (r == null) {
            errors.add(FieldError.of(path, "is no region of the store or this document: " + id));
        } else if (!r.active()) {
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
