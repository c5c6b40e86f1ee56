package org.srplatform.requests.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.srplatform.api.common.ConflictException;
import org.srplatform.api.common.NotAllowedException;
import org.srplatform.api.request.SrNumber;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;

/**
 * Who may move an SR from which state to which: the one table of the platform's status rules. Staff work
 * the whole lifecycle ({@link SrStatus#next()}); a customer may only reopen a resolved SR, confirm its
 * closure, and by replying bring an SR that waits on them back into work.
 */
final class StatusTransitions {

    /** How a transition is taken: an explicit status change, or a customer's reply (a comment). */
    enum Way {
        STATUS_CHANGE, REPLY
    }

    record Rule(SrStatus from, SrStatus to, Set<Role> roles, Way way) {
    }

    static final Set<Role> STAFF = Set.copyOf(EnumSet.complementOf(EnumSet.of(Role.CUSTOMER)));
    private static final Set<Role> CUSTOMER = Set.of(Role.CUSTOMER);

    /** The table. Every row lies within the lifecycle; every lifecycle step has a staff row (StatusTransitionsTest). */
    static final List<Rule> RULES = List.of(
            staff(SrStatus.NEW, SrStatus.ASSIGNED),
            staff(SrStatus.NEW, SrStatus.IN_PROGRESS),
            staff(SrStatus.NEW, SrStatus.RESOLVED),
            staff(SrStatus.NEW, SrStatus.CLOSED),
            staff(SrStatus.ASSIGNED, SrStatus.IN_PROGRESS),
            staff(SrStatus.ASSIGNED, SrStatus.WAITING_ON_CUSTOMER),
            staff(SrStatus.ASSIGNED, SrStatus.WAITING_ON_VENDOR),
            staff(SrStatus.ASSIGNED, SrStatus.RESOLVED),
            staff(SrStatus.IN_PROGRESS, SrStatus.ASSIGNED),
            staff(SrStatus.IN_PROGRESS, SrStatus.WAITING_ON_CUSTOMER),
            staff(SrStatus.IN_PROGRESS, SrStatus.WAITING_ON_VENDOR),
            staff(SrStatus.IN_PROGRESS, SrStatus.RESOLVED),
            staff(SrStatus.WAITING_ON_CUSTOMER, SrStatus.IN_PROGRESS),
            new Rule(SrStatus.WAITING_ON_CUSTOMER, SrStatus.IN_PROGRESS, CUSTOMER, Way.REPLY), // the customer answered
            staff(SrStatus.WAITING_ON_CUSTOMER, SrStatus.RESOLVED),
            staff(SrStatus.WAITING_ON_VENDOR, SrStatus.IN_PROGRESS),
            staff(SrStatus.WAITING_ON_VENDOR, SrStatus.RESOLVED),
            new Rule(SrStatus.RESOLVED, SrStatus.IN_PROGRESS, union(STAFF, CUSTOMER), Way.STATUS_CHANGE), // reopen
            new Rule(SrStatus.RESOLVED, SrStatus.CLOSED, union(STAFF, CUSTOMER), Way.STATUS_CHANGE)); // confirm closure

    private StatusTransitions() {
    }

    /**
     * Checks an explicit status change by the caller from the SR's current state.
     *
     * @throws NotAllowedException (403) when the caller's roles never move an SR to {@code to}
     * @throws ConflictException (409) when they do, but not from {@code from}
     */
    static void check(SrNumber number, SrStatus from, SrStatus to, User caller) {
        if (allows(from, to, caller, Way.STATUS_CHANGE)) {
            return;
        }
        if (allows(from, to, caller, Way.REPLY)) {
            throw new ConflictException("SR " + number + " waits on your answer: reply with POST /api/v1/requests/"
                    + number + "/comments and it goes back to " + to + ".");
        }
        // 403: the caller's roles never move an SR to this state; 409: they do, but not from the state it is in.
        Set<SrStatus> fromStates = RULES.stream().filter(r -> r.to() == to && r.way() == Way.STATUS_CHANGE
                && holdsAny(caller, r.roles())).map(Rule::from).collect(Collectors.toCollection(() -> EnumSet.noneOf(SrStatus.class)));
        if (fromStates.isEmpty()) {
            throw new NotAllowedException(caller.isStaff()
                    ? "Your role may not move an SR to " + to + "."
                    : "A customer may reopen a resolved SR (IN_PROGRESS), confirm its closure (CLOSED) or reply"
                            + " with a comment; moving SR " + number + " to " + to + " is for support staff.");
        }
        String yours = next(from, caller).stream().map(Enum::name).collect(Collectors.joining(", "));
        throw new ConflictException("SR " + number + " is " + from + " and cannot go to " + to + " now (only from "
                + fromStates.stream().map(Enum::name).collect(Collectors.joining(", ")) + "); allowed now: "
                + (yours.isEmpty() ? "none for you" : yours) + ".");
    }

    /** The state a reply by the caller moves the SR to, if the table says a reply moves it. */
    static Optional<SrStatus> afterReply(SrStatus from, User caller) {
        return RULES.stream().filter(r -> r.from() == from && r.way() == Way.REPLY && holdsAny(caller, r.roles()))
                .map(Rule::to).findFirst();
    }

    /** The states the caller may move an SR to from {@code from} by a status change. */
    static Set<SrStatus> next(SrStatus from, User caller) {
        Set<SrStatus> next = EnumSet.noneOf(SrStatus.class);
        RULES.stream().filter(r -> r.from() == from && r.way() == Way.STATUS_CHANGE && holdsAny(caller, r.roles()))
                .forEach(r -> next.add(r.to()));
        return next;
    }

    private static boolean allows(SrStatus from, SrStatus to, User caller, Way way) {
        return RULES.stream().anyMatch(r -> r.from() == from && r.to() == to && r.way() == way && holdsAny(caller, r.roles()));
    }

    private static boolean holdsAny(User caller, Set<Role> roles) {
        return caller.roles().stream().anyMatch(roles::contains);
    }

    private static Rule staff(SrStatus from, SrStatus to) {
        return new Rule(from, to, STAFF, Way.STATUS_CHANGE);
    }

    private static Set<Role> union(Set<Role> a, Set<Role> b) {
        Set<Role> all = EnumSet.copyOf(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
