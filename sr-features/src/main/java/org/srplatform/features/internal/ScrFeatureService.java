package org.srplatform.features.internal;

import java.lang.reflect.InvocationTargetException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches features through one OSGi condition. Feature components are satisfied by the condition
 * {@code sr.features} only while its {@code disabled} property does not name their feature, so a
 * switch is one property update, SCR does the rest, and nothing of a disabled feature runs even
 * for a moment at start-up (the condition carries the saved choice from its first registration).
 * Requirements between features ({@value #REQUIRES_PROPERTY}) only change what is reported: see
 * {@link FeatureRequirements}.
 */
@Component(configurationPid = "org.srplatform.platform", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ScrFeatureService implements FeatureService {
    private static final Logger LOG = LoggerFactory.getLogger(ScrFeatureService.class);
    private static final long ENABLE_WAIT_MILLIS = 5_000;

    private final ServiceComponentRuntime scr;
    private final FeatureChoices choices;
    private final Set<String> disabled;
    private final ServiceRegistration<Condition> condition;
    /**
     * The platform's audit trail, when a bundle keeps one (sr-admin): each switch is recorded. Optional, so that
     * features switch without it (the audit bundle is itself a feature's).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail trail;

    /** The deployment's configuration (etc/org.srplatform.platform.cfg): where the choices are kept. */
    @interface Platform {
        String data_dir() default "data";
    }

    @Activate
    public ScrFeatureService(Platform platform, @Reference ServiceComponentRuntime scr, BundleContext context) {
        this(scr, choicesIn(platform), properties -> context.registerService(Condition.class, Condition.INSTANCE, properties));
    }

    /** For tests: {@code register} registers the condition with the properties it is given. */
    ScrFeatureService(ServiceComponentRuntime scr, FeatureChoices choices,
            Function<Dictionary<String, Object>, ServiceRegistration<Condition>> register) {
        this.scr = scr;
        this.choices = choices;
        this.disabled = new TreeSet<>(choices.disabled());
        this.condition = register.apply(conditionProperties());
        if (!disabled.isEmpty()) {
            LOG.info("Features switched off by an operator: {}", disabled);
        }
    }

    /** Where the operator's choices are kept: the data folder's {@code features.properties}. */
    private static FeatureChoices choicesIn(Platform platform) {
        String data = platform.data_dir();
        return new FeatureChoices(Path.of(data == null || data.isBlank() ? "data" : data, "features.properties"));
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
    public synchronized Feature setEnabled(String id, boolean enabled) {
        if (feature(id).isEmpty()) {
            throw new NotFoundException("No feature '" + id + "' is installed; 'sr:features' or GET /api/v1/admin/features lists them.");
        }
        boolean changed = enabled ? disabled.remove(id) : disabled.add(id);
        if (changed) {
            choices.save(disabled);
            condition.setProperties(conditionProperties());
            audit(id, enabled);
        }
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

    /** For tests; DS sets the field. */
    void trail(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * Records a switch. Who switched is not known here (the API and the shell both call {@link #setEnabled}):
     * {@value #SWITCHED_BY}. A trail that cannot be written does not undo the switch.
     */
    private void audit(String id, boolean enabled) {
        AuditTrail t = trail;
        if (t == null) {
            return;
        }
        try {
            t.record(AuditChange.of(SWITCHED_BY, enabled ? "feature.enabled" : "feature.disabled", "feature:" + id,
                    "{\"enabled\":" + !enabled + "}", "{\"enabled\":" + enabled + "}"));
        } catch (RuntimeException e) {
            LOG.warn("Feature '{}' {}, but the audit trail could not record it", id, enabled ? "enabled" : "disabled", e);
        }
    }

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
