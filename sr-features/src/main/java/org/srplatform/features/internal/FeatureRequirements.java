package org.srplatform.features.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureComponent;
import org.srplatform.spi.feature.FeatureState;

/**
 * Turns what runs into what operators see once features require each other: an enabled feature is
 * {@link FeatureState#WAITING} while a feature it requires is disabled, not installed or not active,
 * and a feature requiring a waiting feature waits too.
 */
final class FeatureRequirements {

    /**
     * A feature before its requirements are taken into account.
     *
     * @param state    {@code DISABLED} if switched off, else {@code ACTIVE} or {@code UNSATISFIED} from its components
     * @param requires the feature ids its components declare, without its own
     */
    record Candidate(String id, boolean enabled, FeatureState state, List<FeatureComponent> components,
            SortedSet<String> requires) {
    }

    private FeatureRequirements() {
    }

    /** The features of {@code candidates}, ordered by id, with requirements applied. */
    static List<Feature> resolve(Collection<Candidate> candidates) {
        Map<String, Candidate> byId = new TreeMap<>();
        candidates.forEach(c -> byId.put(c.id(), c));
        Map<String, FeatureState> states = new TreeMap<>();
        byId.forEach((id, c) -> states.put(id, c.state()));
        // Start from what runs and mark waiting features until nothing changes. A round only ever turns
        // an enabled feature into WAITING, so this ends after at most one round per feature, however the
        // requirements loop; features in a cycle stay active as long as nothing outside it holds them up.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Candidate c : byId.values()) {
                if (c.enabled() && states.get(c.id()) != FeatureState.WAITING
                        && c.requires().stream().anyMatch(r -> states.get(r) != FeatureState.ACTIVE)) {
                    states.put(c.id(), FeatureState.WAITING);
                    changed = true;
                }
            }
        }
        List<Feature> features = new ArrayList<>();
        for (Candidate c : byId.values()) {
            FeatureState state = states.get(c.id());
            Optional<String> reason = state == FeatureState.WAITING ? Optional.of(reason(c, byId, states)) : Optional.empty();
            features.add(new Feature(c.id(), c.enabled(), state, c.components(), List.copyOf(c.requires()), reason,
                    waitingOn(c.id(), byId, states)));
        }
        return features;
    }

    /** {@code requires feature 'requests', which is disabled}; one clause per requirement that holds it up. */
    private static String reason(Candidate waiting, Map<String, Candidate> byId, Map<String, FeatureState> states) {
        return waiting.requires().stream().filter(r -> states.get(r) != FeatureState.ACTIVE)
                .map(r -> "requires feature '" + r + "', which " + why(r, byId, states))
                .collect(Collectors.joining("; "));
    }

    /** One level only: the operator follows the chain feature by feature, and a cycle cannot recurse. */
    private static String why(String id, Map<String, Candidate> byId, Map<String, FeatureState> states) {
        FeatureState state = states.get(id);
        if (state == null) {
            return "is not installed";
        }
        return switch (state) {
            case DISABLED -> "is disabled";
            case UNSATISFIED -> "is enabled but not active (a component is unsatisfied)";
            case WAITING -> "waits on " + byId.get(id).requires().stream().filter(r -> states.get(r) != FeatureState.ACTIVE)
                    .map(r -> "'" + r + "'").collect(Collectors.joining(", "));
            case ACTIVE -> "is active";
        };
    }

    /** The waiting features that {@code id} holds up, directly or through other waiting features. */
    private static List<String> waitingOn(String id, Map<String, Candidate> byId, Map<String, FeatureState> states) {
        if (states.get(id) == FeatureState.ACTIVE) {
            return List.of();
        }
        Set<String> found = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(id));
        while (!next.isEmpty()) {
            String required = next.poll();
            for (Candidate c : byId.values()) {
                if (states.get(c.id()) == FeatureState.WAITING && c.requires().contains(required)
                        && !c.id().equals(id) && found.add(c.id())) {
                    next.add(c.id());
                }
            }
        }
        return List.copyOf(found);
    }
}
