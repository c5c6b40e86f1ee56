package org.srplatform.notify.email.internal;

import java.util.Hashtable;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Reads {@code etc/org.srplatform.notify.email.cfg} and makes the e-mail channel from it. It registers no service
 * itself: the channel gets the settings as a private property, so that {@code smtp.password} never becomes a
 * property of a registered service (readable by every bundle, and shown by {@code scr:info} and the web console), as
 * DS would make it of a configured component's. A new configuration makes a new channel.
 */
@Component(immediate = true /* report wrong settings at once */, configurationPid = EmailConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EmailConfig.class)
public final class EmailSetup {
    private final ComponentInstance<EmailChannel> channel;

    @Activate
    public EmailSetup(EmailConfig config,
            @Reference(target = "(component.factory=" + EmailChannel.FACTORY + ")") ComponentFactory<EmailChannel> channels) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EmailChannel.CONFIG, config);
        // Where mail goes, for operators (scr:info) and tests waiting for a new configuration: nothing secret.
        properties.put("smtp.host", config.smtp_host());
        properties.put("smtp.port", config.smtp_port());
        channel = channels.newInstance(properties);
    }

    @Deactivate
    void close() {
        channel.dispose();
    }
}
