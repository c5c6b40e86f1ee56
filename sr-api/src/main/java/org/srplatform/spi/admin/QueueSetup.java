package org.srplatform.spi.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.common.FieldError;
import org.srplatform.spi.store.Transaction;

/**
 * Queues and the rules that route each new SR to one (first match wins), as the bundle that works SRs keeps them
 * (casework): the setup document's sections {@code queues} and {@code routingRules}. Administration uses it when it
 * is there; without it a document cannot name queues, and the export leaves them out. Thread-safe.
 *
 * @since 1.1
 */
@ProviderType
public interface QueueSetup {

    /**
     * A queue: deactivated, never deleted (SRs name it).
     *
     * @param id     1 to 64 lower-case letters, digits, '.', '_' or '-'
     * @param name   shown to staff
     * @param active false: no routing rule may name it
     */
    record Queue(String id, String name, boolean active) {
        public Queue {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A routing rule: a new SR that matches every condition given goes to the queue. An empty condition matches
     * anything.
     *
     * @param severity 1 to 4
     */
    record RoutingRule(Optional<String> product, Optional<Integer> severity, Optional<String> region, String queue) {
        public RoutingRule {
            product = product == null ? Optional.empty() : product;
            severity = severity == null ? Optional.empty() : severity;
            region = region == null ? Optional.empty() : region;
            Objects.requireNonNull(queue, "queue");
        }
    }

    /** Every queue, by id. */
    List<Queue> queues();

    /** The routing rules in the order they are tried. */
    List<RoutingRule> routingRules();

    /**
     * Checks, writing nothing, what {@link #save} would write against itself and what is kept: the rules of the
     * keeper (ids, names, severities, rules that name no queue or an inactive one, a queue deactivated while a rule
     * names it).
     *
     * @param queues queues to create or replace; the others are kept
     * @param rules  rules to replace all the rules with, or empty to keep them
     * @return each wrong value named by its place ({@code queues[1].id}, {@code routingRules[0].queue}); empty when
     *         all is right
     */
    List<FieldError> check(List<Queue> queues, Optional<List<RoutingRule>> rules);

    /**
     * Creates or replaces queues, and replaces every routing rule if rules are given, in the caller's transaction
     * (with the audit entries of the change); new SRs are routed by them once it commits.
     *
     * @throws org.srplatform.api.common.ValidationException as {@link #check} would name the errors
     */
    void save(Transaction tx, List<Queue> queues, Optional<List<RoutingRule>> rules);
}
