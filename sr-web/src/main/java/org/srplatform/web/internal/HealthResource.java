package org.srplatform.web.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureService;

/** {@code GET /health}: open to anyone, for load balancers and operators. */
@Component(service = HealthResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    /**
     * @param status   {@code UP} while the platform serves; features tell what works
     * @param features every feature with its switch and state; empty while feature switching is down
     */
    public record Health(String status, List<FeatureHealth> features) {
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FeatureService features;

    @GET
    public Health health() {
        FeatureService service = features;
        List<FeatureHealth> list = service == null ? List.of()
                : service.features().stream().map(FeatureHealth::of).toList();
        return new Health("UP", list);
    }
}
