package org.srplatform.admin.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.security.Role;

/**
 * The setup document, read: each section's entries in the document's order. An entry that could not be read is
 * {@code null} in its place, so that the entries after it keep their place in the document for the messages.
 */
record Setup(List<Region> regions, List<Product> products, List<SupportOffering> offerings, List<Account> accounts,
        List<Contact> contacts, List<UserEntry> users) {

    /** The document's format, written by the export and checked by the import. */
    static final String FORMAT = "sr-platform-setup/1";

    Setup {
        regions = nullable(regions);
        products = nullable(products);
        offerings = nullable(offerings);
        accounts = nullable(accounts);
        contacts = nullable(contacts);
        users = nullable(users);
    }

    static Setup empty() {
        return new Setup(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static <T> List<T> nullable(List<T> list) {
        return list == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** A region of escalation: accounts belong to one, regional escalation managers cover one. */
    record Region(String id, String name, boolean active) {
        Region {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A user as the document holds them: no password, ever. */
    record UserEntry(String login, String displayName, Set<Role> roles, Optional<String> email, Optional<String> region,
            Set<String> accounts, boolean active) {
        UserEntry {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(displayName, "displayName");
            roles = Set.copyOf(roles);
            email = email == null ? Optional.empty() : email;
            region = region == null ? Optional.empty() : region;
            accounts = Set.copyOf(accounts);
        }
    }
}
