package org.srplatform.store.internal.request;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.service.component.ComponentServiceObjects;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.store.SupportRequestParticipant;
import org.srplatform.spi.store.Transaction;

/** The {@link SupportRequestParticipant}s registered now, called in ranking order inside a transaction. */
final class Participants {
    static final Participants NONE = new Participants(List::of);

    private final Supplier<List<SupportRequestParticipant>> current;

    Participants(Supplier<List<SupportRequestParticipant>> current) {
        this.current = current;
    }

    /**
     * Participants obtained when first needed, not when bound: a participant's own references lead back to
     * the store's services (a capability's Transactions), so binding them eagerly would be a cycle.
     */
    static Participants lazy(Supplier<List<ComponentServiceObjects<SupportRequestParticipant>>> bound) {
        Map<ComponentServiceObjects<SupportRequestParticipant>, SupportRequestParticipant> got = new ConcurrentHashMap<>();
        return new Participants(() -> {
            List<ComponentServiceObjects<SupportRequestParticipant>> now = bound.get();
            if (now.isEmpty()) {
                return List.of();
            }
            got.keySet().retainAll(now); // SCR ungets what an unbound reference got
            List<SupportRequestParticipant> out = new java.util.ArrayList<>(now.size());
            for (ComponentServiceObjects<SupportRequestParticipant> cso : now) {
                SupportRequestParticipant p = got.computeIfAbsent(cso, ComponentServiceObjects::getService);
                if (p != null) {
                    out.add(p);
                }
            }
            return out;
        });
    }

    SupportRequest opening(SupportRequest sr) {
        SupportRequest result = sr;
        for (SupportRequestParticipant p : current.get()) {
            result = p.opening(result);
            if (!result.number().equals(sr.number())) {
                throw new IllegalStateException(p.getClass().getName() + " changed the number of a new SR");
            }
        }
        return result;
    }

    void opened(Transaction tx, SupportRequest sr) {
        for (SupportRequestParticipant p : current.get()) {
            p.opened(tx, sr);
        }
    }

    void changed(Transaction tx, SupportRequest before, SupportRequest after, List<TimelineEntry> entries) {
        for (SupportRequestParticipant p : current.get()) {
            p.changed(tx, before, after, entries);
        }
    }
}
