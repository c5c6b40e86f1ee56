package org.srplatform.features.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;
import org.srplatform.spi.feature.FeatureService;

/**
 * SCR as far as the feature service sees it. A component is unsatisfied while the condition names its
 * feature or a feature whose service it references as disabled, as the real SCR makes it; otherwise
 * active, unless a test says otherwise.
 */
final class FakeServiceComponentRuntime implements ServiceComponentRuntime {
    private final FakeConditionRegistration condition;
    private final List<ComponentDescriptionDTO> descriptions = new ArrayList<>();
    private final Map<String, Collection<String>> uses = new HashMap<>();
    private final Map<String, Integer> states = new HashMap<>();
    private final Set<String> disabledInScr = new HashSet<>();

    FakeServiceComponentRuntime(FakeConditionRegistration condition) {
        this.condition = condition;
    }

    /** A component of {@code feature} referencing services of {@code uses}, declared as {@code requires} (null: none). */
    FakeServiceComponentRuntime component(String name, String feature, Object requires, String... uses) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = name;
        d.bundle = new BundleDTO();
        d.bundle.symbolicName = "org.srplatform." + feature;
        d.properties = new HashMap<>(Map.of(FeatureService.FEATURE_PROPERTY, feature));
        if (requires != null) {
            d.properties.put(FeatureService.REQUIRES_PROPERTY, requires);
        }
        descriptions.add(d);
        this.uses.put(name, List.of(uses));
        return this;
    }

    /** Holds a component in {@code state} (a {@link ComponentConfigurationDTO} constant) whatever the switches say. */
    void hold(String name, int state) {
        states.put(name, state);
    }

    @Override
    public Collection<ComponentDescriptionDTO> getComponentDescriptionDTOs(Bundle... bundles) {
        return List.copyOf(descriptions);
    }

    @Override
    public ComponentDescriptionDTO getComponentDescriptionDTO(Bundle bundle, String name) {
        return descriptions.stream().filter(d -> d.name.equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<ComponentConfigurationDTO> getComponentConfigurationDTOs(ComponentDescriptionDTO description) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.description = description;
        Set<String> disabled = condition.disabled();
        boolean switchedOff = disabled.contains(description.properties.get(FeatureService.FEATURE_PROPERTY))
                || uses.get(description.name).stream().anyMatch(disabled::contains);
        c.state = states.getOrDefault(description.name,
                switchedOff ? ComponentConfigurationDTO.UNSATISFIED_REFERENCE : ComponentConfigurationDTO.ACTIVE);
        return List.of(c);
    }

    @Override
    public boolean isComponentEnabled(ComponentDescriptionDTO description) {
        return !disabledInScr.contains(description.name);
    }

    /** As {@code scr:disable NAME} does (only operators do: features are switched by the condition). */
    @Override
    public Promise<Void> disableComponent(ComponentDescriptionDTO description) {
        disabledInScr.add(description.name);
        return Promises.resolved(null);
    }

    @Override
    public Promise<Void> enableComponent(ComponentDescriptionDTO description) {
        if (!disabledInScr.remove(description.name)) {
            throw new IllegalStateException(description.name + " is enabled already: only components SCR holds disabled are enabled");
        }
        return Promises.resolved(null);
    }

    void disableInScr(String name) {
        disableComponent(getComponentDescriptionDTO(null, name));
    }
}
