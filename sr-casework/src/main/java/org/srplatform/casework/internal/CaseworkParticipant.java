package org.srplatform.casework.internal;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.request.SupportRequest;
import org.srplatform.api.request.TimelineEntry;
import org.srplatform.spi.account.AccountRepository;
import org.srplatform.spi.catalog.CatalogRepository;
import org.srplatform.spi.outbox.OutboundMessage;
import org.srplatform.spi.store.Sql;
import org.srplatform.spi.store.SupportRequestParticipant;
import org.srplatform.spi.store.Transaction;
import org.srplatform.spi.store.Transactions;

/**
 * Casework's part of every SR opened or changed, in the same transaction: the new SR's queue and
 * first-response clock; clocks paused while it waits on the customer or a vendor and moved on when work
 * resumes; the resolution that closes by itself; staff's public comments sent to the customer (and counted
 * as an update). While casework is disabled none of this runs; SRs opened meanwhile are routed when it is
 * enabled again (TargetWatch).
 */
@Header(name = Transactions.SCHEMA_HEADER, value = "schema")
@Designate(ocd = CaseworkConfig.class)
@Component(configurationPid = CaseworkConfig.PID, property = {
        "sr.feature=casework",
        "osgi.ds.satisfying.condition.target=(&(osgi.condition.id=sr.features)(!(disabled=casework)))" })
public final class CaseworkParticipant implements SupportRequestParticipant {

    private final QueueRouting routing;
    private final AccountRepository accounts;
    private final Clocks clocks;
    private final CustomerMessages messages;
    private final Duration closeAfter;

    @Activate
    public CaseworkParticipant(@Reference Transactions transactions /* its schema is in place */,
            @Reference QueueRouting routing, @Reference AccountRepository accounts, @Reference CatalogRepository catalog,
            CaseworkConfig config) {
        this.routing = routing;
        this.accounts = accounts;
        this.clocks = new Clocks(new ServiceTerms(accounts, catalog, config), config.at_risk_share());
        this.messages = new CustomerMessages(accounts);
        this.closeAfter = Duration.ofMillis(Math.round(config.resolved_close_days() * 86_400_000));
    }

    @Override
    public SupportRequest opening(SupportRequest sr) {
        String region = accounts.account(sr.account()).map(a -> a.region()).orElse("");
        return sr.withQueue(routing.route(sr.product(), sr.severity(), region));
    }

    @Override
    public void opened(Transaction tx, SupportRequest sr) {
        clocks.opened(tx.connection(), sr);
    }

    @Override
    public void changed(Transaction tx, SupportRequest before, SupportRequest after, List<TimelineEntry> entries) {
        Instant at = after.updatedAt();
        SupportRequest next = after;
        if (before.status() != after.status()) {
            next = statusChanged(tx, before, after, entries, at);
        }
        List<OutboundMessage> out = new ArrayList<>();
        if (before.severity() != after.severity()) {
            if (after.targets().firstRespondedAt().isEmpty()) {
                clocks.retarget(tx.connection(), after);
            }
            messages.toCustomer(after, "SEVERITY_CHANGED", Map.of("reason", reason(entries, "")), at).ifPresent(out::add);
        }
        if (after.status() == SrStatus.RESOLVED && before.status() != SrStatus.RESOLVED) {
            messages.toCustomer(after, "RESOLVED", Map.of("reason", reason(entries, ""), "closesAt",
                    at.plus(closeAfter).toString()), at).ifPresent(out::add);
        }
        for (TimelineEntry e : entries) {
            if (!"COMMENT".equals(e.kind()) || e.internal()) {
                continue; // internal notes never leave the building
            }
            if ("staff".equals(e.details().get("by"))) {
                messages.toCustomer(after, "COMMENT", e.summary(), e.actor().name(), e.at()).ifPresent(out::add);
                if (next.targets().firstRespondedAt().isPresent() && next.status().isOpen()) {
                    next = clocks.responded(tx.connection(), next, e.at()); // an update the customer received
                }
            } else if (after.status() == SrStatus.RESOLVED) {
                resolved(tx, after, e.at()); // the customer answered: the SR stays open for another period
            }
        }
        tx.enqueue(out);
        if (!next.equals(after)) {
            tx.updateRequest(next);
        }
    }

    private SupportRequest statusChanged(Transaction tx, SupportRequest before, SupportRequest after,
            List<TimelineEntry> entries, Instant at) {
        SrStatus from = before.status();
        SrStatus to = after.status();
        if (to == SrStatus.CLOSED || to == SrStatus.RESOLVED) {
            clocks.stopAll(tx.connection(), after, at);
            if (to == SrStatus.RESOLVED) {
                resolved(tx, after, at);
            } else {
                unresolved(tx, after);
            }
            return after;
        }
        if (Clocks.runs(from) && !Clocks.runs(to)) {
            clocks.pause(tx.connection(), after, reason(entries, to.name()), at);
            return after;
        }
        if (!Clocks.runs(from) && Clocks.runs(to)) {
            if (from == SrStatus.RESOLVED) {
                unresolved(tx, after);
                return clocks.reopened(tx.connection(), after, at);
            }
            return clocks.resume(tx.connection(), after, at);
        }
        return after;
    }

    private static String reason(List<TimelineEntry> entries, String otherwise) {
        return entries.stream().map(e -> e.details().get("reason")).filter(r -> r != null).findFirst().orElse(otherwise);
    }

    private void resolved(Transaction tx, SupportRequest sr, Instant at) {
        Clocks.sql(() -> {
            try (PreparedStatement s = tx.connection().prepareStatement(
                    "UPDATE casework_resolutions SET resolved_at = ?, closes_at = ?, warn_at = ?, warned = FALSE"
                    + " WHERE sr_number = ?")) {
                if (Sql.bindAll(s, at, at.plus(closeAfter), warnAt(at), sr.number().value()).executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement s = tx.connection().prepareStatement(
                    "INSERT INTO casework_resolutions (sr_number, resolved_at, closes_at, warn_at, warned)"
                    + " VALUES (?, ?, ?, ?, FALSE)")) {
                Sql.bindAll(s, sr.number().value(), at, at.plus(closeAfter), warnAt(at)).executeUpdate();
            }
            return null;
        });
    }

    /** The customer is warned a day before the SR closes, or halfway when it closes sooner. */
    private Instant warnAt(Instant resolvedAt) {
        Duration before = closeAfter.dividedBy(2).compareTo(Duration.ofDays(1)) < 0 ? closeAfter.dividedBy(2)
                : Duration.ofDays(1);
        return resolvedAt.plus(closeAfter).minus(before);
    }

    private void unresolved(Transaction tx, SupportRequest sr) {
        Clocks.sql(() -> {
            try (PreparedStatement s = tx.connection().prepareStatement(
                    "DELETE FROM casework_resolutions WHERE sr_number = ?")) {
                Sql.bindAll(s, sr.number().value()).executeUpdate();
            }
            return null;
        });
    }
}
