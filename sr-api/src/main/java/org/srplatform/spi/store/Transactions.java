package org.srplatform.spi.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a capability's SQL and the platform's own writes in one durable transaction, with the store's
 * retry on lock contention.
 *
 * <p><b>Schema.</b> The service is bundle-scoped: when a bundle first gets it, the store brings that
 * bundle's tables up to date from the scripts in the folder its {@value #SCHEMA_HEADER} manifest header
 * names ({@code V<n>__<description>.sql}, applied in order, each in one transaction, recorded per
 * bundle symbolic name with a SHA-256 checksum; an applied script that changed stops the bundle's use of
 * the store). So a capability's components that reference this service find their tables in place. Set
 * the header with {@code @org.osgi.annotation.bundle.Header(name = "SR-Schema", value = "schema")} on
 * one of the bundle's classes or packages.
 *
 * <p>Thread-safe; each call uses its own connection.
 */
@ProviderType
public interface Transactions {

    /** Manifest header naming the folder of a bundle's schema scripts. */
    String SCHEMA_HEADER = "SR-Schema";

    /**
     * Runs work in one transaction: committed durably when it returns, rolled back when it throws, so
     * none of its writes, the platform's included, is visible unless all are. Work that lost a lock
     * race (a deadlock, a busy sequence) is run again, up to a few times.
     *
     * @return what the work returned
     * @throws StoreException for a database failure
     * @throws RuntimeException what the work threw, as it is (a domain refusal stays itself)
     */
    <T> T inTransaction(TransactionWork<T> work);

    /** Runs read-only work; writes through it are refused by contract, not by the database. */
    <T> T read(TransactionWork<T> work);
}
