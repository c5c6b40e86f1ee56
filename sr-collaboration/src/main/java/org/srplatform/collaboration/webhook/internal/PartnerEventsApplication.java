package org.srplatform.collaboration.webhook.internal;

import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationBase;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * The REST application partners push to, at {@code /api/v1/partner-events}: its own application, so the
 * platform's HTTP Basic sign-in does not apply (a partner is no user); each connector authenticates what is
 * pushed to it, by a shared-secret signature ({@link org.srplatform.api.partner.PartnerConnector#receive}).
 */
@Component(service = Application.class)
@JakartarsApplicationBase(PartnerEventsApplication.BASE)
@JakartarsName("sr-partner-events")
public final class PartnerEventsApplication extends Application {
    static final String BASE = "api/v1/partner-events";

    private final PartnerEventResource resource;

    @Activate
    public PartnerEventsApplication(@Reference PartnerEventResource resource) {
        this.resource = resource;
    }

    @Override
    public Set<Object> getSingletons() {
        return Set.of(resource);
    }

    @Override
    public Map<String, Object> getProperties() {
        // As the API application (sr-web's ApiApplication says why): start-up time on every build.
        return Map.of("jersey.config.server.wadl.disableWadl", true, "jersey.config.disableAutoDiscovery", true,
                "jersey.config.disableMetainfServicesLookup", true);
    }
}
