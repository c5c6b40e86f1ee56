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
import org.srplatform.spi.admin.QueueSetup.Queue;
import org.srplatform.spi.admin.QueueSetup.RoutingRule;
import org.srplatform.spi.catalog.UpdateCadence;

/**
 * The setup document, read: each section's entries in the document's order. An entry that could not be read is
 * {@code null} in its place, so that the entries after it keep their place in the document for the messages.
 *
 * @param routingRules the rules that replace every routing rule, in order, if the document has the section (an empty
 *                     section removes them all); empty: the rules are kept
 */
record Setup(List<Region> regions, List<ProductEntry> products, List<OfferingEntry> offerings, List<Account> accounts,
        List<Contact> contacts, List<UserEntry> users, List<Queue> queues, Optional<List<RoutingRule>> routingRules) {

    /** The document's format, written by the export and checked by the import. */
    static final String FORMAT = "sr-platform-setup/1";

    Setup {
        regions = nullable(regions);
        products = nullable(products);
        offerings = nullable(offerings);
        accounts = nullable(accounts);
        contacts = nullable(contacts);
        users = nullable(users);
        queues = nullable(queues);
        routingRules = routingRules == null ? Optional.empty() : routingRules.map(Setup::nullable);
    }

    static Setup empty() {
        return new Setup(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty());
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

    /**
     * A product as the document holds it: with its activation and its deactivated categories (deactivated, never
     * deleted: SRs name them).
     */
    record ProductEntry(Product product, boolean active, Set<String> inactiveCategories) {
        ProductEntry {
            Objects.requireNonNull(product, "product");
            inactiveCategories = Set.copyOf(inactiveCategories);
        }

        String id() {
            return product.id();
        }

        boolean categoryActive(String category) {
            return !inactiveCategories.contains(category);
        }
    }

    /** A support offering as the document holds it: with its activation and the update cadence it promises. */
    record OfferingEntry(SupportOffering offering, boolean active, UpdateCadence cadence) {
        OfferingEntry {
            Objects.requireNonNull(offering, "offering");
            Objects.requireNonNull(cadence, "cadence");
        }

        String id() {
            return offering.id();
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
