package org.srplatform.admin.web.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.web.api.ApiV1;
import org.srplatform.web.api.PageView;

/**
 * {@code GET /admin/bundles}: what is installed in the framework now and its state, for the operator's Bundles page.
 * Read straight from the framework, so it answers while the administration feature is off (an operator needs it most
 * when something does not start); administrators only.
 */
@Component(service = BundleResource.class)
@JakartarsResource
@JakartarsApplicationSelect(ApiV1.SELECT)
@Path("admin/bundles")
@Produces(MediaType.APPLICATION_JSON)
public final class BundleResource {
    static final List<String> STATES = List.of("INSTALLED", "RESOLVED", "STARTING", "ACTIVE", "STOPPING", "UNINSTALLED");

    /** One bundle: {@code fragment} when it attaches to a host instead of starting; {@code uiModules} as declared. */
    public record BundleView(long id, String symbolicName, String name, String version, String state, boolean fragment,
            String uiModules) {
        static BundleView of(Bundle b) {
            String name = b.getHeaders("").get(Constants.BUNDLE_NAME);
            return new BundleView(b.getBundleId(), Optional.ofNullable(b.getSymbolicName()).orElse(""),
                    name == null ? "" : name, b.getVersion().toString(), stateName(b.getState()),
                    b.getHeaders("").get(Constants.FRAGMENT_HOST) != null, b.getHeaders("").get("SR-UI-Module"));
        }
    }

    private final BundleContext context;

    @Activate
    public BundleResource(BundleContext context) {
        this.context = context;
    }

    @GET
    public PageView<BundleView> list(@QueryParam("state") String state, @Context SecurityContext security) {
        AdminAccess.administrator(security);
        Optional<String> wanted = state(state);
        return PageView.all(Arrays.stream(context.getBundles()).map(BundleView::of)
                .filter(b -> wanted.map(w -> w.equals(b.state())).orElse(true))
                .sorted(Comparator.comparingLong(BundleView::id)).toList());
    }

    /** The framework's state constant by name. */
    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN";
        };
    }

    /** The state filter: empty for every bundle; a name that is no state is the caller's mistake (400). */
    static Optional<String> state(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        String s = state.strip().toUpperCase(Locale.ROOT);
        if (!STATES.contains(s)) {
            throw new ValidationException(FieldError.of("state", "'" + state + "' is not one of " + String.join(", ",
                    STATES)));
        }
        return Optional.of(s);
    }
}
