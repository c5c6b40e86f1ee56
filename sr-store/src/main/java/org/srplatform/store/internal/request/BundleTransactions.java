package org.srplatform.store.internal.request;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.spi.store.TransactionWork;
import org.srplatform.spi.store.SupportRequestParticipant;
import org.osgi.service.component.ComponentServiceObjects;
import org.srplatform.spi.store.Transactions;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.store.internal.db.Database;
import org.srplatform.store.internal.db.SchemaMigrations;

/**
 * The {@link Transactions} service, one instance per bundle that uses it. Before a bundle gets it, its
 * schema scripts (the folder its {@value Transactions#SCHEMA_HEADER} header names) are applied, so a
 * capability brings its own tables and needs nothing of the store but this service. A bundle whose
 * scripts fail does not get the service: its components stay unsatisfied and the log says why.
 */
@Component(service = Transactions.class, scope = ServiceScope.BUNDLE)
public final class BundleTransactions implements Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(BundleTransactions.class);

    private final StoreTransactions transactions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    /** Capabilities that write with every SR opened or changed (casework's queues and clocks). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ComponentServiceObjects<SupportRequestParticipant>> participants = List.of();

    @Activate
    public BundleTransactions(ComponentContext context, @Reference Database db, @Reference AccountRepository accounts,
            @Reference CatalogRepository catalog) {
        this.transactions = new StoreTransactions(db, Clock.systemUTC(), () -> events,
                KnownReferences.of(accounts, catalog), Participants.lazy(() -> participants));
        Bundle user = context.getUsingBundle();
        if (user != null) {
            migrate(db, user);
        }
    }

    static void migrate(Database db, Bundle bundle) {
        String folder = bundle.getHeaders("").get(SCHEMA_HEADER);
        if (folder == null || folder.isBlank()) {
            return;
        }
        List<SchemaMigrations.Script> scripts = scripts(bundle, folder.strip());
        if (scripts.isEmpty()) {
            LOG.warn("Bundle {} names schema folder '{}' but has no V<n>__<description>.sql in it",
                    bundle.getSymbolicName(), folder);
            return;
        }
        int applied = db.read(c -> new SchemaMigrations(db.dialect()).migrate(c, bundle.getSymbolicName(),
                bundle.getVersion().toString(), scripts));
        if (applied > 0) {
            LOG.info("Schema of {} {}: {} scripts applied", bundle.getSymbolicName(), bundle.getVersion(), applied);
        }
    }

    private static List<SchemaMigrations.Script> scripts(Bundle bundle, String folder) {
        List<SchemaMigrations.Script> scripts = new ArrayList<>();
        var entries = bundle.findEntries(folder, "*.sql", false);
        for (URL url : entries == null ? List.<URL>of() : Collections.list(entries)) {
            String path = url.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (!SchemaMigrations.Script.isScriptName(name)) {
                throw new IllegalStateException("Bundle " + bundle.getSymbolicName() + " has " + path
                        + " in its schema folder: scripts are named V<n>__<description>.sql");
            }
            try (InputStream in = url.openStream()) {
                scripts.add(SchemaMigrations.Script.of(name, in.readAllBytes()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read schema script " + path + " of bundle "
                        + bundle.getSymbolicName(), e);
            }
        }
        return scripts;
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        return transactions.inTransaction(work);
    }

    @Override
    public <T> T read(TransactionWork<T> work) {
        return transactions.read(work);
    }
}
