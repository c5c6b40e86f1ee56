package org.srplatform.features.internal;

import java.util.Dictionary;
import java.util.Set;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.condition.Condition;
import org.srplatform.spi.feature.FeatureService;

/** The {@code sr.features} condition's registration: keeps the properties the feature service gives it. */
final class FakeConditionRegistration implements ServiceRegistration<Condition> {
    private Dictionary<String, ?> properties;

    ServiceRegistration<Condition> register(Dictionary<String, Object> initial) {
        properties = initial;
        return this;
    }

    Set<String> disabled() {
        return properties == null ? Set.of() : Set.of((String[]) properties.get(FeatureService.DISABLED_PROPERTY));
    }

    @Override
    public ServiceReference<Condition> getReference() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setProperties(Dictionary<String, ?> properties) {
        this.properties = properties;
    }

    @Override
    public void unregister() {
        properties = null;
    }
}
