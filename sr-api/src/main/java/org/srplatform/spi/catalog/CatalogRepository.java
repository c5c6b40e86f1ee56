package org.srplatform.spi.catalog;

import org.srplatform.api.catalog.KnowledgeArticle;
import org.srplatform.api.catalog.Product;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Products, their categories and knowledge articles, as kept by the store. Thread-safe. */
@ProviderType
public interface CatalogRepository {

    /** Every product, ordered by name. */
    List<Product> products();

    Optional<Product> product(String id);

    /** Creates or replaces a product with its categories, in one transaction. */
    void saveProduct(Product product);

    /** The articles about a product, most recently updated first. */
    List<KnowledgeArticle> articles(String product);

    Optional<KnowledgeArticle> article(String id);

    /** Creates or replaces an article. */
    void saveArticle(KnowledgeArticle article);

    /**
     * Creates or replaces a product with its support hours and categories in the caller's transaction (with the
     * audit entry of the change).
     *
     * @since 1.1 (a default that refuses, so that implementations made before compile unchanged)
     */
    default void saveProduct(org.srplatform.spi.store.Transaction tx, Product product) {
        throw new UnsupportedOperationException("CatalogRepository does not support this");
    }
}
