package org.srplatform.demo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
@Component(immediate = true, property = DemoMode.SATISFIED_IN_DEMO_MODE)
public final class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    /** The demo's setup document, beside this class. */
    static final String SETUP = "demo-setup.json";
    /** The audit entries' actor. */
    static final String ACTOR = "demo";

    /** The demo users of API.md, as the setup document holds them. */
    static final List<String> LOGINS = List.of("customer1", "customer2", "engineer1", "duty1", "rem1", "escalation1",
            "admin1");

    /** The load of a start on demo data loaded before; null when the demo was loaded during activation. */
    private final ExecutorService reloading;

    /**
     * On a first demo start, loads the demo before the component is active, so the platform is ready only with its
     * demo users. On a later start (every demo user there), the load only puts back what was changed since, and runs
     * beside the rest of the start, off the path to ready.
     */
    @Activate
    public DemoData(@Reference SetupTransfer setup, @Reference CatalogRepository catalog, @Reference UserDirectory users) {
        if (LOGINS.stream().anyMatch(l -> users.find(l).isEmpty())) {
            load(setup, catalog, users, Clock.systemUTC());
            reloading = null;
            return;
        }
        reloading = Executors.newSingleThreadExecutor(r -> new Thread(r, "sr-demo-data"));
        reloading.execute(() -> {
            try {
                load(setup, catalog, users, Clock.systemUTC());
            } catch (RuntimeException e) {
                LOG.error("Demo mode: the demo data could not be loaded again; what was loaded before stays", e);
            }
        });
        reloading.shutdown();
    }

    /** A load under way ends first: it uses the store, which may stop next. */
    @Deactivate
    void stop() throws InterruptedException {
        if (reloading != null && !reloading.awaitTermination(30, TimeUnit.SECONDS)) {
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
        // Demo passwords equal the user name (API.md); the user directory accepts names this short only for
        // demo users in demo mode, by demo.password.min.length of etc/org.srplatform.demo.cfg. Each one is a
        // deliberately slow hash (PBKDF2, about 0.2 s): on a first start they are hashed side by side.
        newUsers.parallelStream().forEach(login -> users.changePassword(login, login.toCharArray()));
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

    /** An article's update time is not compared (it is the time of the first load). */
    private static boolean sameContent(KnowledgeArticle wanted, KnowledgeArticle stored) {
        return stored != null && wanted.equals(new KnowledgeArticle(stored.id(), stored.product(), stored.category(),
                stored.title(), stored.summary(), stored.body(), stored.url(), stored.tags(), wanted.updatedAt()));
    }
}
