package org.srplatform.ui.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

/**
 * The UI modules of the bundles that are ACTIVE now: a bundle with an {@value UiModule#HEADER} header joins the UI
 * when it starts and leaves it when it stops, as a capability's endpoints join and leave the API. The bundle serves
 * its module's files itself (a whiteboard resource under {@code /ui/<name>/}); this only lists them for the shell.
 */
@Component(service = UiModules.class)
public final class UiModules {
    private static final Logger LOG = LoggerFactory.getLogger(UiModules.class);

    private final Map<Long, List<UiModule>> byBundle = new ConcurrentHashMap<>();
    private final BundleTracker<List<UiModule>> tracker;

    @Activate
    public UiModules(BundleContext context) {
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public List<UiModule> addingBundle(Bundle bundle, BundleEvent event) {
                String header = bundle.getHeaders("").get(UiModule.HEADER);
                if (header == null) {
                    return null; // not tracked: no UI
                }
                try {
                    List<UiModule> modules = UiModule.parse(header, bundle.getSymbolicName());
                    byBundle.put(bundle.getBundleId(), modules);
                    return modules;
                } catch (IllegalArgumentException e) {
                    LOG.warn("Bundle {} declares no usable UI module: {}", bundle.getSymbolicName(), e.getMessage());
                    return null;
                }
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, List<UiModule> modules) {
                // Still ACTIVE: nothing changes.
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, List<UiModule> modules) {
                byBundle.remove(bundle.getBundleId());
            }
        });
        tracker.open();
    }

    @Deactivate
    void stop() {
        tracker.close();
    }

    /** Every module of an active bundle, by name (a name declared twice: the first bundle's). */
    List<UiModule> active() {
        List<UiModule> all = new ArrayList<>();
        byBundle.values().forEach(all::addAll);
        all.sort(Comparator.comparing(UiModule::name).thenComparing(UiModule::bundle));
        List<UiModule> unique = new ArrayList<>();
        for (UiModule m : all) {
            if (unique.stream().noneMatch(u -> u.name().equals(m.name()))) {
                unique.add(m);
            }
        }
        return unique;
    }
}
