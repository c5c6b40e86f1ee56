package org.srplatform.web.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.srplatform.spi.security.UserEvents;

/**
 * Forgets a user's remembered credentials once the user directory says the user changed (a one-time password set by
 * an administrator, deactivation, new roles): otherwise the old password would open the account, with the old roles,
 * until the credential cache let it go.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + UserEvents.CHANGED)
public final class CredentialInvalidation implements EventHandler {
    private final CredentialCache cache;

    @Activate
    public CredentialInvalidation(@Reference CredentialCache cache) {
        this.cache = cache;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(UserEvents.LOGIN) instanceof String login) {
            cache.forget(login);
        }
    }
}
