package org.srplatform.web.internal;

import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.srplatform.web.api.ApiV1;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationBase;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * The {@code /api/v1} application. Resources and extensions of any bundle join it by selecting
 * {@code (osgi.jakartars.name=sr-api-v1)}, so a later capability adds endpoints without touching this one.
 */
@Component(service = Application.class)
@JakartarsApplicationBase(ApiApplication.BASE)
@JakartarsName(ApiApplication.NAME)
// Served only once JSON and problem details can be written: no "no MessageBodyWriter" 500s at start-up; and
// only with the filters that keep browsers and the network safe: no moment without them.
@JakartarsExtensionSelect({"(osgi.jakartars.name=" + JsonProvider.NAME + ")", "(osgi.jakartars.name=" + ProblemMapper.NAME + ")",
        "(osgi.jakartars.name=" + TransportSecurity.NAME + ")", "(osgi.jakartars.name=" + CrossSiteOrigins.NAME + ")",
        "(osgi.jakartars.name=" + FormBodies.NAME + ")", "(osgi.jakartars.name=" + ResponseHeaders.NAME + ")"})
public final class ApiApplication extends Application {
    public static final String BASE = ApiV1.BASE;
    public static final String NAME = ApiV1.NAME;
    public static final String SELECT = ApiV1.SELECT;

    @Override
    public Map<String, Object> getProperties() {
        // The API is described by its own OpenAPI document: no WADL. Every provider is registered through the
        // whiteboard: no auto-discovery or META-INF/services scan. Both cost start-up time on every build.
        return Map.of("jersey.config.server.wadl.disableWadl", true, "jersey.config.disableAutoDiscovery", true,
                "jersey.config.disableMetainfServicesLookup", true);
    }
}
