package org.srplatform.casework.web.internal;

import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;

/**
 * The support console's pages, brought by the bundle that owns the work as it brings the endpoints: the queue with
 * its SLA clocks, an SR's page with the actions per role, phone intake, callbacks and the SLA charts. The shell
 * (sr-ui) lists the module for staff while this bundle is active; its files are served from here at
 * {@code /ui/console/}.
 */
@Component(service = ConsolePages.class, property = {
        "osgi.http.whiteboard.resource.pattern=/ui/console/*",
        "osgi.http.whiteboard.resource.prefix=/web/console",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
@Header(name = "SR-UI-Module", value = "console;audience=staff")
public final class ConsolePages {
}
