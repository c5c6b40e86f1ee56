package org.srplatform.store.internal.db;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.condition.Condition;

/**
 * The condition {@code org.srplatform.store.settled}: the store's open has ended, with the database open and the
 * components that need it started, or with the failure that health reports. {@link DatabaseSetup} makes it then and
 * takes it back when it closes the database. {@code etc/JakartarsServletWhiteboardRuntimeComponent.cfg} makes the
 * REST whiteboard wait for it, so the API applications are built once, with every endpoint, instead of once more for
 * each endpoint that joins as the store comes up. A factory, not a disabled component: health counts a disabled
 * component as a failure.
 */
@Component(factory = StoreSettled.FACTORY, service = Condition.class,
        property = Condition.CONDITION_ID + "=" + StoreSettled.ID)
public final class StoreSettled implements Condition {
    static final String FACTORY = "org.srplatform.store.settled";
    static final String ID = "org.srplatform.store.settled";
}
