package org.srplatform.casework.internal;

import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.FieldError;
import org.srplatform.spi.admin.QueueSetup;
import org.srplatform.spi.store.Transaction;

/**
 * Casework's queues and routing rules for the setup document (sr-admin's import and export). Part of the
 * {@code casework} feature: switched off, the document cannot name queues.
 */
@Component(property = {
        "sr.feature=casework",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=casework)))" })
public final class CaseworkQueueSetup implements QueueSetup {
    private final QueueRouting routing;

    @Activate
    public CaseworkQueueSetup(@Reference QueueRouting routing) {
        this.routing = routing;
    }

    @Override
    public List<Queue> queues() {
        return routing.queues().stream().map(q -> new Queue(q.id(), q.name(), q.active())).toList();
    }

    @Override
    public List<RoutingRule> routingRules() {
        return routing.rules().stream().map(r -> new RoutingRule(r.product(), r.severity(), r.region(), r.queue()))
                .toList();
    }

    @Override
    public List<FieldError> check(List<Queue> queues, Optional<List<RoutingRule>> rules) {
        return routing.check(ours(queues), rules.map(CaseworkQueueSetup::ourRules));
    }

    @Override
    public void save(Transaction tx, List<Queue> queues, Optional<List<RoutingRule>> rules) {
        routing.save(tx, ours(queues), rules.map(CaseworkQueueSetup::ourRules));
    }

    private static List<QueueRouting.Queue> ours(List<Queue> queues) {
        return queues.stream().map(q -> new QueueRouting.Queue(q.id(), q.name(), q.active())).toList();
    }

    private static List<QueueRouting.Rule> ourRules(List<RoutingRule> rules) {
        return rules.stream().map(r -> new QueueRouting.Rule(0, r.product(), r.severity(), r.region(), r.queue()))
                .toList();
    }
}
