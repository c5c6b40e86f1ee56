package org.srplatform.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;
import org.srplatform.spi.admin.ImportResult;
import org.srplatform.spi.admin.SetupTransfer;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.health.HealthCheck;
import org.srplatform.spi.security.NewUser;
import org.srplatform.spi.security.StoredUser;
import org.srplatform.spi.security.UserDirectory;
import org.srplatform.spi.store.Transaction;

class DemoDataTest {

    private final FakeUserDirectory users = new FakeUserDirectory();
    private final FakeCatalog catalog = new FakeCatalog();
    private final FakeSetup setup = new FakeSetup(users);

    @Test
    void theDemoSetupGoesThroughTheImportAsTheDemo() throws Exception {
        new DemoData(setup, catalog, users).stop();
        assertEquals(List.of(DemoData.ACTOR), setup.actors);
        String document = setup.documents.get(0);
        for (String login : DemoData.LOGINS) {
            assertTrue(document.contains("\"login\" : \"" + login + "\""), login);
        }
        assertTrue(document.contains("\"format\" : \"sr-platform-setup/1\""), document.substring(0, 80));
    }

    @Test
    void demoUsersTheImportCreatedGetTheirNamesAsPasswordsAndASecondStartKeepsThem() {
        DemoData.load(setup, catalog, users, Clock.systemUTC());
        assertEquals(DemoData.LOGINS.size(), users.passwords.size());
        users.passwords.forEach((login, password) -> assertEquals(login, password));

        users.passwords.put("rem1", "changed by rem1");
        DemoData.load(setup, catalog, users, Clock.systemUTC());
        assertEquals("changed by rem1", users.passwords.get("rem1"));
    }

    /** A later start does not wait for the demo load: it puts back what changed beside the rest of the start. */
    @Test
    void aLaterStartLoadsTheDemoAgainBesideTheStartAndIsReadyMeanwhile() throws Exception {
        DemoData.load(setup, catalog, users, Clock.systemUTC());
        KnowledgeArticle kb = catalog.articles.get("KB2002");
        catalog.articles.put(kb.id(), new KnowledgeArticle(kb.id(), kb.product(), kb.category(), "edited", kb.summary(),
                kb.body(), kb.url(), kb.tags(), kb.updatedAt()));
        catalog.writes.clear();
        CountDownLatch importing = new CountDownLatch(1);
        setup.gate = importing;

        DemoData later = new DemoData(setup, catalog, users); // returns while the import waits at the gate
        assertEquals(HealthCheck.Status.UP, later.check().status(), "the demo was loaded before");
        assertEquals(List.of(), catalog.writes);
        importing.countDown();
        later.stop();
        assertEquals(List.of("article KB2002"), catalog.writes);
    }

    /** The demo's public passwords come hashed from the build: a first start hashes none of them. */
    @Test
    void aDirectoryThatTakesHashedDemoPasswordsGetsThoseOfTheBuild() {
        users.presets = true;
        DemoData.load(setup, catalog, users, Clock.systemUTC());
        assertEquals(Map.of(), users.passwords, "nothing hashed at start");
        assertEquals(DemoData.LOGINS.size(), users.passwordHashes.size());
        DemoData.LOGINS.forEach(login -> assertEquals(DemoData.passwords().getProperty(login),
                users.passwordHashes.get(login)));
    }

