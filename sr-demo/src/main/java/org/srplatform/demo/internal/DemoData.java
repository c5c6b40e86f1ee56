package org.srplatform.demo.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.account.Account;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.api.account.Contact;
import org.srplatform.api.account.ContractType;
import org.srplatform.api.account.SupportContract;
import org.srplatform.api.account.SupportOffering;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.Product;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.api.request.ContactMethod;
import org.srplatform.spi.security.NewUser;
import org.srplatform.api.security.Role;
import org.srplatform.spi.security.UserDirectory;

/**
 * Loads the demo data of API.md when the platform runs with {@code --demo}: the component is satisfied
 * only while the platform's configuration says {@code demo = true} ({@link DemoMode}), and never
 * runs otherwise. Its users are demo users (the store marks every user created in demo mode) and cannot
 * sign in outside demo mode, so a normal start on the same data does not open to their known passwords;
 * that start gives the operator an administrator of their own. Loading is idempotent, so a second demo
 * start keeps what the first stored.
 */
@Component(immediate = true, property = DemoMode.SATISFIED_IN_DEMO_MODE)
public final class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    record DemoUser(String login, String name, Role role, Optional<String> email, Optional<String> region, Set<String> accounts) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("customer1", "Casey Customer (Acme)", Role.CUSTOMER, Optional.of("customer1@acme.example"), Optional.empty(), Set.of("1001")),
            new DemoUser("customer2", "Chris Customer (Globex)", Role.CUSTOMER, Optional.of("customer2@globex.example"), Optional.empty(), Set.of("2002")),
            new DemoUser("engineer1", "Erin Engineer", Role.SUPPORT_ENGINEER, Optional.of("engineer1@vendor.example"), Optional.empty(), Set.of()),
            new DemoUser("duty1", "Dana Duty Manager", Role.DUTY_MANAGER, Optional.of("duty1@vendor.example"), Optional.empty(), Set.of()),
            new DemoUser("rem1", "Robin Regional Escalation Manager", Role.REGIONAL_ESCALATION_MANAGER, Optional.of("rem1@vendor.example"), Optional.of("APJ"), Set.of()),
            new DemoUser("escalation1", "Sam Senior Escalation Engineer", Role.ESCALATION_ENGINEER, Optional.of("escalation1@vendor.example"), Optional.empty(), Set.of()),
            new DemoUser("admin1", "Alex Administrator", Role.ADMINISTRATOR, Optional.of("admin1@vendor.example"), Optional.empty(), Set.of()));

    @Activate
    public DemoData(@Reference CatalogRepository catalog, @Reference AccountRepository accounts,
            @Reference UserDirectory users) {
        load(catalog, accounts, users, Clock.systemUTC());
    }

    /**
     * Stores what the demo needs and the store lacks or holds otherwise. A restart on data a demo start
     * made finds everything in place and writes nothing: each write is a durable commit on the start-up
     * path and, for an article, a re-index, so comparing first keeps a restart's work to a few reads.
     * An article's update time is not compared (it is the time of the first load).
     */
    static void load(CatalogRepository catalog, AccountRepository accounts, UserDirectory users, Clock clock) {
        int saved = 0;
        Map<String, SupportOffering> offerings = byKey(accounts.offerings(), SupportOffering::id);
        for (SupportOffering o : DemoCatalog.offerings()) {
            if (!o.equals(offerings.get(o.id()))) {
                accounts.saveOffering(o);
                saved++;
            }
        }
        Map<String, Product> products = byKey(catalog.products(), Product::id);
        for (Product p : DemoCatalog.products()) {
            if (!p.equals(products.get(p.id()))) {
                catalog.saveProduct(p);
                saved++;
            }
            Map<String, KnowledgeArticle> articles = byKey(catalog.articles(p.id()), KnowledgeArticle::id);
            for (KnowledgeArticle a : DemoCatalog.articles(clock.instant())) {
                if (a.product().equals(p.id()) && !sameContent(a, articles.get(a.id()))) {
                    catalog.saveArticle(a);
                    saved++;
                }
            }
        }

        LocalDate from = LocalDate.of(2025, 1, 1);
        LocalDate until = LocalDate.now(clock).plusYears(1).withMonth(12).withDayOfMonth(31);
        List<Account> wantedAccounts = List.of(
                new Account("1001", "Acme Corp", "C1001", "APJ", List.of(
                        new SupportContract("datacenter", "production", ContractType.SUBSCRIPTION, from, until, 0),
                        new SupportContract("workstation", "production", ContractType.SUBSCRIPTION, from, until, 0))),
                new Account("2002", "Globex Ltd", "C2002", "EMEA", List.of(
                        new SupportContract("workstation", "basic", ContractType.SUBSCRIPTION, from, until, 0))));
        for (Account a : wantedAccounts) {
            if (!accounts.account(a.number()).equals(Optional.of(a))) {
                accounts.saveAccount(a);
                saved++;
            }
        }
        for (Contact c : List.of(
                new Contact("customer1", "1001", "Casey Customer", "customer1@acme.example",
                        Optional.of("+1 650 555 0100"), ContactMethod.EMAIL),
                new Contact("customer2", "2002", "Chris Customer", "customer2@globex.example",
                        Optional.of("+44 20 7946 0200"), ContactMethod.EMAIL, "zh-CN"))) { // mail in Chinese
            if (!accounts.contacts(c.account()).contains(c)) {
                accounts.saveContact(c);
                saved++;
            }
        }

        int created = 0;
        for (DemoUser u : USERS) {
            if (users.find(u.login()).isEmpty()) {
                // Demo passwords equal the user name (API.md); the user directory accepts names this short
                // only in demo mode, by demo.password.min.length of etc/org.srplatform.demo.cfg.
                users.create(new NewUser(u.login(), u.name(), Set.of(u.role()), u.email(), u.region(), u.accounts(), false),
                        u.login().toCharArray());
                created++;
            }
        }
        LOG.info("Demo mode: demo catalog, accounts 1001 and 2002, and {} demo users ready ({} records written, {} users"
                + " new); passwords equal the user names", USERS.size(), saved, created);
    }

    private static boolean sameContent(KnowledgeArticle wanted, KnowledgeArticle stored) {
        return stored != null && wanted.equals(new KnowledgeArticle(stored.id(), stored.product(), stored.category(),
                stored.title(), stored.summary(), stored.body(), stored.url(), stored.tags(), wanted.updatedAt()));
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a));
    }
}
