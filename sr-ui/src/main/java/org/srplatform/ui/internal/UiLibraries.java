package org.srplatform.ui.internal;

import org.osgi.service.component.annotations.Component;

/**
 * Maintained libraries the UI modules share, served once from this bundle at {@code /ui/lib/}: Chart.js's UMD build
 * ({@code /ui/lib/chart.umd.min.js}, copied from its WebJar at build time, see bnd.bnd). A module loads it with a
 * script element from its own origin, which the CSP allows; Chart.js styles its canvas from script, which the CSP
 * does not restrict.
 */
@Component(service = UiLibraries.class, property = {
        "osgi.http.whiteboard.resource.pattern=/ui/lib/*",
        "osgi.http.whiteboard.resource.prefix=/web/lib",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
public final class UiLibraries {
}
