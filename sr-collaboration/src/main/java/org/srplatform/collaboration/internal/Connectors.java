package org.srplatform.collaboration.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.srplatform.api.partner.PartnerConnector;

/**
 * The partner connectors installed now: any bundle's {@link PartnerConnector} service joins when it registers
 * and leaves when it goes (a hot-deployed connector, an uninstalled one). Not part of the feature: the list
 * is what is installed, whatever is switched on.
 */
@Component(service = Connectors.class)
public final class Connectors {
    private final List<PartnerConnector> installed = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void add(PartnerConnector connector) {
        installed.add(connector);
    }

    void remove(PartnerConnector connector) {
        installed.remove(connector);
    }

    public List<PartnerConnector> all() {
        return installed.stream().sorted(Comparator.comparing(PartnerConnector::id)).toList();
    }

    public Optional<PartnerConnector> find(String id) {
        return installed.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return all().stream().map(PartnerConnector::id).toList();
    }
}
