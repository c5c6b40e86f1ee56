package org.srplatform.escalation.web.internal;

import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;

/**
 * The escalation board's pages, brought by the bundle that owns escalations as it brings their endpoints: the daily
 * review, an escalation's page with its plans, updates, history and collaborations, the actions per role, and open
 * escalations by age. The shell (sr-ui) lists the module for staff while this bundle is active; its files are
 * served from here at {@code /ui/escalations/}.
 */
@Component(service = EscalationPages.class, property = {
        "osgi.http.whiteboard.resource.pattern=/ui/escalations/*",
        "osgi.http.whiteboard.resource.prefix=/web/escalations",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
@Header(name = "SR-UI-Module", value = "escalations;audience=staff")
public final class EscalationPages {
}