    /** Each shipped hash is of its user's name, in the store's format and at the store's default cost. */
    @Test
    void everyShippedHashIsOfItsUsersName() throws Exception {
        java.util.Properties hashed = DemoData.passwords();
        assertEquals(new java.util.TreeSet<>(DemoData.LOGINS), new java.util.TreeSet<>(hashed.stringPropertyNames()));
        for (String login : DemoData.LOGINS) {
            String[] parts = hashed.getProperty(login).split("\\$");
            assertEquals("pbkdf2-sha256", parts[0], login);
            assertEquals("210000", parts[1], login + ": the store's default cost, so no re-hash at the first sign-in");
            byte[] salt = java.util.Base64.getDecoder().decode(parts[2]);
            byte[] expected = java.util.Base64.getDecoder().decode(parts[3]);
            byte[] derived = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
                    new javax.crypto.spec.PBEKeySpec(login.toCharArray(), salt, Integer.parseInt(parts[1]),
                            expected.length * 8)).getEncoded();
            assertTrue(java.security.MessageDigest.isEqual(expected, derived), login);
        }
    }

    /** A first start is not ready before the demo users exist: health check 'demo' says STARTING until then. */
    @Test
    void aFirstStartIsStartingUntilTheDemoIsLoaded() throws Exception {
        CountDownLatch importing = new CountDownLatch(1);
        setup.gate = importing;
        DemoData first = new DemoData(setup, catalog, users);
        assertEquals(HealthCheck.Status.STARTING, first.check().status());
        assertEquals(DemoData.HEALTH_CHECK, first.name());

        importing.countDown();
        first.stop();
        assertEquals(HealthCheck.up(), first.check());
        assertEquals(DemoData.LOGINS.size(), users.passwords.size());
        assertEquals(DemoCatalog.articles(Instant.EPOCH).size(), catalog.articles.size());
    }

    @Test
    void aFirstLoadThatFailsIsDownNamingTheLog() throws Exception {
        setup.failure = new IllegalStateException("the import refused the document");
        DemoData first = new DemoData(setup, catalog, users);
        first.stop();
        assertEquals(HealthCheck.Status.DOWN, first.check().status());
        assertTrue(first.check().detail().contains("the log says why"), first.check().detail());
    }

    /** A restart on data a demo start made writes no article (the import itself writes nothing the second time). */
    @Test
    void aSecondStartWritesNoArticleWhenTheyAreInPlace() {
        Clock first = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
        DemoData.load(setup, catalog, users, first);
        assertEquals(DemoCatalog.articles(Instant.EPOCH).size(), catalog.articles.size());
        catalog.writes.clear();

        DemoData.load(setup, catalog, users, Clock.offset(first, java.time.Duration.ofDays(1)));
        assertEquals(List.of(), catalog.writes);
        assertEquals(Instant.parse("2026-03-02T08:00:00Z"), catalog.articles.get("KB1001").updatedAt(),
                "an unchanged article keeps the time it was first stored");
    }

    @Test
    void anEditedArticleIsWrittenBackAndNothingElse() {
        DemoData.load(setup, catalog, users, Clock.systemUTC());
        KnowledgeArticle kb = catalog.articles.get("KB2002");
        catalog.articles.put(kb.id(), new KnowledgeArticle(kb.id(), kb.product(), kb.category(), "edited", kb.summary(),
                kb.body(), kb.url(), kb.tags(), kb.updatedAt()));
        catalog.writes.clear();
        DemoData.load(setup, catalog, users, Clock.systemUTC());
        assertEquals(List.of("article KB2002"), catalog.writes);
    }

    /** The directory takes short passwords only by the demo's rule, shipped in etc/org.srplatform.demo.cfg. */
    @Test
    void everyDemoPasswordMeetsTheDemoRuleOfTheDistribution() throws Exception {
        Properties demo = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("../sr-dist/src/dist/etc/org.srplatform.demo.cfg"))) {
            demo.load(in);
        }
        int minimum = Integer.parseInt(demo.getProperty("demo.password.min.length").strip());
        DemoData.LOGINS.forEach(login -> assertTrue(login.length() >= minimum, login));
    }

    /** Records what it is given; creates the document's demo users without a password, as the real import does. */
    private static final class FakeSetup implements SetupTransfer {
        final List<String> documents = new ArrayList<>();
        final List<String> actors = new ArrayList<>();
        /** When set, an import waits for it: the test sees what happens before the import ends. */
        volatile CountDownLatch gate;
        /** When set, an import fails with it. */
        volatile RuntimeException failure;
        private final FakeUserDirectory users;

        FakeSetup(FakeUserDirectory users) {
            this.users = users;
        }

        @Override
        public ImportResult importSetup(InputStream document, String actor) {
            try {
                if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
                if (failure != null) {
                    throw failure;
                }
                documents.add(new String(document.readAllBytes(), StandardCharsets.UTF_8).replace("\": ", "\" : "));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            actors.add(actor);
            for (String login : DemoData.LOGINS) {
                users.created.putIfAbsent(login, new User(login, login, Set.of(Role.SUPPORT_ENGINEER), Optional.empty(),
                        Optional.empty(), Set.of(), true));
            }
            return new ImportResult(Map.of(), Map.of(), Map.of());
        }

        @Override
        public void exportSetup(OutputStream out) {
            throw new UnsupportedOperationException();
        }
    }

    /** The catalog as the store keeps it: saves replace, reads return what was saved. */
    private static final class FakeCatalog implements CatalogRepository {
        final Map<String, KnowledgeArticle> articles = new LinkedHashMap<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public List<Product> products() {
            return List.of();
        }

        @Override
        public Optional<Product> product(String id) {
            return Optional.empty();
        }

        @Override
        public void saveProduct(Product product) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveProduct(Transaction tx, Product product) {
            throw new UnsupportedOperationException();
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

    private static final class FakeUserDirectory implements UserDirectory {
        // Concurrent: the demo hashes its users' passwords side by side.
        final Map<String, String> passwords = new java.util.concurrent.ConcurrentHashMap<>();
        /** Whether it takes the demo's hashes ({@link UserDirectory#presetDemoPassword}), and those it took. */
        boolean presets;
        final Map<String, String> passwordHashes = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, User> created = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Optional<User> authenticate(String login, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<User> find(String login) {
            return Optional.ofNullable(created.get(login));
        }

        @Override
        public List<User> withRole(Role role) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User create(NewUser user, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void presetDemoPassword(String login, String passwordHash) {
            if (!presets) {
                UserDirectory.super.presetDemoPassword(login, passwordHash);
            }
            passwordHashes.put(login, passwordHash);
        }

        @Override
        public void changePassword(String login, char[] newPassword) {
            passwords.put(login, new String(newPassword));
        }

        @Override
        public long count() {
            return created.size();
        }

        @Override
        public List<StoredUser> users() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<StoredUser> stored(String login) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void create(Transaction tx, NewUser user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(Transaction tx, NewUser user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setActive(Transaction tx, String login, boolean active) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setOneTimePassword(Transaction tx, String login, char[] password) {
            throw new UnsupportedOperationException();
        }
    }
}
