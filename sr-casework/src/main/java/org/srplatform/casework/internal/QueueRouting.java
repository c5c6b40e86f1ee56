package org.srplatform.casework.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.Severity;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.Transactions;

/**
 * Queues and the rules that choose one for each new SR (product, severity, the account's region), kept as
 * data: first matching rule by position wins. Read once and kept in memory, replaced whole when an
 * administrator changes them (one node; several nodes re-read on their next start, see the scale-out issue).
 */
@Component(service = QueueRouting.class, property = {
        "sr.feature=casework",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=casework)))" })
public final class QueueRouting {

    public record Queue(String id, String name, boolean active) {
    }

    /** One rule: empty conditions match anything. */
    public record Rule(int position, Optional<String> product, Optional<Integer> severity, Optional<String> region,
            String queue) {
        boolean matches(String p, Severity s, String r) {
            return product.map(p::equals).orElse(true) && severity.map(v -> v == s.level()).orElse(true)
                    && region.map(v -> v.equalsIgnoreCase(r)).orElse(true);
        }
    }

    private record Snapshot(List<Queue> queues, List<Rule> rules) {
    }

    private final Transactions transactions;
    private volatile Snapshot current;

    @Activate
    public QueueRouting(@Reference Transactions transactions) {
        this.transactions = transactions;
        this.current = transactions.read(tx -> load(tx.connection()));
    }

    /** The queue for a new SR; empty when no rule matches (the SR waits in no queue for a duty manager). */
    public Optional<String> route(String product, Severity severity, String region) {
        Snapshot s = current;
        return s.rules().stream().filter(r -> r.matches(product, severity, region)).map(Rule::queue).findFirst();
    }

    public List<Queue> queues() {
        return current.queues();
    }

    public List<Rule> rules() {
        return current.rules();
    }

    public Optional<Queue> queue(String id) {
        return current.queues().stream().filter(q -> q.id().equals(id)).findFirst();
    }

    private static void queueErrors(Queue queue, String prefix, List<FieldError> errors) {
        if (queue.id() == null || !queue.id().matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            errors.add(FieldError.of(prefix + "id", "is 1 to 64 lower-case letters, digits, '.', '_' or '-'"));
        }
        if (queue.name() == null || queue.name().isBlank() || queue.name().length() > 200) {
            errors.add(FieldError.of(prefix + "name", "is required, at most 200 characters"));
        }
    }

    private static void ruleErrors(Rule r, Map<String, Queue> queues, String prefix, List<FieldError> errors) {
        Queue q = r.queue() == null ? null : queues.get(r.queue());
        if (q == null) {
            errors.add(FieldError.of(prefix + "queue", "names no queue; create it with PUT /api/v1/queues/{id}"));
        } else if (!q.active()) {
            errors.add(FieldError.of(prefix + "queue", "queue '" + q.id() + "' is inactive"));
        }
        if (r.severity().filter(s -> s < 1 || s > 4).isPresent()) {
            errors.add(FieldError.of(prefix + "severity", "must be 1, 2, 3 or 4"));
        }
    }

    /**
     * Checks queues to create or replace and rules to replace every rule with (if given), writing nothing: against
     * each other and what is kept. Errors are named {@code queues[i].field} and {@code routingRules[i].field}.
     */
    List<FieldError> check(List<Queue> queues, Optional<List<Rule>> rules) {
        return check(current, queues, rules);
    }

