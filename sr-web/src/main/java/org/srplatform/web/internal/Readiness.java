package org.srplatform.web.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
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
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.FailedResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;
import org.srplatform.spi.feature.FeatureComponent;
import org.srplatform.spi.feature.FeatureService;
import org.srplatform.spi.health.HealthCheck;
import org.srplatform.spi.health.HealthIndicator;

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

    /** The REST whiteboard's view of what it serves: an endpoint is there once it is in one of its DTOs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JakartarsServiceRuntime restRuntime;

    /** Checks capabilities contribute (the mail server, the confirmations owed). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HealthIndicator> indicators = List.of();

    @Activate
    public Readiness(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    PlatformHealth.Health health() {
        FeatureService service = features;
        return PlatformHealth.evaluate(startingBundles(), core(PlatformHealth.STORE_BUNDLE),
                core(PlatformHealth.FEATURES_BUNDLE), Optional.ofNullable(service).map(FeatureService::features),
                endpointsJoining(), contributed());
    }

    private List<PlatformHealth.Check> contributed() {
        List<PlatformHealth.Check> checks = new java.util.ArrayList<>();
        for (HealthIndicator indicator : indicators) {
            try {
                HealthCheck c = indicator.check();
                checks.add(new PlatformHealth.Check(indicator.name(), c.status().name(), c.detail()));
            } catch (RuntimeException e) {
                checks.add(new PlatformHealth.Check(indicator.name(), PlatformHealth.DEGRADED,
                        "the check failed; the log says why"));
                org.slf4j.LoggerFactory.getLogger(Readiness.class).warn("Health check {} failed", indicator.name(), e);
            }
        }
        return checks;
    }

    /**
     * Endpoints registered as services that the whiteboard has not yet added to an application (nor
     * refused): it adds them one by one after their bundles start, and until then they answer 404.
     */
    private Optional<String> endpointsJoining() {
        JakartarsServiceRuntime runtime = restRuntime;
        if (runtime == null) {
            return Optional.of("the REST whiteboard is starting");
        }
        ServiceReference<?>[] registered;
        try {
            registered = context.getServiceReferences((String) null, "(" + RESOURCE + "=true)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a constant filter", e);
        }
        if (registered == null) {
            return Optional.empty();
        }
        RuntimeDTO dto = runtime.getRuntimeDTO();
        Set<Long> known = new HashSet<>();
        List<ApplicationDTO> applications = new ArrayList<>(Arrays.asList(dto.applicationDTOs));
        if (dto.defaultApplication != null) {
            applications.add(dto.defaultApplication);
        }
        for (ApplicationDTO application : applications) {
            for (ResourceDTO resource : application.resourceDTOs) {
                known.add(resource.serviceId);
            }
        }
        for (FailedResourceDTO failed : dto.failedResourceDTOs) {
            known.add(failed.serviceId);
        }
        long joining = Arrays.stream(registered).map(r -> (Long) r.getProperty(Constants.SERVICE_ID))
                .filter(id -> !known.contains(id)).count();
        return joining == 0 ? Optional.empty()
                : Optional.of(joining + (joining == 1 ? " endpoint is" : " endpoints are") + " joining the API");
    }

    private static final String RESOURCE = "osgi.jakartars.resource";

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
