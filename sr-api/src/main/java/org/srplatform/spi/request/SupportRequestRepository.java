package org.srplatform.spi.request;

import org.srplatform.api.request.AttachmentInfo;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.api.request.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
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
     * The headers of several SRs at once (what an index of SRs reads for a burst of changes): those that
     * exist, in the order of {@code numbers}, each once; unknown numbers are left out. A store answers them
     * in a bounded number of queries, whatever the count.
     *
     * @since 1.2
     */
    default List<SupportRequest> headers(Collection<SrNumber> numbers) {
        List<SupportRequest> found = new ArrayList<>();
        for (SrNumber number : new LinkedHashSet<>(numbers)) {
            header(number).ifPresent(found::add);
        }
        return found;
    }

    /**
     * The headers of the SRs whose {@code updatedAt} is at or after {@code since} (what an index of SRs
     * kept across restarts reads to catch up; since {@link Instant#EPOCH}, every SR, to rebuild it), each
     * once over all pages, in an order the store chooses. A page may hold fewer than {@code page.limit()}
     * SRs, even none, while {@link Page#next()} is present: follow it to the end. A store pages this
     * without sorting what is left, so that reading every SR costs in proportion to their number.
     *
     * @since 1.2
     */
    default Page<SupportRequest> changedSince(Instant since, PageRequest page) {
        Page<SupportRequest> all = search(SupportRequestQuery.all(), page);
        return new Page<>(all.items().stream().filter(sr -> !sr.updatedAt().isBefore(since)).toList(), all.next());
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
