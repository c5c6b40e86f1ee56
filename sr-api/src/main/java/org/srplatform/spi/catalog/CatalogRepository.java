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

    // Deactivation (since 1.2). Products, their categories and support offerings are never deleted: SRs, contracts
    // and the audit name them. A deactivated one is offered for no new SR and stays readable for the SRs that name
    // it: product(id) and products() still return it, with every category. The defaults answer as a store before
    // deactivation would (everything active, no cadence of an offering's own) and refuse the writes.

    /**
     * Whether new SRs may name this product: false once an administrator deactivated it. Answered from memory.
     *
     * @since 1.2
     */
    default boolean productActive(String product) {
        return true;
    }

    /**
     * Whether new SRs may name this problem category of a product: false once deactivated (the product's own
     * activation is {@link #productActive}). Answered from memory.
     *
     * @since 1.2
     */
    default boolean categoryActive(String product, String category) {
        return true;
    }

    /**
     * Whether contracts under this support offering (kept by {@code spi.account}) take new SRs: false once
     * deactivated. Answered from memory.
     *
     * @since 1.2
     */
    default boolean offeringActive(String offering) {
        return true;
    }

    /**
     * (De)activates a product in the caller's transaction (with the audit entry of the change).
     *
     * @throws org.srplatform.api.common.NotFoundException for a product the transaction does not hold
     * @since 1.2
     */
    default void setProductActive(org.srplatform.spi.store.Transaction tx, String product, boolean active) {
        throw new UnsupportedOperationException("CatalogRepository does not support this");
    }

    /**
     * (De)activates a problem category of a product in the caller's transaction; a product saved again keeps the
     * activation of the categories it still has (a new category is active).
     *
     * @throws org.srplatform.api.common.NotFoundException for a category the transaction does not hold
     * @since 1.2
     */
    default void setCategoryActive(org.srplatform.spi.store.Transaction tx, String product, String category,
            boolean active) {
        throw new UnsupportedOperationException("CatalogRepository does not support this");
    }

    /**
     * (De)activates a support offering in the caller's transaction (the offering is saved first, through
     * {@code spi.account}).
     *
     * @throws org.srplatform.api.common.NotFoundException for an offering the transaction does not hold
     * @since 1.2
     */
    default void setOfferingActive(org.srplatform.spi.store.Transaction tx, String offering, boolean active) {
        throw new UnsupportedOperationException("CatalogRepository does not support this");
    }

    /**
     * The update cadence a support offering promises; {@link UpdateCadence#none()} when it has none of its own (the
     * platform's default applies). Answered from memory.
     *
     * @since 1.2
     */
    default UpdateCadence updateCadence(String offering) {
        return UpdateCadence.none();
    }

    /**
     * Replaces a support offering's update cadence in the caller's transaction; {@link UpdateCadence#none()} removes
     * it.
     *
     * @since 1.2
     */
    default void saveUpdateCadence(org.srplatform.spi.store.Transaction tx, String offering, UpdateCadence cadence) {
        throw new UnsupportedOperationException("CatalogRepository does not support this");
    }
}
