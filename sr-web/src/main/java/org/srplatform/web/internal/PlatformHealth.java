package org.srplatform.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureComponent;
import org.srplatform.spi.feature.FeatureState;

/**
 * Whether the platform can serve, from what runs: {@code UP} only once the framework has started its
 * bundles, the store and feature switching are up and every enabled feature is active; {@code STARTING}
 * while something is still coming up; {@code DOWN} when a part has failed (a component that failed to
 * activate or that SCR holds disabled, a core bundle that is not running), each named in {@link Check}s.
 *
 * <p>An enabled feature that waits ({@link FeatureState#WAITING}) on a feature an operator disabled or
 * stopped is listed as a check with status {@code WAITING} and its reason, but does not hold readiness: the switch is the operator's choice, and a
 * load balancer taking every node out for it would turn one switch into an outage. A feature it waits on
 * that is enabled but not active is a check of its own.
 */
final class PlatformHealth {
    static final String UP = "UP";
    static final String STARTING = "STARTING";
    static final String DOWN = "DOWN";
    /** A capability works in part (the mail server refuses us): shown, the platform stays ready. */
    static final String DEGRADED = "DEGRADED";

    /** The store's bundle and feature switching: the core the health is about besides features. */
    static final String STORE_BUNDLE = "org.srplatform.store";
    static final String FEATURES_BUNDLE = "org.srplatform.features";

    /**
     * @param status {@code UP} while the platform can serve, else {@code STARTING} or {@code DOWN}
     * @param checks each part readiness depends on ({@code platform}, {@code store}, {@code features}, each
     *               enabled feature by its id), with its status and, when not up, what is wrong
     * @param features every feature with its switch and state; empty while feature switching is down
     */
    public record Health(String status, List<Check> checks, List<FeatureHealth> features) {
        boolean up() {
            return UP.equals(status);
        }
    }

    /** @param detail what is wrong and what to do about it; null when the part is up */
    public record Check(String name, String status, String detail) {
        static Check up(String name) {
            return new Check(name, UP, null);
        }
    }

    /**
     * @param requires the features it needs ({@code ["requests"]})
     * @param reason   why it is {@code WAITING} ({@code requires feature 'requests', which is disabled}); null otherwise
     */
    public record FeatureHealth(String id, boolean enabled, String state, List<String> requires, Optional<String> reason) {
        static FeatureHealth of(Feature f) {
            return new FeatureHealth(f.id(), f.enabled(), f.state().name(), f.requires(), f.reason());
        }
    }

    /**
     * A core bundle as it runs.
     *
     * @param running    whether the bundle is installed and active
     * @param components its DS components with their SCR states, as {@link FeatureComponent}s carry them
     */
    record CoreBundle(String symbolicName, boolean running, List<FeatureComponent> components) {
    }

    private PlatformHealth() {
    }

    /**
     * @param startingBundles while the framework has not yet reached its start level: what it says about it
     * @param features        empty while the feature service is not there
     */
    static Health evaluate(Optional<String> startingBundles, CoreBundle store, CoreBundle featureSwitching,
            Optional<List<Feature>> features) {
        return evaluate(startingBundles, store, featureSwitching, features, Optional.empty());
    }

    /**
     * @param endpointsJoining while endpoints registered as services have not yet joined the REST
     *                         application: what it says about them (a moment after each bundle starts)
     */
    static Health evaluate(Optional<String> startingBundles, CoreBundle store, CoreBundle featureSwitching,
            Optional<List<Feature>> features, Optional<String> endpointsJoining) {
        return evaluate(startingBundles, store, featureSwitching, features, endpointsJoining, List.of());
    }

    /**
     * @param contributed checks of capabilities ({@code HealthIndicator}s): DOWN makes the platform DOWN,
     *                    STARTING holds readiness as the platform's own parts do, DEGRADED is shown but leaves it ready
     */
    static Health evaluate(Optional<String> startingBundles, CoreBundle store, CoreBundle featureSwitching,
            Optional<List<Feature>> features, Optional<String> endpointsJoining, List<Check> contributed) {
        boolean starting = startingBundles.isPresent();
        List<Check> checks = new ArrayList<>();
        checks.add(startingBundles.map(s -> new Check("platform", STARTING, s)).orElse(Check.up("platform")));
        checks.add(core("store", store, starting));
        Check switching = core("features", featureSwitching, starting);
        if (switching.status().equals(UP) && features.isEmpty()) {
            switching = new Check("features", STARTING, "feature switching is not there yet");
        }
        checks.add(switching);
        checks.add(endpointsJoining.map(s -> new Check("api", STARTING, s)).orElse(Check.up("api")));
        for (Feature f : features.orElse(List.of())) {
            if (f.enabled()) {
                feature(f, starting).ifPresent(checks::add);
            }
        }
        checks.addAll(contributed);
        String status = checks.stream().anyMatch(c -> c.status().equals(DOWN)) ? DOWN
                : checks.stream().anyMatch(c -> c.status().equals(STARTING)) ? STARTING : UP;
        return new Health(status, List.copyOf(checks),
                features.orElse(List.of()).stream().map(FeatureHealth::of).toList());
    }

