package org.srplatform.api.escalation;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.security.User;

/**
 * The escalation lifecycle. Each method checks the caller's role and the state, records the change in
 * the SR's timeline and queues its notifications in one transaction. Provided by the escalation
 * feature; absent while it is disabled.
 */
@ProviderType
public interface EscalationService {

    /**
     * @throws org.srplatform.api.common.ValidationException naming each pre-check not confirmed
     */
    Escalation request(SrNumber request, EscalationRequest escalation, User caller);

    Optional<Escalation> find(String id, User caller);

    /** The daily review list: open escalations with their latest state, optionally one state or region. */
    List<Escalation> review(Optional<EscalationState> state, Optional<String> region, User caller);

    Escalation accept(String id, Acceptance acceptance, User caller);

    Escalation presentActionPlan(String id, String text, User caller);

    Escalation agreeCommunicationPlan(String id, CommunicationPlan plan, User caller);

    Escalation recordUpdate(String id, CommunicationChannel channel, String text, User caller);

    Escalation tooSlow(String id, String reason, User caller);

    /**
     * @throws org.srplatform.api.common.ConflictException unless every check holds
     */
    Escalation deEscalate(String id, DeEscalation deEscalation, User caller);

    /**
     * An escalation with its action plan revisions, updates and history; for a customer of its SR, without
     * what is for staff only.
     *
     * @since 1.1
     */
    Optional<EscalationDetails> details(String id, User caller);

    /**
     * The daily review, one page at a time: open escalations, what is owed soonest (so overdue) first.
     *
     * @since 1.1
     */
    org.srplatform.api.common.Page<Escalation> review(EscalationQuery query,
            org.srplatform.api.common.PageRequest page, User caller);

    /**
     * The escalations of one SR, newest first, open or not.
     *
     * @since 1.1
     */
    List<Escalation> escalationsOf(SrNumber request, User caller);

    /**
     * More resources on an open escalation (after "too slow", or whenever the manager decides).
     *
     * @since 1.1
     */
    Escalation addResources(String id, String resources, User caller);
}
