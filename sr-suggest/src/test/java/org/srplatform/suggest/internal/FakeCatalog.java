package org.srplatform.suggest.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.Product;
import org.srplatform.api.catalog.SupportHours;

/** An in-memory catalog; products appear with their first article. */
class FakeCatalog implements CatalogRepository {
    private final Map<String, Product> products = new LinkedHashMap<>();
    private final Map<String, KnowledgeArticle> articles = new LinkedHashMap<>();

    @Override
    public synchronized List<Product> products() {
        return List.copyOf(products.values());
    }

    @Override
    public synchronized Optional<Product> product(String id) {
        return Optional.ofNullable(products.get(id));
    }

    @Override
    public synchronized void saveProduct(Product product) {
        products.put(product.id(), product);
    }

    @Override
    public synchronized List<KnowledgeArticle> articles(String product) {
        List<KnowledgeArticle> found = new ArrayList<>();
        for (KnowledgeArticle a : articles.values()) {
            if (a.product().equals(product)) {
                found.add(a);
            }
        }
        found.sort(Comparator.comparing(KnowledgeArticle::updatedAt).reversed());
        return found;
    }

    @Override
    public synchronized Optional<KnowledgeArticle> article(String id) {
        return Optional.ofNullable(articles.get(id));
    }

    @Override
    public synchronized void saveArticle(KnowledgeArticle article) {
        products.computeIfAbsent(article.product(), id -> new Product(id, id,
                new SupportHours(true, ZoneId.of("UTC"), List.of(), java.util.Set.of()), List.of()));
        articles.put(article.id(), article);
    }

    synchronized void removeArticle(String id) {
        articles.remove(id);
    }
}
