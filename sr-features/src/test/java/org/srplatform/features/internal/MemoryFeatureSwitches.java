package org.srplatform.features.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.audit.AuditChange;
import org.srplatform.spi.audit.AuditEntry;
import org.srplatform.spi.audit.AuditQuery;
import org.srplatform.spi.audit.AuditTrail;
import org.srplatform.spi.feature.FeatureSwitch;
import org.srplatform.spi.feature.FeatureSwitches;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.request.SupportRequestDraft;
import org.srplatform.spi.store.Dialect;
import org.srplatform.spi.store.StoreException;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.TransactionWork;
import org.srplatform.spi.store.Transactions;

/**
 * The store's switches and transactions in memory, as the database keeps them for every node: a work's switches
 * count only once it returns (a work that throws leaves nothing), each committed change moves the revision. Several
 * feature services on one instance are several nodes on one database.
 */
final class MemoryFeatureSwitches implements FeatureSwitches, Transactions {
    private Map<String, FeatureSwitch> committed = new TreeMap<>();
    private long revision;
    private Map<String, FeatureSwitch> pending;
    private long pendingRevision;
    private Transaction open;
    private List<AuditChange> audit = new ArrayList<>();
    private List<AuditChange> pendingAudit;
    private boolean auditFails;
    private int snapshotReads;
    private boolean down;

    @Override
    public synchronized long revision() {
        failIfDown();
        return revision;
    }

    @Override
    public synchronized Snapshot read() {
        failIfDown();
        snapshotReads++;
        return new Snapshot(revision, List.copyOf(committed.values()));
    }

    @Override
    public synchronized boolean set(Transaction tx, String featureId, boolean enabled, String changedBy) {
        if (tx == null || tx != open) {
            throw new IllegalStateException("a switch is set in the transaction the store opened");
        }
        pendingRevision++;
        FeatureSwitch now = pending.get(featureId);
        if ((now == null || now.enabled()) == enabled) {
            return false;
        }
        pending.put(featureId, new FeatureSwitch(featureId, enabled, Instant.now(), changedBy));
        return true;
    }

    @Override
    public synchronized <T> T inTransaction(TransactionWork<T> work) {
        failIfDown();
        pending = new TreeMap<>(committed);
        pendingRevision = revision;
        pendingAudit = new ArrayList<>(audit);
        open = new OpenTransaction();
        try {
            T result = work.run(open);
            committed = pending;
            revision = pendingRevision;
            audit = pendingAudit;
            return result;
        } catch (SQLException e) {
            throw new StoreException("database transaction failed", e);
        } finally {
            open = null;
            pending = null;
            pendingAudit = null;
        }
    }

    /** The audit trail on the same database: its entries commit with the transaction they are recorded in. */
    AuditTrail trail() {
        return new AuditTrail() {
            @Override
            public void record(Transaction tx, AuditChange change) {
                synchronized (MemoryFeatureSwitches.this) {
                    if (tx == null || tx != open) {
                        throw new IllegalStateException("recorded outside the store's transaction");
                    }
                    if (auditFails) {
                        throw new StoreException("cannot record the audit trail: table full", new SQLException("full"));
                    }
                    pendingAudit.add(change);
                }
            }

            @Override
            public void record(AuditChange change) {
                inTransaction(tx -> {
                    record(tx, change);
                    return null;
                });
            }

            @Override
            public Page<AuditEntry> entries(AuditQuery query, PageRequest page) {
                throw new UnsupportedOperationException();
            }
        };
    }

    synchronized List<AuditChange> audited() {
        return List.copyOf(audit);
    }

    synchronized void auditFails(boolean fails) {
        this.auditFails = fails;
    }

    @Override
    public <T> T read(TransactionWork<T> work) {
        throw new UnsupportedOperationException();
    }

    /** Another node switches, as its feature service would. */
    void switchOnAnotherNode(String featureId, boolean enabled) {
        inTransaction(tx -> set(tx, featureId, enabled, "operator"));
    }

    synchronized int snapshotReads() {
        return snapshotReads;
    }

    synchronized Map<String, FeatureSwitch> stored() {
        return Map.copyOf(committed);
    }

    /** The database goes away (or comes back): every call fails as the store's do. */
    synchronized void down(boolean down) {
        this.down = down;
    }

    private void failIfDown() {
        if (down) {
            throw new StoreException("database query failed: connection refused", new SQLException("connection refused"));
        }
    }

    /** A transaction that carries switches and audit entries only. */
    private static final class OpenTransaction implements Transaction {
        @Override public Connection connection() { throw new UnsupportedOperationException(); }
        @Override public Dialect dialect() { throw new UnsupportedOperationException(); }
        @Override public SupportRequest createRequest(SupportRequestDraft draft, TimelineEntry created) { throw new UnsupportedOperationException(); }
        @Override public SupportRequest lockRequest(SrNumber number) { throw new UnsupportedOperationException(); }
        @Override public SupportRequest updateRequest(SupportRequest next) { throw new UnsupportedOperationException(); }
        @Override public void appendTimeline(SrNumber number, List<TimelineEntry> entries) { throw new UnsupportedOperationException(); }
        @Override public void enqueue(List<OutboundMessage> messages) { throw new UnsupportedOperationException(); }
        @Override public boolean markSent(long outboxId, Instant at) { throw new UnsupportedOperationException(); }
        @Override public void afterCommit(Runnable action) { throw new UnsupportedOperationException(); }
    }
}
