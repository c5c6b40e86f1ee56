package org.srplatform.requests.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.srplatform.api.request.SrStatus;
import org.srplatform.api.security.Role;
import org.srplatform.api.security.User;

class StatusTransitionsTest {
    private final User customer = new User("c", "C", Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty(), Set.of("1001"),
            false);

    @Test
    void everyRuleIsAStepOfTheLifecycleAndStaffMayTakeEveryStep() {
        for (StatusTransitions.Rule r : StatusTransitions.RULES) {
            assertTrue(r.from().canMoveTo(r.to()), r.toString());
        }
        for (SrStatus from : SrStatus.values()) {
            for (SrStatus to : from.next()) {
                assertTrue(StatusTransitions.RULES.stream().anyMatch(r -> r.from() == from && r.to() == to
                        && r.way() == StatusTransitions.Way.STATUS_CHANGE
                        && r.roles().containsAll(StatusTransitions.STAFF)), from + " -> " + to);
            }
        }
    }

    @Test
    void aCustomerMayReopenConfirmClosureAndReplyNothingElse() {
        Set<String> customers = StatusTransitions.RULES.stream().filter(r -> r.roles().contains(Role.CUSTOMER))
                .map(r -> r.from() + "->" + r.to() + " " + r.way()).collect(Collectors.toSet());
        assertEquals(Set.of("RESOLVED->IN_PROGRESS STATUS_CHANGE", "RESOLVED->CLOSED STATUS_CHANGE",
                "WAITING_ON_CUSTOMER->IN_PROGRESS REPLY"), customers);
        assertEquals(Optional.of(SrStatus.IN_PROGRESS), StatusTransitions.afterReply(SrStatus.WAITING_ON_CUSTOMER, customer));
        assertEquals(Optional.empty(), StatusTransitions.afterReply(SrStatus.WAITING_ON_VENDOR, customer));
    }
}
