package org.srplatform.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.srplatform.api.account.Account;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.security.User;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.security.NewUser;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Transaction;

class DemoDataTest {

    private final FakeUserDirectory users = new FakeUserDirectory();
    private final FakeCatalog catalog = new FakeCatalog();
    private final FakeAccounts accounts = new FakeAccounts();

    @Test
    void demoUsersGetTheirNamesAsPasswordsAndASecondStartKeepsThem() {
        new DemoData(catalog, accounts, users);
        assertEquals(DemoData.USERS.size(), users.passwords.size());
        users.passwords.forEach((login, password) -> assertEquals(login, password));

        users.passwords.put("rem1", "changed by rem1");
        DemoData.load(catalog, accounts, users, Clock.systemUTC());
        assertEquals("changed by rem1", users.passwords.get("rem1"));
    }

    @Test
    void aFirstStartStoresTheWholeDemoCatalogAndItsAccounts() {
        DemoData.load(catalog, accounts, users, Clock.systemUTC());
        assertEquals(DemoCatalog.products().size(), catalog.products.size());
        assertEquals(DemoCatalog.articles(Instant.EPOCH).size(), catalog.articles.size());
        assertEquals(DemoCatalog.offerings().size(), accounts.offerings.size());
        assertEquals(List.of("1001", "2002"), List.copyOf(accounts.accounts.keySet()));
        assertEquals(2, accounts.contacts.size());
    }

    /** A restart on data a demo start made commits nothing on the start-up path, a day or a year later. */
    @Test
    void aSecondStartWritesNothingWhenTheDemoDataIsInPlace() {
        Clock first = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
        DemoData.load(catalog, accounts, users, first);
        catalog.writes.clear();
        accounts.writes.clear();

        DemoData.load(catalog, accounts, users, Clock.offset(first, java.time.Duration.ofDays(1)));
        assertEquals(List.of(), catalog.writes);
        assertEquals(List.of(), accounts.writes);
        assertEquals(Instant.parse("2026-03-02T08:00:00Z"), catalog.articles.get("KB1001").updatedAt(),
                "an unchanged article keeps the time it was first stored");
    }

    @Test
    void whatDiffersFromTheDemoIsWrittenBackAndNothingElse() {
        Clock first = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
        DemoData.load(catalog, accounts, users, first);
        KnowledgeArticle kb = catalog.articles.get("KB2002");
        catalog.articles.put(kb.id(), new KnowledgeArticle(kb.id(), kb.product(), kb.category(), "edited", kb.summary(),
                kb.body(), kb.url(), kb.tags(), kb.updatedAt()));
        catalog.writes.clear();
        accounts.writes.clear();

        // A year on, the contracts' last day moves with the clock, as on every demo start before.
        DemoData.load(catalog, accounts, users, Clock.offset(first, java.time.Duration.ofDays(366)));
        assertEquals(List.of("article KB2002"), catalog.writes);
        assertEquals(List.of("account 1001", "account 2002"), accounts.writes);
        assertEquals(DemoCatalog.articles(Instant.EPOCH).stream().filter(a -> a.id().equals("KB2002")).findFirst()
                .orElseThrow().title(), catalog.articles.get("KB2002").title());
    }

    /** The directory takes short passwords only by the demo's rule, shipped in etc/org.srplatform.demo.cfg. */
    @Test
    void everyDemoPasswordMeetsTheDemoRuleOfTheDistribution() throws Exception {
        Properties demo = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("../sr-dist/src/dist/etc/org.srplatform.demo.cfg"))) {
            demo.load(in);
        }
        int minimum = Integer.parseInt(demo.getProperty("demo.password.min.length").strip());
        DemoData.USERS.forEach(u -> assertTrue(u.login().length() >= minimum, u.login()));
    }

    /** The catalog as the store keeps it: saves replace, reads return what was saved. */
    private static final class FakeCatalog implements CatalogRepository {
        final Map<String, Product> products = new LinkedHashMap<>();
        final Map<String, KnowledgeArticle> articles = new LinkedHashMap<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public List<Product> products() {
            return List.copyOf(products.values());
        }

        @Override
        public Optional<Product> product(String id) {
            return Optional.ofNullable(products.get(id));
        }

        @Override
        public void saveProduct(Product product) {
            products.put(product.id(), product);
            writes.add("product " + product.id());
        }

        @Override
        public List<KnowledgeArticle> articles(String product) {
            return articles.values().stream().filter(a -> a.product().equals(product)).toList();
        }

        @Override
        public Optional<KnowledgeArticle> article(String id) {
            return Optional.ofNullable(articles.get(id));
        }

        @Override
        public void saveArticle(KnowledgeArticle article) {
            articles.put(article.id(), article);
            writes.add("article " + article.id());
        }
    }

    /** Accounts, offerings and contacts as the store keeps them. */
    private static final class FakeAccounts implements AccountRepository {
        final Map<String, Account> accounts = new LinkedHashMap<>();
        final Map<String, SupportOffering> offerings = new LinkedHashMap<>();
        final List<Contact> contacts = new ArrayList<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public Optional<Account> account(String number) {
            return Optional.ofNullable(accounts.get(number));
        }

        @Override
        public Optional<Account> byCustomerNumber(String customerNumber) {
            return accounts.values().stream().filter(a -> a.customerNumber().equals(customerNumber)).findFirst();
        }

        @Override
        public Page<Account> accounts(PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveAccount(Account account) {
            accounts.put(account.number(), account);
            writes.add("account " + account.number());
        }

        @Override
        public Optional<SupportOffering> offering(String id) {
            return Optional.ofNullable(offerings.get(id));
        }

        @Override
        public List<SupportOffering> offerings() {
            return List.copyOf(offerings.values());
        }

        @Override
        public void saveOffering(SupportOffering offering) {
            offerings.put(offering.id(), offering);
            writes.add("offering " + offering.id());
        }

        @Override
        public List<Contact> contacts(String account) {
            return contacts.stream().filter(c -> c.account().equals(account)).toList();
        }

        @Override
        public List<Contact> contactsOf(String login) {
            return contacts.stream().filter(c -> c.login().equals(login)).toList();
        }

        @Override
        public void saveContact(Contact contact) {
            contacts.removeIf(c -> c.login().equals(contact.login()) && c.account().equals(contact.account()));
            contacts.add(contact);
            writes.add("contact " + contact.login());
        }

        @Override
        public boolean useIncident(Transaction tx, String account, String contractId) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class FakeUserDirectory implements UserDirectory {
        final Map<String, String> passwords = new HashMap<>();
        private final Map<String, User> created = new HashMap<>();

        @Override
        public Optional<User> authenticate(String login, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<User> find(String login) {
            return Optional.ofNullable(created.get(login));
        }

        @Override
        public java.util.List<User> withRole(org.srplatform.api.security.Role role) {
            return created.values().stream().filter(u -> u.has(role)).sorted(java.util.Comparator.comparing(User::login)).toList();
        }

        @Override
        public User create(NewUser user, char[] password) {
            User u = new User(user.login(), user.displayName(), user.roles(), user.email(), user.region(), user.accounts(),
                    user.mustChangePassword());
            created.put(u.login(), u);
            passwords.put(u.login(), new String(password));
            return u;
        }

        @Override
        public void changePassword(String login, char[] newPassword) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            return passwords.size();
        }
    }
}
