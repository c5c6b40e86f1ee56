package org.srplatform.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
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
import org.srplatform.spi.request.SupportRequestRepository;
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
        return requests.find(number).filter(sr -> caller.canSee(sr.request().account()))
                .map(sr -> asSeenBy(sr, caller));
    }

    @Override
    public Page<SupportRequest> search(SupportRequestQuery query, PageRequest page, User caller) {
        SupportRequestQuery visible = query;
        if (!caller.isStaff()) {
            Set<String> allowed = new HashSet<>(caller.accounts());
            if (!query.accounts().isEmpty()) {
                allowed.retainAll(query.accounts());
            }
            if (allowed.isEmpty()) {
                return Page.last(List.of());
            }
            visible = new SupportRequestQuery(query.status(), query.product(), query.severity(), allowed, query.text());
        }
        return requests.search(visible, page); // headers: nothing internal in them
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
        if (!caller.isStaff() && status != SrStatus.CLOSED && status != SrStatus.IN_PROGRESS) {
            throw new NotAllowedException("A customer may close an SR or reopen it (IN_PROGRESS), nothing else.");
        }
        Instant now = clock.instant();
        return asSeenBy(requests.update(number, current -> {
            if (!current.status().canMoveTo(status)) {
                throw new ConflictException("SR " + number + " cannot go from " + current.status() + " to " + status
                        + " now; allowed: " + current.status().next());
            }
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
        return asSeenBy(requests.update(number, current -> new SupportRequestUpdate(current.withStatus(current.status(), now),
                List.of(new TimelineEntry(now, actor(caller), "COMMENT", text.strip(), Map.of(), internal)), List.of())), caller);
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
        if (caller.isStaff() || sr.timeline().stream().noneMatch(TimelineEntry::internal)) {
            return sr;
        }
        return new SupportRequestDetails(sr.request(), sr.attachments(),
                sr.timeline().stream().filter(e -> !e.internal()).toList());
    }
}
