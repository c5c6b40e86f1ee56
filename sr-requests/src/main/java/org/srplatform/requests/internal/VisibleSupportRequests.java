package org.srplatform.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.api.common.Actor;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.common.Page;
import org.srplatform.api.common.PageRequest;
import org.srplatform.api.common.ValidationException;
import org.srplatform.api.request.Severity;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.SupportRequestDetails;
import org.srplatform.api.request.SupportRequestQuery;
import org.srplatform.spi.request.SearchText;
import org.srplatform.spi.request.SupportRequestRepository;
import org.srplatform.spi.request.SupportRequestTextIndex;
import org.srplatform.spi.request.TextMatches;
import org.srplatform.api.request.SupportRequestService;
import org.srplatform.spi.request.SupportRequestUpdate;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.api.security.User;

/**
 * SRs as a user may see and work them. A customer sees only their accounts' SRs (any other number is
 * "not found", never "forbidden", so numbers cannot be probed) and never an internal timeline entry.
 */
@Component(property = {
        "sr.feature=requests",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=requests)))" })
public final class VisibleSupportRequests implements SupportRequestService {
    static final int REASON_MAX = 2000;
    static final int COMMENT_MAX = 32_000;

    private final SupportRequestRepository requests;
    private final CatalogRepository catalog;
    private final AccountRepository accounts;
    private final Clock clock;

    // Optional: while sr-search is stopped or still building its index, the store searches the text itself.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SupportRequestTextIndex index;

