package org.srplatform.features.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.condition.Condition;
import org.osgi.util.promise.Promise;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.spi.audit.AuditChange;
import org.srplatform.spi.audit.AuditTrail;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureComponent;
import org.srplatform.spi.feature.FeatureService;
import org.srplatform.spi.feature.FeatureState;
import org.srplatform.spi.feature.FeatureSwitch;
import org.srplatform.spi.feature.FeatureSwitches;
import org.srplatform.spi.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches features through one OSGi condition. Feature components are satisfied by the condition
 * {@code sr.features} only while its {@code disabled} property does not name their feature, so a
 * switch is one property update, SCR does the rest, and nothing of a disabled feature runs even
 * for a moment at start-up (the condition carries the stored switches from its first registration).
 * Requirements between features ({@value #REQUIRES_PROPERTY}) only change what is reported: see
 * {@link FeatureRequirements}.
 *
 * <p>The switches are the store's ({@link FeatureSwitches}), shared by every node on the database: read at start
 * (after taking in a {@code data/features.properties}, see {@link FeatureChoices}), written with the switch's audit
 * entry in one transaction, and followed: {@link FeatureSwitchPoller} calls {@link #follow()}, which applies a
 * change another node made as a local one is applied. So the condition waits for the store at start.
 */
@Component(service = {FeatureService.class, ScrFeatureService.class}, configurationPid = "org.srplatform.platform",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ScrFeatureService implements FeatureService {
    private static final Logger LOG = LoggerFactory.getLogger(ScrFeatureService.class);
    private static final long ENABLE_WAIT_MILLIS = 5_000;

    private final ServiceComponentRuntime scr;
    private final FeatureSwitches switches;
    private final Transactions transactions;
    /** The features switched off on this node now; guarded by this. */
    private final Set<String> disabled;
    /** The revision of the stored switches {@link #disabled} was last read at; guarded by this. */
    private long revision;
    /** Switches made on this node, counted: {@link #follow()} drops a read they overtook; guarded by this. */
    private long switchesHere;
    private final ServiceRegistration<Condition> condition;
    /**
     * The platform's audit trail, when a bundle keeps one (sr-admin): each switch is recorded. Optional, so that
     * features switch without it (the audit bundle is itself a feature's).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail trail;

    /** The deployment's configuration (etc/org.srplatform.platform.cfg): where a features.properties may wait. */
    @interface Platform {
        String data_dir() default "data";
    }

    @Activate
    public ScrFeatureService(Platform platform, @Reference ServiceComponentRuntime scr,
            @Reference FeatureSwitches switches, @Reference Transactions transactions, BundleContext context) {
        this(scr, switches, transactions, choicesIn(platform),
                properties -> context.registerService(Condition.class, Condition.INSTANCE, properties));
    }

    /** For tests: {@code register} registers the condition with the properties it is given. */
    ScrFeatureService(ServiceComponentRuntime scr, FeatureSwitches switches, Transactions transactions,
            FeatureChoices choices, Function<Dictionary<String, Object>, ServiceRegistration<Condition>> register) {
        this.scr = scr;
        this.switches = switches;
        this.transactions = transactions;
        takeIn(choices);
        FeatureSwitches.Snapshot stored = switches.read();
        this.disabled = new TreeSet<>(stored.disabled());
        this.revision = stored.revision();
        this.condition = register.apply(conditionProperties());
        if (!disabled.isEmpty()) {
            LOG.info("Features switched off by an operator: {}", disabled);
        }
    }

    /** Where switches written while the node was stopped wait: the data folder's {@code features.properties}. */
    private static FeatureChoices choicesIn(Platform platform) {
        String data = platform.data_dir();
        return new FeatureChoices(Path.of(data == null || data.isBlank() ? "data" : data, FeatureChoices.FILE));
    }

    /**
     * Stores the switches of a {@code features.properties} (an upgraded platform's, a script's) as an operator's,
     * then moves the file aside so that it is taken in once. Not audited: no trail is bound this early.
     */
    private void takeIn(FeatureChoices choices) {
        Map<String, Boolean> chosen = choices.choices();
        if (chosen.isEmpty() && !Files.exists(choices.file())) {
            return;
        }
        List<String> changed = transactions.inTransaction(tx -> {
            List<String> done = new ArrayList<>();
            for (Map.Entry<String, Boolean> c : chosen.entrySet()) {
                if (switches.set(tx, c.getKey(), c.getValue(), FeatureChoices.FILE)) {
                    done.add(c.getKey() + "=" + c.getValue());
                }
            }
            return done;
        });
        LOG.info("Feature switches of {} stored for every node: {}", choices.file(), changed.isEmpty() ? "none changed" : changed);
        try {
            choices.applied();
        } catch (IOException e) {
            // Taken in again at the next start, where it might undo a later switch: the operator must know.
            LOG.error("Could not move {} aside after storing its switches; delete it, or its switches are applied again"
                    + " at the next start", choices.file(), e);
        }
    }

    @Deactivate
    void stop() {
        condition.unregister();
    }

    @Override
    public synchronized List<Feature> features() {
        Map<String, List<FeatureComponent>> components = new TreeMap<>();
        Map<String, SortedSet<String>> requires = new TreeMap<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            Object id = description.properties.get(FEATURE_PROPERTY);
            if (id instanceof String featureId) {
                components.computeIfAbsent(featureId, k -> new ArrayList<>())
                        .add(new FeatureComponent(description.name, description.bundle.symbolicName, stateOf(description)));
                SortedSet<String> required = requires.computeIfAbsent(featureId, k -> new TreeSet<>());
                required.addAll(ids(description.properties.get(REQUIRES_PROPERTY)));
                required.remove(featureId);
            }
        }
        // A disabled feature whose bundle is gone is still listed, so it can be switched on again.
        disabled.forEach(id -> components.computeIfAbsent(id, k -> new ArrayList<>()));
        List<FeatureRequirements.Candidate> candidates = new ArrayList<>();
        components.forEach((id, parts) -> candidates.add(candidate(id, parts, requires.getOrDefault(id, new TreeSet<>()))));
        return FeatureRequirements.resolve(candidates);
    }

    @Override
    public Optional<Feature> feature(String id) {
        return features().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    @Override
    public Feature setEnabled(String id, boolean enabled) {
        return setEnabled(id, enabled, SWITCHED_BY);
    }

    @Override
    public synchronized Feature setEnabled(String id, boolean enabled, String actor) {
        if (actor == null || actor.isBlank() || actor.length() > 128) {
            throw new IllegalArgumentException("who switches is 1 to 128 characters, not " + actor);
        }
        if (feature(id).isEmpty()) {
            throw new NotFoundException("No feature '" + id + "' is installed; 'sr:features' or GET /api/v1/admin/features lists them.");
        }
        // The stored switch decides, not this node's copy, which may not have followed another node's change yet.
        boolean stored = store(id, enabled, actor);
        switchesHere++;
        boolean here = enabled ? disabled.remove(id) : disabled.add(id);
        if (here) {
            condition.setProperties(conditionProperties());
        }
        boolean changed = stored || here;
        if (enabled) {
            enableComponentsDisabledInScr(id);
        }
        Feature feature = feature(id).orElseThrow();
        if (changed && !feature.waitedOnBy().isEmpty()) {
            LOG.info("Feature '{}' {}; enabled features waiting on it: {}", id, enabled ? "enabled" : "disabled", feature.waitedOnBy());
        } else if (changed) {
            LOG.info("Feature '{}' {}", id, enabled ? "enabled" : "disabled");
        }
        return feature;
    }

    /**
     * Applies the switches another node changed, if the stored revision moved since this node read them: one
     * primary-key read when nothing changed. The database is read outside this service's lock (health reads the
     * features every second and must not wait on a slow database); a read that a switch made here overtook is
     * dropped, and the next call reads again, so an older read never undoes a newer switch.
     */
    void follow() {
        long seen;
        long generation;
        synchronized (this) {
            seen = revision;
            generation = switchesHere;
        }
        if (switches.revision() == seen) {
            return;
        }
        FeatureSwitches.Snapshot stored = switches.read();
        synchronized (this) {
            if (generation == switchesHere) {
                apply(stored);
            }
        }
    }

    /** A change of the stored switches, applied as {@link #setEnabled} applies one (without a second audit entry). */
    private void apply(FeatureSwitches.Snapshot stored) {
        Set<String> next = stored.disabled();
        revision = stored.revision();
        if (next.equals(disabled)) {
            return;
        }
        Map<String, FeatureSwitch> byId = new TreeMap<>();
        stored.switches().forEach(s -> byId.put(s.featureId(), s));
        List<String> enabledNow = disabled.stream().filter(id -> !next.contains(id)).toList();
        List<String> disabledNow = next.stream().filter(id -> !disabled.contains(id)).toList();
        disabled.clear();
        disabled.addAll(next);
        condition.setProperties(conditionProperties());
        for (String id : disabledNow) {
            LOG.info("Feature '{}' disabled on another node ({})", id, who(byId.get(id)));
        }
        for (String id : enabledNow) {
            enableComponentsDisabledInScr(id);
            LOG.info("Feature '{}' enabled on another node ({})", id, who(byId.get(id)));
        }
    }

    private static String who(FeatureSwitch s) {
        return s == null ? "its switch was removed" : s.changedBy() + " at " + s.changedAt();
    }

    /**
     * Stores a switch, with its audit entry in the same transaction when a trail is there. A trail that cannot be
     * written does not stop the switch: it is stored alone then, and the log says so.
     *
     * @return whether the stored switch changed
     */
    private boolean store(String id, boolean enabled, String actor) {
        AuditTrail t = trail;
        try {
            return transactions.inTransaction(tx -> {
                boolean changed = switches.set(tx, id, enabled, actor);
                if (changed && t != null) {
                    try {
                        t.record(tx, AuditChange.of(actor, enabled ? "feature.enabled" : "feature.disabled",
                                "feature:" + id, "{\"enabled\":" + !enabled + "}", "{\"enabled\":" + enabled + "}"));
                    } catch (RuntimeException e) {
                        throw new AuditFailure(e);
                    }
                }
                return changed;
            });
        } catch (AuditFailure e) {
            LOG.warn("Feature '{}' {}, but the audit trail could not record it", id, enabled ? "enabled" : "disabled",
                    e.getCause());
            return transactions.inTransaction(tx -> switches.set(tx, id, enabled, actor));
        }
    }

    /** The audit entry of a switch failed: its transaction is rolled back and the switch stored alone. */
    private static final class AuditFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AuditFailure(RuntimeException cause) {
            super(cause);
        }
    }

    /** For tests; DS sets the field. */
    void trail(AuditTrail trail) {
        this.trail = trail;
    }

    /** Who switched, when a caller does not say ({@link #setEnabled(String, boolean)}). */
    static final String SWITCHED_BY = "operator";

    /**
     * A feature's switch is the condition, but SCR can also disable a single component ({@code scr:disable},
     * or {@code disable} in Gogo, which an operator may type for {@code sr:disable}); the feature would stay
     * broken while its switch says enabled. Enabling it therefore enables every component of it that SCR
     * holds disabled, and waits briefly for SCR so the answer shows the result.
     */
    private void enableComponentsDisabledInScr(String id) {
        List<String> names = new ArrayList<>();
        List<Promise<Void>> pending = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (id.equals(description.properties.get(FEATURE_PROPERTY)) && !scr.isComponentEnabled(description)) {
                names.add(description.name);
                pending.add(scr.enableComponent(description));
            }
        }
        if (names.isEmpty()) {
            return;
        }
        LOG.info("Feature '{}': enabling its components that SCR held disabled: {}", id, names);
        for (Promise<Void> p : pending) {
            try {
                p.timeout(ENABLE_WAIT_MILLIS).getValue();
            } catch (InvocationTargetException e) {
                LOG.warn("Feature '{}': SCR did not enable a component in {} ms", id, ENABLE_WAIT_MILLIS, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Dictionary<String, Object> conditionProperties() {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(Condition.CONDITION_ID, CONDITION_ID);
        p.put(DISABLED_PROPERTY, disabled.toArray(String[]::new));
        return p;
    }

    /** The feature as its switch and its components make it, before its requirements are applied. */
    private FeatureRequirements.Candidate candidate(String id, List<FeatureComponent> parts, SortedSet<String> requires) {
        if (disabled.contains(id)) {
            return new FeatureRequirements.Candidate(id, false, FeatureState.DISABLED, parts, requires);
        }
        boolean allActive = !parts.isEmpty() && parts.stream().allMatch(c -> c.state().equals("ACTIVE") || c.state().equals("SATISFIED"));
        return new FeatureRequirements.Candidate(id, true, allActive ? FeatureState.ACTIVE : FeatureState.UNSATISFIED, parts, requires);
    }

    /** {@value #REQUIRES_PROPERTY} as DS gives it: a String, a String[] or nothing. */
    private static List<String> ids(Object value) {
        Stream<?> values = value instanceof String[] array ? Arrays.stream(array)
                : value instanceof Collection<?> collection ? collection.stream()
                : value == null ? Stream.empty() : Stream.of(value);
        return values.map(v -> String.valueOf(v).trim()).filter(v -> !v.isEmpty()).toList();
    }

    private String stateOf(ComponentDescriptionDTO description) {
        if (!scr.isComponentEnabled(description)) {
            return "DISABLED";
        }
        var configurations = scr.getComponentConfigurationDTOs(description);
        if (configurations.isEmpty()) {
            return "UNSATISFIED_CONFIGURATION";
        }
        int best = configurations.stream().mapToInt(c -> c.state).max().orElse(0);
        return switch (best) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "UNKNOWN";
        };
    }
}
