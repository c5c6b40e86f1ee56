package com.example.srconnector;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.srplatform.api.partner.CollaborationRequest;
import org.srplatform.api.partner.CollaborationState;
import org.srplatform.api.partner.ConnectorState;
import org.srplatform.api.partner.PartnerCase;
import org.srplatform.api.partner.PartnerConnector;
import org.srplatform.api.partner.PartnerException;
import org.srplatform.api.partner.PartnerNote;

/**
 * A partner connector that needs no network: the "partner" is this object, which keeps its cases in memory.
 * A case it opens is {@code OPEN}; the first time the platform follows it, the partner accepts it and names an
 * engineer. Replace the two maps with calls to your partner's API and keep the rest: the id, the idempotent
 * open, the transient/permanent split of failures.
 *
 * <p>The platform calls {@link #open} and {@link #follow} from its partner dispatcher thread, never while a
 * user waits, and may call {@code open} again with the same correlation id after a crash or a lost answer.
 */
@Component // registers the service PartnerConnector: the platform lists it and routes collaborations to it
public final class ExampleConnector implements PartnerConnector {
    static final String ID = "example";
    static final String ENGINEER = "Alex Example";

    private final Map<String, String> caseOfCorrelation = new ConcurrentHashMap<>();
    private final Map<String, PartnerCase> cases = new ConcurrentHashMap<>();
    private final AtomicLong lastCase = new AtomicLong(1000);
    private final Clock clock;

    @Activate
    public ExampleConnector() {
        this(Clock.systemUTC());
    }

    ExampleConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID; // what POST /requests/{n}/collaborations names in "connector": keep it stable across versions
    }

    @Override
    public String name() {
        return "Example vendor (in memory)";
    }

    @Override
    public ConnectorState state() {
        return ConnectorState.READY; // a real connector says UNCONFIGURED without credentials, DEGRADED while unreachable
    }

    @Override
    public PartnerCase open(String correlationId, CollaborationRequest request) throws PartnerException {
        if (request.summary().isBlank()) {
            // Permanent: the same request would be refused again, so the platform must not retry it.
            throw new PartnerException("Example vendor refuses a request without a summary", false, null);
        }
        // Delivery is at least once: a second open with the same correlation id is the same case, not a new one.
        String externalId = caseOfCorrelation.computeIfAbsent(correlationId, c -> {
            String id = "EX-" + lastCase.incrementAndGet();
            cases.put(id, new PartnerCase(id, CollaborationState.OPEN, Optional.empty(), List.of()));
            return id;
        });
        return cases.get(externalId);
    }

    @Override
    public PartnerCase follow(String externalId) throws PartnerException {
        PartnerCase now = cases.computeIfPresent(externalId, (id, c) -> c.state() != CollaborationState.OPEN ? c
                : new PartnerCase(id, CollaborationState.ACCEPTED, Optional.of(ENGINEER), List.of(new PartnerNote(
                        clock.instant(), ENGINEER, "Accepted: we are looking at it from our side."))));
        if (now == null) {
            // Cases live in memory: after a restart of this bundle they are gone for good. Permanent, so the
            // platform stops following it and staff enter the partner's answers by hand.
            throw new PartnerException("Example vendor has no case " + externalId, false, null);
        }
        return now;
    }
}