    @Activate
    public VisibleSupportRequests(@Reference SupportRequestRepository requests, @Reference CatalogRepository catalog,
            @Reference AccountRepository accounts) {
        this(requests, catalog, accounts, Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1)) /* API times in milliseconds */);
    }

    VisibleSupportRequests(SupportRequestRepository requests, CatalogRepository catalog, AccountRepository accounts,
            Clock clock) {
        this.requests = requests;
        this.catalog = catalog;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public Optional<SupportRequestDetails> find(SrNumber number, User caller) {
        // A customer's accounts are a condition of the store's query: another account's SR is never loaded,
        // so refusing it takes as long as refusing a number that does not exist.
        Optional<SupportRequestDetails> found = caller.isStaff() ? requests.find(number)
                : requests.find(number, caller.accounts());
        return found.filter(sr -> caller.canSee(sr.request().account())).map(sr -> asSeenBy(sr, caller));
    }

    @Override
    public Page<SupportRequest> search(SupportRequestQuery query, PageRequest page, User caller) {
        Optional<SearchText> text = query.text().map(SearchText::of); // 400 naming q beyond its bounds, before any work
        SupportRequestQuery visible = query;
        if (!caller.isStaff()) {
            Set<String> allowed = new HashSet<>(caller.accounts());
            if (!query.accounts().isEmpty()) {
                allowed.retainAll(query.accounts());
            }
            if (allowed.isEmpty()) {
                return Page.last(List.of());
            }
            if (query.queue().isPresent()) {
                throw new NotAllowedException("Queues are internal to support staff; filter by status, product,"
                        + " severity, account or assignee.");
            }
            visible = query.withAccounts(allowed);
        }
        // The full-text index answers the words when it is there and built; otherwise the store's bounded LIKE.
        SupportRequestTextIndex words = index;
        Optional<TextMatches> matches = text.isEmpty() || words == null ? Optional.empty()
                : words.matching(text.get(), visible.accounts());
        Page<SupportRequest> found = matches.isPresent() ? requests.search(visible, matches.get(), page)
                : requests.search(visible, page);
        return caller.isStaff() ? found
                : new Page<>(found.items().stream().map(VisibleSupportRequests::asSeenByCustomer).toList(), found.next());
    }

    @Override
    public SupportRequestDetails changeSeverity(SrNumber number, Severity severity, String reason, User caller) {
        String why = requireReason(reason);
        visible(number, caller);
        Instant now = clock.instant();
        return asSeenBy(requests.update(number, current -> {
            if (!current.status().isOpen()) {
                throw new ConflictException("SR " + number + " is " + current.status() + "; reopen it before changing its severity.");
            }
            if (current.severity() == severity) {
                throw new ConflictException("SR " + number + " already has severity " + severity.level() + ".");
            }
            // The first-response target follows the new severity, counted from when the SR was opened;
            // once the first response is given the target is history and stays as it was.
            Optional<Instant> due = current.targets().firstRespondedAt().isPresent()
                    ? current.targets().firstResponseDueAt()
                    : recomputedDue(current, severity);
            TimelineEntry entry = TimelineEntry.of(now, actor(caller), "SEVERITY_CHANGED",
                    "Severity " + current.severity().level() + " → " + severity.level() + " (not an escalation)",
                    Map.of("from", Integer.toString(current.severity().level()), "to", Integer.toString(severity.level()),
                            "reason", why, "firstResponseDueAt", due.map(Instant::toString).orElse("")));
            return new SupportRequestUpdate(current.withSeverity(severity, due, now), List.of(entry), List.of());
        }), caller);
    }

    @Override
    public SupportRequestDetails changeStatus(SrNumber number, SrStatus status, String reason, User caller) {
        String why = requireReason(reason);
        visible(number, caller);
        Instant now = clock.instant();
        return asSeenBy(requests.update(number, current -> {
            // Checked on the locked row: the state it is in now, not the one read a moment ago.
            StatusTransitions.check(number, current.status(), status, caller);
            TimelineEntry entry = TimelineEntry.of(now, actor(caller), "STATUS_CHANGED",
                    current.status() + " → " + status, Map.of("from", current.status().name(), "to", status.name(), "reason", why));
            return new SupportRequestUpdate(current.withStatus(status, now), List.of(entry), List.of());
        }), caller);
    }

    @Override
    public SupportRequestDetails comment(SrNumber number, String text, boolean internal, User caller) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(FieldError.of("text", "is required"));
        }
        if (text.length() > COMMENT_MAX) {
            throw new ValidationException(FieldError.of("text", "is longer than " + COMMENT_MAX + " characters; attach it as a file"));
        }
        if (internal && !caller.isStaff()) {
            throw new NotAllowedException("Only support staff may write internal comments.");
        }
        visible(number, caller);
        Instant now = clock.instant();
        return asSeenBy(requests.update(number, current -> {
            List<TimelineEntry> entries = new ArrayList<>();
            // "by" tells readers of the timeline (casework sends staff comments to the customer) who wrote it.
            entries.add(new TimelineEntry(now, actor(caller), "COMMENT", text.strip(),
                    Map.of("by", caller.isStaff() ? "staff" : "customer"), internal));
            // A reply may move the SR on (a customer answering while it waits on them), as the table says.
            Optional<SrStatus> next = internal ? Optional.empty() : StatusTransitions.afterReply(current.status(), caller);
            next.ifPresent(to -> entries.add(TimelineEntry.of(now, actor(caller), "STATUS_CHANGED",
                    current.status() + " → " + to, Map.of("from", current.status().name(), "to", to.name(),
                            "reason", "the customer replied"))));
            return new SupportRequestUpdate(current.withStatus(next.orElse(current.status()), now), entries, List.of());
        }), caller);
    }

    private Optional<Instant> recomputedDue(SupportRequest sr, Severity severity) {
        return accounts.account(sr.account())
                .flatMap(a -> a.contracts().stream().filter(c -> c.product().equals(sr.product())).findFirst())
                .flatMap(c -> accounts.offering(c.offering()))
                .flatMap(o -> o.target(severity))
                .flatMap(t -> catalog.product(sr.product()).map(p -> t.dueFor(sr.createdAt(), p.supportHours())));
    }

    private void visible(SrNumber number, User caller) {
        if (find(number, caller).isEmpty()) {
            throw new NotFoundException("No SR " + number + " is visible to you.");
        }
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ValidationException(FieldError.of("reason", "is required: say why, it is kept in the SR's timeline"));
        }
        if (reason.length() > REASON_MAX) {
            throw new ValidationException(FieldError.of("reason", "is longer than " + REASON_MAX + " characters"));
        }
        return reason.strip();
    }

    private static Actor actor(User caller) {
        return new Actor(caller.login(), caller.displayName());
    }

    private static SupportRequestDetails asSeenBy(SupportRequestDetails sr, User caller) {
        if (caller.isStaff()) {
            return sr;
        }
        return new SupportRequestDetails(asSeenByCustomer(sr.request()), sr.attachments(),
                sr.timeline().stream().filter(e -> !e.internal()).toList());
    }

    /** A customer never sees the internal queue that works their SR. */
    private static SupportRequest asSeenByCustomer(SupportRequest sr) {
        return sr.queue().isEmpty() ? sr : sr.withQueue(Optional.empty());
    }
}
