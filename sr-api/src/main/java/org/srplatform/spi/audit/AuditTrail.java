package org.srplatform.spi.audit;

import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.spi.store.Transaction;

/**
 * Where the platform records who changed what. Thread-safe.
 */
@ProviderType
public interface AuditTrail {

    /** Records a change in the caller's transaction: the entry exists if and only if the change commits. */
    void record(Transaction tx, AuditChange change);

    /**
     * Records something that has no transaction of its own (a refused sign-in, a feature switch), durably, before
     * returning.
     */
    void record(AuditChange change);

    /** The entries the query selects, newest first. */
    Page<AuditEntry> entries(AuditQuery query, PageRequest page);
}
