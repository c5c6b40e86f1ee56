package org.srplatform.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.srplatform.api.catalog.KnowledgeArticle;

/** The demo's articles and setup document; sr-admin's tests import the document through the real import. */
class DemoCatalogTest {

    @Test
    void everyDemoProductHasArticles() {
        assertEquals(Set.of("datacenter", "workstation", "fusion"),
                DemoCatalog.articles(Instant.EPOCH).stream().map(KnowledgeArticle::product).collect(Collectors.toSet()));
    }

    @Test
    void theSetupDocumentHoldsTheDemoUsersOfTheApiContract() throws IOException {
        String document;
        try (InputStream in = DemoData.class.getResourceAsStream(DemoData.SETUP)) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(Set.of("customer1", "customer2", "engineer1", "duty1", "rem1", "escalation1", "admin1"),
                Set.copyOf(DemoData.LOGINS));
        for (String login : DemoData.LOGINS) {
            assertTrue(document.contains("\"login\": \"" + login + "\""), login);
        }
    }
}
