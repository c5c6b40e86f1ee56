package org.srplatform.api.event;

/**
 * Event Admin topics posted by the store after a catalog change has committed. Property
 * {@link #ID}: the product or article id. Suggestion providers listen to keep their indexes fresh.
 *
 * @since 1.1
 */
public final class CatalogEvents {
    /** All catalog topics. */
    public static final String ALL = "org/srplatform/catalog/*";
    public static final String PRODUCT_CHANGED = "org/srplatform/catalog/PRODUCT_CHANGED";
    public static final String ARTICLE_CHANGED = "org/srplatform/catalog/ARTICLE_CHANGED";

    /** The changed product's or article's id. */
    public static final String ID = "sr.id";

    private CatalogEvents() {
    }
}
