package org.srplatform.demo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.spi.admin.ImportResult;
import org.srplatform.spi.admin.SetupTransfer;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.health.HealthCheck;
import org.srplatform.spi.health.HealthIndicator;
import org.srplatform.spi.security.UserDirectory;

/**
 * Loads the demo data of API.md when the platform runs with {@code --demo}: the component is satisfied
 * only while the platform's configuration says {@code demo = true} ({@link DemoMode}), and never
 * runs otherwise. The catalog, offerings, accounts, contacts and users are the setup document
 * {@value #SETUP}, imported through the administration's import (so the demo is an example of such a file, and is
 * checked and audited as any import); the knowledge articles are stored beside it.
 * <p>
 * Its users are demo users (the store marks every user created in demo mode) and cannot sign in outside demo mode,
 * so a normal start on the same data does not open to their known passwords; that start gives the operator an
 * administrator of their own. The import creates users without a password; the demo gives each user it created the
 * user's name as password. Loading is idempotent: a second demo start writes nothing and keeps changed passwords.
 */
@Component(immediate = true, service = HealthIndicator.class, property = DemoMode.SATISFIED_IN_DEMO_MODE)
public final class DemoData implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    /** The demo's setup document, beside this class. */
    static final String SETUP = "demo-setup.json";
    /** The demo users' passwords, hashed at build time, beside this class. */
    static final String PASSWORDS = "demo-passwords.properties";
    /** The audit entries' actor. */
    static final String ACTOR = "demo";

    /** The demo users of API.md, as the setup document holds them. */
    static final List<String> LOGINS = List.of("customer1", "customer2", "engineer1", "duty1", "rem1", "escalation1",
            "admin1");

    static final String HEALTH_CHECK = "demo";

    /** Loads the demo beside the rest of the start; its stop waits for a load under way. */
    private final ExecutorService loading = Executors.newSingleThreadExecutor(r -> new Thread(r, "sr-demo-data"));
    private volatile HealthCheck state;

    /**
     * Loads the demo beside the rest of the start (the REST applications are built meanwhile). On a first demo start
     * health check {@value #HEALTH_CHECK} says STARTING until the demo users exist, so the platform is ready only with
     * them; on a later start (every demo user there) the load only puts back what was changed since, and the check is
     * UP from the beginning.
     */
    @Activate
    public DemoData(@Reference SetupTransfer setup, @Reference CatalogRepository catalog, @Reference UserDirectory users) {
        boolean first = LOGINS.stream().anyMatch(l -> users.find(l).isEmpty());
        state = first ? HealthCheck.starting("loading the demo data and its users") : HealthCheck.up();
        loading.execute(() -> {
            try {
                load(setup, catalog, users, Clock.systemUTC());
                state = HealthCheck.up();
            } catch (RuntimeException e) {
                LOG.error("Demo mode: the demo data could not be loaded", e);
                state = first ? HealthCheck.down("the demo data could not be loaded; the log says why") : HealthCheck.up();
            }
        });
        loading.shutdown();
    }

    @Override
    public String name() {
        return HEALTH_CHECK;
    }

    @Override
    public HealthCheck check() {
        return state;
    }

    /** A load under way ends first: it uses the store, which may stop next. */
    @Deactivate
    void stop() throws InterruptedException {
        if (!loading.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("Demo mode: the demo data load did not end within 30 s of the stop");
        }
    }

    static void load(SetupTransfer setup, CatalogRepository catalog, UserDirectory users, Clock clock) {
        List<String> newUsers = LOGINS.stream().filter(l -> users.find(l).isEmpty()).toList();
        ImportResult imported;
        try (InputStream in = DemoData.class.getResourceAsStream(SETUP)) {
            if (in == null) {
                throw new IllegalStateException("the demo bundle lacks " + SETUP);
            }
            imported = setup.importSetup(in, ACTOR);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SETUP, e);
        }
        // Demo passwords equal the user name (API.md). They are public, so they come hashed from the build
        // ({@value #PASSWORDS}): a first start spends no second of deliberately slow hashing on them. A directory
        // without that ability hashes them here; it accepts names this short only for demo users in demo mode, by
        // demo.password.min.length of etc/org.srplatform.demo.cfg.
        Properties hashed = passwords();
        for (String login : newUsers) {
            String hash = hashed.getProperty(login);
            try {
                if (hash == null) {
                    throw new UnsupportedOperationException("no hash for " + login);
                }
                users.presetDemoPassword(login, hash);
            } catch (UnsupportedOperationException e) {
                users.changePassword(login, login.toCharArray());
            }
        }
        int articles = 0;
        for (KnowledgeArticle a : DemoCatalog.articles(clock.instant())) {
            Map<String, KnowledgeArticle> stored = catalog.articles(a.product()).stream()
                    .collect(Collectors.toMap(KnowledgeArticle::id, Function.identity(), (x, y) -> x));
            if (!sameContent(a, stored.get(a.id()))) {
                catalog.saveArticle(a);
                articles++;
            }
        }
        LOG.info("Demo mode: demo catalog, accounts 1001 and 2002, and {} demo users ready ({} setup entries and {}"
                + " articles written, {} users new); passwords equal the user names", LOGINS.size(),
                imported.created().values().stream().mapToInt(Integer::intValue).sum()
                        + imported.changed().values().stream().mapToInt(Integer::intValue).sum(),
                articles, newUsers.size());
    }

    static Properties passwords() {
        Properties hashed = new Properties();
        try (InputStream in = DemoData.class.getResourceAsStream(PASSWORDS)) {
            if (in != null) {
                hashed.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PASSWORDS, e);
        }
        return hashed;
    }

    /** An article's update time is not compared (it is the time of the first load). */
    private static boolean sameContent(KnowledgeArticle wanted, KnowledgeArticle stored) {
        return stored != null && wanted.equals(new KnowledgeArticle(stored.id(), stored.product(), stored.category(),
                stored.title(), stored.summary(), stored.body(), stored.url(), stored.tags(), wanted.updatedAt()));
    }
}
