package org.srplatform.api.request;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.security.User;

/**
 * Reads and works SRs on behalf of a user, applying who may see and do what: a customer sees only
 * their accounts' SRs (any other is "not found") and never an internal timeline entry.
 */
@ProviderType
public interface SupportRequestService {

    /** The SR with its attachments and timeline as the caller may see them; empty when unknown or not visible. */
    Optional<SupportRequestDetails> find(SrNumber number, User caller);

    /** Headers of the SRs visible to the caller matching the query, newest first. */
    Page<SupportRequest> search(SupportRequestQuery query, PageRequest page, User caller);

    /**
     * Changes the severity because the business impact changed or was recorded wrong. Not an
     * escalation; recomputes the first-response target and keeps the reason in the timeline.
     */
    SupportRequestDetails changeSeverity(SrNumber number, Severity severity, String reason, User caller);

    /**
     * Moves the SR to another state, as the caller's roles allow: staff work the whole lifecycle, a customer
     * may reopen a resolved SR or confirm its closure (a customer's reply, {@link #comment}, brings an SR that
     * waits on them back into work).
     *
     * @throws org.srplatform.api.common.NotAllowedException when the caller's roles may never take this transition
     * @throws org.srplatform.api.common.ConflictException when the transition is not allowed now
     */
    SupportRequestDetails changeStatus(SrNumber number, SrStatus status, String reason, User caller);

    /** Adds a comment; an internal comment is for staff only. */
    SupportRequestDetails comment(SrNumber number, String text, boolean internal, User caller);
}