    private static Check core(String name, CoreBundle bundle, boolean starting) {
        if (!bundle.running()) {
            return starting ? new Check(name, STARTING, "its bundle " + bundle.symbolicName() + " is starting")
                    : new Check(name, DOWN, "its bundle " + bundle.symbolicName() + " is not running; start it"
                            + " ('start " + bundle.symbolicName() + "' in the shell) or restart the platform");
        }
        Optional<String> failed = failed(bundle.components(), "restart the platform once it is fixed", starting);
        if (failed.isPresent()) {
            return new Check(name, DOWN, failed.get());
        }
        if (bundle.components().isEmpty()) {
            return new Check(name, STARTING, "its components are not declared yet");
        }
        List<FeatureComponent> waiting = bundle.components().stream().filter(Predicate.not(PlatformHealth::running)).toList();
        return waiting.isEmpty() ? Check.up(name) : new Check(name, STARTING, "waiting: " + describe(waiting));
    }

    /** A feature's check; empty for a disabled one. */
    private static Optional<Check> feature(Feature f, boolean starting) {
        String enable = "'sr:enable " + f.id() + "' or PUT /api/v1/admin/features/" + f.id() + " {\"enabled\": true}"
                + " enables them again";
        Optional<String> failed = failed(f.components(), enable, starting);
        if (failed.isPresent()) {
            return Optional.of(new Check(f.id(), DOWN, failed.get()));
        }
        return switch (f.state()) {
            case ACTIVE -> Optional.of(Check.up(f.id()));
            case UNSATISFIED -> {
                List<FeatureComponent> waiting = f.components().stream().filter(Predicate.not(PlatformHealth::running)).toList();
                yield Optional.of(new Check(f.id(), STARTING, waiting.isEmpty() ? "its components are not there yet"
                        : "waiting: " + describe(waiting)));
            }
            // Shown, so health tells the truth, but it does not hold readiness (see the class comment).
            case WAITING -> Optional.of(new Check(f.id(), FeatureState.WAITING.name(),
                    f.reason().orElse("waits on a feature it requires")));
            case DISABLED -> Optional.empty();
        };
    }

    /**
     * What failed among the components: those SCR holds disabled, or whose activation failed. Counted, not
     * named: this answer is public, so no component (class) names, paths or exceptions; the shell
     * ({@code sr:features}, {@code scr:list}) and the log name them for the operator. While bundles start,
     * SCR reports their components disabled until it has enabled them: not a failure yet.
     */
    private static Optional<String> failed(List<FeatureComponent> components, String disabledFix, boolean starting) {
        List<String> notes = new ArrayList<>();
        long disabled = starting ? 0 : components.stream().filter(c -> c.state().equals("DISABLED")).count();
        if (disabled > 0) {
            notes.add(count(disabled) + (disabled == 1 ? " is" : " are") + " disabled in SCR (scr:disable); " + disabledFix);
        }
        List<FeatureComponent> broken = components.stream().filter(c -> c.state().equals("FAILED_ACTIVATION")).toList();
        if (broken.stream().anyMatch(c -> c.name().equals(DATABASE_COMPONENT))) {
            notes.add("the database could not be opened (in use by another process, or damaged); the log says why");
        } else if (!broken.isEmpty()) {
            notes.add(count(broken.size()) + " failed to start; the log says why");
        }
        return notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes));
    }

    /** The store's Derby database component, the one a failed store start is nearly always about. */
    static final String DATABASE_COMPONENT = "org.srplatform.store.database";

    private static boolean running(FeatureComponent c) {
        return c.state().equals("ACTIVE") || c.state().equals("SATISFIED");
    }

    /** {@code 1 component for a service it needs, 2 for their configuration}. */
    private static String describe(List<FeatureComponent> components) {
        Map<String, Long> byState = components.stream().collect(Collectors.groupingBy(FeatureComponent::state,
                TreeMap::new, Collectors.counting()));
        List<String> parts = new ArrayList<>();
        byState.forEach((state, n) -> parts.add((parts.isEmpty() ? count(n) : Long.toString(n)) + " " + switch (state) {
            case "UNSATISFIED_REFERENCE" -> "for a service it needs";
            case "UNSATISFIED_CONFIGURATION" -> "for its configuration";
            case "DISABLED" -> "not enabled yet";
            default -> "in state " + state;
        }));
        return String.join(", ", parts);
    }

    private static String count(long n) {
        return n + (n == 1 ? " component" : " components");
    }
}
