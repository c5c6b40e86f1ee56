package org.srplatform.spi.request;

import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.TimelineEntry;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.spi.outbox.OutboundMessage;

/**
 * Where SRs are kept. Every write is one durable transaction holding the SR, its timeline entries and
 * its outbound messages: once a method returns, all of it survives a crash; when it throws, none of it
 * is visible. Thread-safe; works the same when several nodes share one database.
 */
@ProviderType
public interface SupportRequestRepository {

    /**
     * Allocates the SR number and stores the SR with its first timeline entry and the given messages
     * (the confirmation, typically).
     *
     * @param created  the timeline entry of the creation
     * @param messages outbound messages; their {@code request} is set to the new number
     * @return the stored SR, with its number
     */
    SupportRequestDetails create(SupportRequestDraft draft, TimelineEntry created, List<OutboundMessage> messages);

    /** One SR with its attachments and whole timeline (internal entries included). */
    Optional<SupportRequestDetails> find(SrNumber number);

    /**
     * One SR's header: no attachments, no timeline (what an index of SRs reads after each change).
     *
     * @since 1.2
     */
    default Optional<SupportRequest> header(SrNumber number) {
        return find(number).map(SupportRequestDetails::request);
    }

    /**
     * One SR, only if it belongs to one of the accounts: an SR of another account is not even read, so
     * refusing it costs what refusing a missing number costs (numbers cannot be probed by timing).
     *
     * @param accounts the accounts whose SRs may be found; empty finds nothing
     * @since 1.1
     */
    default Optional<SupportRequestDetails> find(SrNumber number, Set<String> accounts) {
        return accounts.isEmpty() ? Optional.empty()
                : find(number).filter(sr -> accounts.contains(sr.request().account()));
    }

    /**
     * Headers of the SRs matching the query, newest first: no attachments, no timelines.
     *
     * @throws org.srplatform.api.common.ValidationException naming {@code q} for a text beyond
     *                                                       {@link SearchText}'s bounds
     */
    Page<SupportRequest> search(SupportRequestQuery query, PageRequest page);

    /**
     * As {@link #search(SupportRequestQuery, PageRequest)}, but the query's text is answered by a
     * full-text index: only the SRs among {@code matches} that meet the query's other filters, newest
     * first. The query's {@code text} is not applied again.
     *
     * @since 1.1
     */
    default Page<SupportRequest> search(SupportRequestQuery query, TextMatches matches, PageRequest page) {
        return search(query, page);
    }

    /**
     * Changes an SR under a row lock.
     *
     * @throws org.srplatform.api.common.NotFoundException for an unknown number
     * @throws org.srplatform.api.common.SrException       whatever the change throws; nothing is written
     */
    SupportRequestDetails update(SrNumber number, SupportRequestChange change);

    /** Records an attachment whose bytes are already durable, with its timeline entry. */
    SupportRequestDetails addAttachment(SrNumber number, AttachmentInfo attachment, TimelineEntry entry);
}
