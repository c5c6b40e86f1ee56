package org.srplatform.api.partner;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Opens and follows a collaboration with another vendor: TSANet is one connector, a customer's existing
 * support contract with a vendor another. Register an implementation as an OSGi service; it is listed
 * by {@code GET /api/v1/connectors} and used as soon as it is registered.
 *
 * <p>Calls come from the platform's dispatcher thread, after the collaboration is durably recorded in
 * the outbox; they may block for network I/O. Both calls must be idempotent for the same
 * {@code correlationId}, since delivery is at least once.
 *
 * @since 1.0
 */
@ConsumerType
public interface PartnerConnector {

    /** Stable id used in requests ({@code tsanet}). */
    String id();

    /** Display name. */
    String name();

    /** Whether the connector can take requests now. */
    ConnectorState state();

    /**
     * Opens a collaboration at the partner.
     *
     * @param correlationId our id of the collaboration, stable across retries
     * @return the partner's case
     */
    PartnerCase open(String correlationId, CollaborationRequest request) throws PartnerException;

    /** The partner's current view of a case opened earlier. */
    PartnerCase follow(String externalId) throws PartnerException;

    /**
     * The partners this connector reaches whose name matches {@code query} (empty: all it lists), with their
     * forms' fields. A connector with one fixed partner may answer just that one.
     *
     * @since 1.1
     */
    default List<Partner> partners(String query) throws PartnerException {
        return List.of();
    }

    /**
     * Adds our note to a case; idempotent for the same {@code correlationId}.
     *
     * @since 1.1
     */
    default PartnerCase addNote(String externalId, String correlationId, PartnerNote note) throws PartnerException {
        throw new PartnerException(name() + " does not exchange notes", false, null);
    }

    /**
     * Answers the partner's request for more information; idempotent for the same {@code correlationId}.
     *
     * @since 1.1
     */
    default PartnerCase answer(String externalId, String correlationId, String information) throws PartnerException {
        throw new PartnerException(name() + " does not take answers to information requests", false, null);
    }

    /**
     * Closes a case on our side; closing a closed case is not an error.
     *
     * @since 1.1
     */
    default PartnerCase close(String externalId, String reason) throws PartnerException {
        throw new PartnerException(name() + " does not close cases", false, null);
    }

    /**
     * Reads a push the partner made to {@code POST /api/v1/partner-events/{id}} (a webhook): authenticates it (a
     * shared-secret signature, for instance with {@link WebhookSignature}) and says which case it is about and how
     * that case stands now. Called on the HTTP request's thread; do no network I/O here. The platform applies each
     * event id once and answers the partner; a push about a case it does not follow is answered and ignored.
     *
     * @throws PushRejectedException when the push is not for this connector, not authentic or not readable
     * @since 1.1
     */
    default PartnerEvent receive(PartnerPush push) throws PartnerException {
        throw new PushRejectedException(PushRejectedException.Reason.NOT_SUPPORTED, name() + " takes no pushes");
    }
}
