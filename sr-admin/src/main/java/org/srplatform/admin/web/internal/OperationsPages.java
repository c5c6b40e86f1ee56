package org.srplatform.admin.web.internal;

import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;

/**
 * The operator pages beside Features: Bundles (GET /admin/bundles), partner connectors with the platform's health
 * checks, and the outbox's dead letters with retry. The shell (sr-ui) lists the module for staff while this bundle
 * is active and shows its pages to administrators; its files are served from here at {@code /ui/operations/}.
 */
@Component(service = OperationsPages.class, property = {
        "osgi.http.whiteboard.resource.pattern=/ui/operations/*",
        "osgi.http.whiteboard.resource.prefix=/web/operations",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
@Header(name = "SR-UI-Module", value = "operations;audience=staff")
public final class OperationsPages {
}
