package org.srplatform.web.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.web.api.ApiV1;

/**
 * Which feature of a bundle that is not running serves a request: follows the bundles that declare
 * their endpoints in the {@code SR-Endpoints} header (an extender: the one place the web bundle looks at
 * other bundles), so that a stopped capability's endpoints answer 503 naming it rather than 404.
 */
@Component(service = StoppedCapabilities.class)
public final class StoppedCapabilities {
    private static final Logger LOG = LoggerFactory.getLogger(StoppedCapabilities.class);
    private static final int INSTALLED_NOT_UNINSTALLED = Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING
            | Bundle.ACTIVE | Bundle.STOPPING;

    /** A bundle as the header and its state say at the time of a request. */
    record Declared(String bundle, long id, int state, String header) {
    }

    /** A request's feature, and the bundle that serves it but is not running. */
    record Stopped(String feature, String bundle, long id, int state) {
        String detail() {
            String why = switch (state) {
                case Bundle.INSTALLED -> "is not resolved (a requirement is missing: 'diag " + id
                        + "' in the Gogo shell names it)";
                case Bundle.STARTING -> "is starting; try again in a moment";
                case Bundle.STOPPING -> "is stopping; an administrator can start it again with 'start " + id
                        + "' in the Gogo shell";
                default -> "is stopped; an administrator can start it with 'start " + id + "' in the Gogo shell";
            };
            return "Feature '" + feature + "' is not available: its bundle " + bundle + " " + why + ".";
        }
    }

    // The tracked object is the bundle itself: its header is read when asked, so an updated bundle's new
    // declaration counts without bookkeeping (404s are rare enough to parse a short header each time).
    private final BundleTracker<Bundle> bundles;

    @Activate
    public StoppedCapabilities(BundleContext context) {
        bundles = new BundleTracker<>(context, INSTALLED_NOT_UNINSTALLED, new Declarations());
        bundles.open();
    }

    @Deactivate
    void close() {
        bundles.close();
    }

    /**
     * The feature, of a bundle that is not {@code ACTIVE}, that serves {@code method path}.
     *
     * @param path below {@code /api/v1}
     */
    Optional<Stopped> serving(String method, String path) {
        return find(declared(), method, path, false);
    }

    /**
     * As {@link #serving}, but only endpoints of one method on a path without parameters: those that a
     * running resource's template can take while their bundle is stopped ({@code /requests/{number}}
     * takes {@code GET /requests/fields} while intake is stopped, and answers "no such SR").
     */
    Optional<Stopped> servingExactly(String method, String path) {
        return find(declared(), method, path, true);
    }

    private Stream<Declared> declared() {
        return bundles.getTracked().keySet().stream().map(b -> new Declared(b.getSymbolicName(), b.getBundleId(),
                b.getState(), b.getHeaders("").get(ApiV1.ENDPOINTS_HEADER)));
    }

    static Optional<Stopped> find(Stream<Declared> declared, String method, String path, boolean exactly) {
        List<String> segments = DeclaredEndpoint.segments(path);
        return declared.filter(d -> d.state() != Bundle.ACTIVE && d.header() != null)
                .sorted(Comparator.comparingLong(Declared::id))
                .flatMap(d -> endpoints(d).stream().filter(e -> (!exactly || e.literal()) && e.serves(method, segments))
                        .map(e -> new Stopped(e.feature(), d.bundle(), d.id(), d.state())))
                .findFirst();
    }

    private static List<DeclaredEndpoint> endpoints(Declared d) {
        try {
            return DeclaredEndpoint.parse(d.header());
        } catch (IllegalArgumentException e) {
            return List.of(); // warned when the bundle was installed
        }
    }

    private static final class Declarations implements BundleTrackerCustomizer<Bundle> {
        @Override
        public Bundle addingBundle(Bundle bundle, BundleEvent event) {
            String header = bundle.getHeaders("").get(ApiV1.ENDPOINTS_HEADER);
            if (header == null) {
                return null;
            }
            try {
                DeclaredEndpoint.parse(header);
            } catch (IllegalArgumentException e) {
                LOG.warn("Bundle {} ({}): its {} header is malformed ({}); its endpoints answer 404 while it is not"
                        + " running", bundle.getSymbolicName(), bundle.getBundleId(), ApiV1.ENDPOINTS_HEADER, e.getMessage());
            }
            return bundle;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
        }
    }
}
