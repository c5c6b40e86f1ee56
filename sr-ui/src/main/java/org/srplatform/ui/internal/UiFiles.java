package org.srplatform.ui.internal;

import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Component;

/**
 * The files of the shell and of this bundle's own UI modules, served from the bundle by the HTTP whiteboard: each
 * module's folder {@code /ui/<name>/} is a resource registration of the bundle that declares the module, as a
 * capability bundle would register its own (docs/ui.md).
 */
final class UiFiles {
    private UiFiles() {
    }

    /** The shell: {@code /ui/shell/} (app, API client, i18n, styles). */
    @Component(service = Shell.class, property = {
            "osgi.http.whiteboard.resource.pattern=/ui/shell/*",
            "osgi.http.whiteboard.resource.prefix=/web/shell",
            "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
    public static final class Shell {
    }

    /** The customer portal module: Get Support and My requests. */
    @Component(service = Portal.class, property = {
            "osgi.http.whiteboard.resource.pattern=/ui/portal/*",
            "osgi.http.whiteboard.resource.prefix=/web/portal",
            "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
    @Header(name = UiModule.HEADER, value = "portal;audience=customer, operator;audience=staff")
    public static final class Portal {
    }

    /** The operator module: features. */
    @Component(service = Operator.class, property = {
            "osgi.http.whiteboard.resource.pattern=/ui/operator/*",
            "osgi.http.whiteboard.resource.prefix=/web/operator",
            "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)" })
    public static final class Operator {
    }
}