    private static List<FieldError> check(Snapshot base, List<Queue> queues, Optional<List<Rule>> rules) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Queue> after = new LinkedHashMap<>();
        base.queues().forEach(q -> after.put(q.id(), q));
        for (int i = 0; i < queues.size(); i++) {
            queueErrors(queues.get(i), "queues[" + i + "].", errors);
            after.put(queues.get(i).id(), queues.get(i));
        }
        List<Rule> effective = rules.orElse(base.rules());
        if (rules.isPresent()) {
            for (int i = 0; i < effective.size(); i++) {
                ruleErrors(effective.get(i), after, "routingRules[" + i + "].", errors);
            }
        } else {
            for (int i = 0; i < queues.size(); i++) {
                Queue q = queues.get(i);
                if (!q.active() && effective.stream().anyMatch(r -> r.queue().equals(q.id()))) {
                    errors.add(FieldError.of("queues[" + i + "].active", "queue '" + q.id()
                            + "' is named by routing rules; change those rules before deactivating it"));
                }
            }
        }
        return errors;
    }

    /**
     * Creates or replaces queues and replaces every rule (if given) in the caller's transaction; routing follows
     * once it commits.
     */
    void save(Transaction tx, List<Queue> queues, Optional<List<Rule>> rules) {
        try {
            // Checked against the transaction's own view: the queues a rule names may be written earlier in it.
            List<FieldError> errors = check(load(tx.connection()), queues, rules);
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            tx.afterCommit(() -> current = transactions.read(t -> load(t.connection())));
            for (Queue q : queues) {
                writeQueue(tx.connection(), q);
            }
            if (rules.isPresent()) {
                writeRules(tx.connection(), rules.get());
            }
        } catch (SQLException e) {
            throw new org.srplatform.spi.store.StoreException("cannot save queues and routing rules: " + e.getMessage(), e);
        }
    }

    private static void writeQueue(Connection c, Queue queue) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE casework_queues SET name = ?, active = ? WHERE id = ?")) {
            if (Sql.bindAll(s, queue.name().strip(), queue.active(), queue.id()).executeUpdate() == 0) {
                try (PreparedStatement i = c.prepareStatement(
                        "INSERT INTO casework_queues (id, name, active) VALUES (?, ?, ?)")) {
                    Sql.bindAll(i, queue.id(), queue.name().strip(), queue.active()).executeUpdate();
                }
            }
        }
    }

    private static void writeRules(Connection c, List<Rule> rules) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM casework_routing_rules")) {
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO casework_routing_rules (position, product_id,"
                + " severity, region, queue_id) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rules.size(); i++) {
                Rule r = rules.get(i);
                Sql.bindAll(s, (i + 1) * 10, r.product(), r.severity(), r.region(), r.queue()).addBatch();
            }
            s.executeBatch();
        }
    }

    /** Creates or renames a queue, or (de)activates it; queues are never deleted: SRs name them. */
    public Queue saveQueue(Queue queue) {
        List<FieldError> errors = new ArrayList<>();
        queueErrors(queue, "", errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (!queue.active() && current.rules().stream().anyMatch(r -> r.queue().equals(queue.id()))) {
            throw new ValidationException(FieldError.of("active", "queue '" + queue.id()
                    + "' is named by routing rules; change those rules before deactivating it"));
        }
        current = transactions.inTransaction(tx -> {
            writeQueue(tx.connection(), queue);
            return load(tx.connection());
        });
        return queue(queue.id()).orElseThrow();
    }

    /** Replaces every rule at once: all are checked first, so a wrong list changes nothing. */
    public List<Rule> replaceRules(List<Rule> rules) {
        Map<String, Queue> queues = current.queues().stream().collect(Collectors.toMap(Queue::id, Function.identity()));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleErrors(rules.get(i), queues, "rules[" + i + "].", errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        current = transactions.inTransaction(tx -> {
            writeRules(tx.connection(), rules);
            return load(tx.connection());
        });
        return current.rules();
    }

    private static Snapshot load(Connection c) throws SQLException {
        List<Queue> queues = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, active FROM casework_queues ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                queues.add(new Queue(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        List<Rule> rules = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT position, product_id, severity, region, queue_id"
                + " FROM casework_routing_rules ORDER BY position"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int severity = rs.getInt(3);
                Optional<Integer> sev = rs.wasNull() ? Optional.empty() : Optional.of(severity);
                rules.add(new Rule(rs.getInt(1), Sql.optionalString(rs, "product_id"), sev,
                        Sql.optionalString(rs, "region"), rs.getString(5)));
            }
        }
        return new Snapshot(List.copyOf(queues), List.copyOf(rules));
    }
}
