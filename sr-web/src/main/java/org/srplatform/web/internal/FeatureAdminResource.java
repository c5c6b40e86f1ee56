package org.srplatform.web.internal;

import org.srplatform.web.api.PageView;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.FeatureUnavailableException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureComponent;
import org.srplatform.spi.feature.FeatureService;
import org.srplatform.api.security.Role;

/** {@code GET|PUT /admin/features}: administrators switch capabilities while the platform runs. */
@Component(service = FeatureAdminResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiApplication.SELECT)
@Path("admin/features")
@Produces(MediaType.APPLICATION_JSON)
public final class FeatureAdminResource {

    /**
     * @param requires   the features it needs ({@code ["requests"]})
     * @param reason     why it is {@code WAITING} ({@code requires feature 'requests', which is disabled}); null otherwise
     * @param waitedOnBy the enabled features waiting because this one is not active (after {@code PUT {"enabled":false}}:
     *                   what the switch held up)
     */
    public record FeatureView(String id, boolean enabled, String state, List<FeatureComponent> components,
            List<String> requires, Optional<String> reason, List<String> waitedOnBy) {
        static FeatureView of(Feature f) {
            return new FeatureView(f.id(), f.enabled(), f.state().name(), f.components(), f.requires(), f.reason(), f.waitedOnBy());
        }
    }

    /** {@code {"enabled": false}}; a boxed Boolean so that a missing field is told apart from false. */
    public record Switch(Boolean enabled) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FeatureService features;

    @GET
    public PageView<FeatureView> list(@Context SecurityContext security) {
        SignedIn.withRole(security, Role.ADMINISTRATOR);
        return PageView.all(service().features().stream().map(FeatureView::of).toList());
    }

    @GET
    @Path("{id}")
    public FeatureView get(@PathParam("id") String id, @Context SecurityContext security) {
        SignedIn.withRole(security, Role.ADMINISTRATOR);
        return service().feature(id).map(FeatureView::of).orElseThrow(() -> new org.srplatform.api.common.NotFoundException(
                "No feature '" + id + "' is installed."));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public FeatureView put(@PathParam("id") String id, Switch change, @Context SecurityContext security) {
        var caller = SignedIn.withRole(security, Role.ADMINISTRATOR);
        if (change == null || change.enabled() == null) {
            throw new ValidationException(FieldError.of("enabled", "is required: true or false"));
        }
        // The administrator is who the audit trail names.
        return FeatureView.of(service().setEnabled(id, change.enabled(), caller.login()));
    }

    private FeatureService service() {
        return FeatureUnavailableException.require(features, "features");
    }
}
