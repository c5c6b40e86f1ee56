package org.srplatform.web.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.srplatform.spi.feature.FeatureComponent;
import org.srplatform.spi.feature.FeatureService;

/**
 * Reads what {@link PlatformHealth} judges, at each call: the framework's start level, the core bundles'
 * components in SCR, the features. A few DTOs per call, so load balancers may poll it every second.
 *
 * <p>Felix Health Checks (org.apache.felix.healthcheck) was weighed and not used: the answer is the
 * platform's own contract ({@code status} STARTING/DOWN, the features list) computed from SCR and the
 * feature service, so its checks would be ours anyway, wrapped in its executor; it adds two to three
 * bundles, needs EventAdmin and its own servlet on the servlet whiteboard beside the REST one, and
 * costs start-up time in a platform measured to ready.
 */
@Component(service = Readiness.class)
public final class Readiness {
    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FeatureService features;

    @Activate
    public Readiness(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    PlatformHealth.Health health() {
        FeatureService service = features;
        return PlatformHealth.evaluate(startingBundles(), core(PlatformHealth.STORE_BUNDLE),
                core(PlatformHealth.FEATURES_BUNDLE), Optional.ofNullable(service).map(FeatureService::features));
    }

    /**
     * While the framework starts its bundles (the launcher sets the beginning start level to the last
     * level of the platform's bundles): some bundles and so some features are not there yet.
     */
    private Optional<String> startingBundles() {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        int target = beginningStartLevel();
        int now = system.adapt(FrameworkStartLevel.class).getStartLevel();
        if (system.getState() != Bundle.ACTIVE || now < target) {
            return Optional.of("the framework is starting its bundles (start level " + now + " of " + target + ")");
        }
        return Optional.empty();
    }

    private int beginningStartLevel() {
        try {
            String value = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
            return value == null ? 1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private PlatformHealth.CoreBundle core(String symbolicName) {
        Optional<Bundle> bundle = Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .filter(b -> b.getState() == Bundle.ACTIVE).findFirst();
        if (bundle.isEmpty()) {
            return new PlatformHealth.CoreBundle(symbolicName, false, List.of());
        }
        List<FeatureComponent> components = scr.getComponentDescriptionDTOs(bundle.get()).stream()
                .map(d -> new FeatureComponent(d.name, symbolicName, stateOf(d))).toList();
        return new PlatformHealth.CoreBundle(symbolicName, true, components);
    }

    /** As the feature service names SCR states, so that one judgement serves both. */
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
